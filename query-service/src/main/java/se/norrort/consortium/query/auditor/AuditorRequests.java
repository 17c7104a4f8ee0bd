package se.norrort.consortium.query.auditor;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import se.norrort.consortium.api.values.BusinessZone;
import se.norrort.consortium.query.api.QueryErrorCode;

/** Parsing of the auditor endpoints' parameters, and their RFC 9457 problems with a stable {@code code}. */
final class AuditorRequests {

    private AuditorRequests() {}

    /** A request parameter that is not valid; answered as 400. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    /** An ISO-8601 instant such as {@code 2023-10-01T12:00:00Z}, or null when absent. */
    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new Invalid(name + " must be an ISO-8601 instant in UTC such as 2023-10-01T12:00:00Z, but was '"
                    + value + "'.");
        }
    }

    /** The last instant of a business date ({@code YYYY-MM-DD}) in Europe/Stockholm, or null when absent. */
    static Instant endOfDay(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip())
                    .plusDays(1)
                    .atStartOfDay(BusinessZone.ZONE) // business dates are dates in Europe/Stockholm
                    .toInstant()
                    .minusNanos(1);
        } catch (DateTimeParseException e) {
            throw new Invalid(name + " must be a date such as 2023-10-01, but was '" + value + "'.");
        }
    }

    /** A municipality code filter, or null when absent. */
    static String municipality(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.strip().matches("\\d{4}")) {
            throw new Invalid(
                    "municipality must be a four-digit municipality code such as 0162, but was '" + value + "'.");
        }
        return value.strip();
    }

    static ResponseEntity<ProblemDetail> invalid(Invalid invalid) {
        return QueryErrorCode.INVALID_REQUEST.answer(invalid.getMessage());
    }

    static ResponseEntity<ProblemDetail> notFound(String applicationId) {
        return QueryErrorCode.APPLICATION_NOT_FOUND.answer(
                "The event store holds no events of application " + applicationId + ".");
    }
}
