package se.norrort.consortium.archive;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import se.norrort.consortium.api.values.BusinessZone;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.Municipalities;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.model.ApplicationState;

/**
 * How the package's human-readable files (report and descriptive metadata) put things in words: in Swedish, the
 * language of the records, with business dates as {@code YYYY-MM-DD} and instants in Europe/Stockholm time.
 */
final class Texts {

    /** Business dates and local times are in Europe/Stockholm. */
    static final ZoneId STOCKHOLM = BusinessZone.ZONE;

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Texts() {}

    /** Escapes text for HTML and XML content and attribute values; null becomes the empty string. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append('\uFFFD');
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** "Danderyd (0162)", or the bare code for a municipality that is not one of the 15. */
    static String municipality(MunicipalityCode code) {
        if (code == null) {
            return "";
        }
        return Municipalities.byCode(code)
                .map(m -> m.officialName() + " (" + code + ")")
                .orElse(code.toString());
    }

    /** The municipality's official name, or its code. */
    static String municipalityName(MunicipalityCode code) {
        return Municipalities.byCode(code).map(Municipalities::officialName).orElse(code.toString());
    }

    /** Whole kronor with a space between thousands: "2 400 000 kr". */
    static String sek(long amount) {
        String digits = Long.toString(Math.abs(amount));
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                grouped.append(' ');
            }
            grouped.append(digits.charAt(i));
        }
        return (amount < 0 ? "-" : "") + grouped + " kr";
    }

    /** An instant as local Stockholm time, "2023-09-20 12:00". */
    static String time(Instant instant) {
        return instant == null ? "" : LOCAL_TIME.format(instant.atZone(STOCKHOLM));
    }

    /** "§ 37 förordningen (2010:1122)". */
    static String legalBasis(LegalBasis basis) {
        if (basis == null) {
            return "";
        }
        return (basis == LegalBasis.SECTION_37A ? "§ 37 a" : "§ 37") + " förordningen (2010:1122) om statlig"
                + " ersättning för insatser för vissa utlänningar";
    }

    /** "Socialnämnden § 45, sammanträde 2023-09-20 (omedelbart justerad)". */
    static String decision(DecisionReference d) {
        if (d == null) {
            return "";
        }
        return d.body() + " " + d.paragraph() + ", sammanträde " + d.meetingDate()
                + (d.immediateAdjustment() ? " (omedelbart justerad)" : ", anslagen " + d.announcementDate());
    }

    static String status(ApplicationState.Status status) {
        if (status == null) {
            return "Inte öppnad";
        }
        return switch (status) {
            case OPEN -> "Öppen för anslutning";
            case JOINING_CLOSED -> "Anslutningstiden har gått ut";
            case SUBMITTED -> "Inlämnad, väntar på beslut";
            case GRANTED -> "Beviljad";
            case REJECTED -> "Avslagen";
            case CLOSED -> "Avslutad";
        };
    }

    static String membership(ApplicationState.MembershipStatus status) {
        return switch (status) {
            case INVITED -> "Inbjuden, inget beslut";
            case JOINED -> "Ansluten";
            case DECLINED -> "Avböjt";
            case WITHDRAWN -> "Utträtt";
        };
    }

    /** A role of the contract ({@code Role} name) in words; any other text as it is. */
    static String role(String role) {
        return switch (role) {
            case "MUNICIPALITY_OFFICER" -> "kommunens handläggare";
            case "SIGNATORY" -> "undertecknare med delegering";
            case "FUNDER_OFFICER" -> "bidragsgivarens handläggare";
            case "AUDITOR" -> "revisor";
            case "OPERATOR" -> "driftansvarig";
            case "SYSTEM" -> "systemet";
            default -> role;
        };
    }

    static String report(ReportKind kind) {
        return kind == ReportKind.INTERIM ? "Delredovisning" : "Slutredovisning";
    }
}
