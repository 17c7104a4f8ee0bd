package se.norrort.consortium.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The shared codes answer the status and title a plain status problem of theirs has always had. */
class CommonProblemCodeTest {

    @Test
    void eachCodeOfAPlainStatusHasThatStatusAndItsTitle() {
        for (HttpStatus status : HttpStatus.values()) {
            if (!status.isError()) {
                continue;
            }
            CommonProblemCode code = ProblemCodes.codeFor(status);
            if (code == CommonProblemCode.INVALID_REQUEST || code == CommonProblemCode.INTERNAL_ERROR) {
                continue; // the codes of every status without one of its own
            }
            assertThat(code.status().value()).as(status.toString()).isEqualTo(status.value());
        }
    }

    @Test
    void theTitlesOfPlainStatusesAreTheOnesAnsweredBefore() {
        // as the status switch of ProblemCodes.title answered them before the codes became an enum
        java.util.Map<Integer, String> before = java.util.Map.ofEntries(
                java.util.Map.entry(400, "Invalid request"),
                java.util.Map.entry(401, "Authentication required"),
                // changed in ADR 0030: "Not allowed" before, now the title the domain's ROLE_NOT_ALLOWED has
                java.util.Map.entry(403, "Role not allowed"),
                java.util.Map.entry(404, "Not found"),
                java.util.Map.entry(405, "Method not allowed"),
                java.util.Map.entry(406, "Not acceptable"),
                java.util.Map.entry(408, "Invalid request"),
                java.util.Map.entry(409, "Invalid request"),
                java.util.Map.entry(410, "Invalid request"),
                java.util.Map.entry(413, "Request too large"),
                java.util.Map.entry(415, "Unsupported media type"),
                java.util.Map.entry(422, "Invalid request"),
                java.util.Map.entry(429, "Too many requests"),
                java.util.Map.entry(431, "Invalid request"),
                java.util.Map.entry(500, "Internal error"),
                java.util.Map.entry(502, "Internal error"),
                java.util.Map.entry(503, "Service unavailable"));
        before.forEach((status, title) -> assertThat(ProblemCodes.title(HttpStatus.valueOf(status)))
                .as(status.toString())
                .isEqualTo(title));
    }

    @Test
    void theCodesClientsSeeAreUnchanged() {
        assertThat(ProblemCodes.forStatus(HttpStatus.UNAUTHORIZED)).isEqualTo("UNAUTHENTICATED");
        assertThat(ProblemCodes.forStatus(HttpStatus.FORBIDDEN)).isEqualTo("ROLE_NOT_ALLOWED");
        assertThat(ProblemCodes.forStatus(HttpStatus.UNPROCESSABLE_CONTENT)).isEqualTo("INVALID_REQUEST");
        assertThat(ProblemCodes.forStatus(HttpStatus.GONE)).isEqualTo("INVALID_REQUEST");
        assertThat(ProblemCodes.forStatus(HttpStatus.BAD_GATEWAY)).isEqualTo("INTERNAL_ERROR");
        assertThat(ProblemCodes.forStatus(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE))
                .isEqualTo("HEADERS_TOO_LARGE");
    }
}
