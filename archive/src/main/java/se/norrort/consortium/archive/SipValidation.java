package se.norrort.consortium.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.roda_project.commons_ip2.validator.EARKSIPValidator;
import org.roda_project.commons_ip2.validator.reporter.ValidationReportOutputJson;

/**
 * Checks a package with commons-ip2's own E-ARK validator ({@link EARKSIPValidator}) against E-ARK CSIP and SIP
 * {@value #SPECIFICATION}, the version the package is built to. The validator checks the folder structure, both
 * METS files against the METS schema and the CSIP/SIP requirements, and every file's size and checksum against the
 * METS. A requirement failed at MUST level is an error (the package is invalid), at SHOULD level a warning; MAY-level
 * remarks are notes.
 */
public final class SipValidation {

    /** The E-ARK CSIP/SIP version packages are built and validated to. */
    public static final String SPECIFICATION = "2.1.0";

    private SipValidation() {}

    /**
     * The validator's verdict.
     *
     * @param valid    whether no MUST requirement failed
     * @param failures the requirements that failed (MUST and SHOULD), each as {@code "ID (LEVEL): issue; issue"}
     * @param report   the validator's full JSON report
     */
    public record Verdict(
            boolean valid,
            int errors,
            int warnings,
            int notes,
            int skipped,
            int passed,
            List<String> failures,
            String report) {

        /** One line: {@code VALID (E-ARK CSIP/SIP 2.1.0, commons-ip2): 0 errors, 1 warning, 9 notes}. */
        public String summary() {
            return (valid ? "VALID" : "INVALID") + " (E-ARK CSIP/SIP " + SPECIFICATION + ", commons-ip2 validator): "
                    + errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning"
                    + (warnings == 1 ? "" : "s") + ", " + notes + " note" + (notes == 1 ? "" : "s");
        }
    }

    /** Validates the package (a zip file, or a folder). */
    public static Verdict validate(Path sip) {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        try {
            ValidationReportOutputJson reporter = new ValidationReportOutputJson(sip, report);
            boolean valid = new EARKSIPValidator(reporter, SPECIFICATION).validate(SPECIFICATION);
            String json = report.toString(StandardCharsets.UTF_8);
            return new Verdict(
                    valid && reporter.getErrors() == 0,
                    reporter.getErrors(),
                    reporter.getWarnings(),
                    reporter.getNotes(),
                    reporter.getSkipped(),
                    reporter.getSuccess(),
                    failures(json),
                    json);
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException("The E-ARK validator could not run on " + sip + ": " + e.getMessage(), e);
        }
    }

    private static List<String> failures(String json) throws IOException {
        List<String> failures = new ArrayList<>();
        for (JsonNode requirement : new ObjectMapper().readTree(json).path("validation")) {
            JsonNode testing = requirement.path("testing");
            if ("FAILED".equals(testing.path("outcome").asText())) {
                List<String> issues = new ArrayList<>();
                testing.path("issues").forEach(issue -> issues.add(issue.asText()));
                testing.path("warnings").forEach(issue -> issues.add(issue.asText()));
                failures.add(requirement.path("id").asText() + " ("
                        + requirement.path("level").asText() + "): " + String.join("; ", issues));
            }
        }
        return List.copyOf(failures);
    }
}
