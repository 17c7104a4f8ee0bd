package se.norrort.consortium.command.web;

import java.math.BigDecimal;
import java.util.UUID;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * Request fields into contract values, shared by the command controllers. Every refusal of input is an
 * {@link IllegalArgumentException}, which {@link ProblemDetailsAdvice} answers as a 400 problem with code
 * {@code INVALID_REQUEST}.
 */
public final class RequestFields {

    private RequestFields() {}

    /** A required municipality code from the path or the body. */
    public static MunicipalityCode municipality(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required (a 4-digit municipality code).");
        }
        return new MunicipalityCode(value);
    }

    /** A required field; {@code explanation} says what is missing, e.g. "amountSek is required (whole kronor)." */
    public static <T> T required(T value, String explanation) {
        if (value == null) {
            throw new IllegalArgumentException(explanation);
        }
        return value;
    }

    /**
     * A required whole number of kronor. Request records take amounts as {@link BigDecimal} because binding JSON to a
     * {@code long} would silently drop a fraction (1500.70 would become 1500); here a fraction is refused instead.
     */
    public static long wholeKronor(BigDecimal value, String field) {
        return wholeNumber(value, field, field + " is required (whole kronor).");
    }

    /** A required whole number, e.g. a year or a size in bytes; a fraction is refused rather than truncated. */
    public static long wholeNumber(BigDecimal value, String field, String whenMissing) {
        required(value, whenMissing);
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " must be a whole number (no fraction, at most 18 digits).");
        }
    }

    /** A required calendar year, e.g. 2027. */
    public static int year(BigDecimal value, String field) {
        long year = wholeNumber(value, field, field + " is required (a calendar year).");
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException(field + " must be a calendar year, e.g. 2027.");
        }
        return (int) year;
    }

    /** The client's id for a new thing (for idempotent creation), or a fresh one chosen by the server. */
    public static String idOrNew(String clientId) {
        return clientId == null || clientId.isBlank() ? UUID.randomUUID().toString() : clientId.strip();
    }
}
