package se.norrort.consortium.api.values;

import java.util.regex.Pattern;

/** Shared shape checks for the opaque identifiers of the contract. */
final class Identifiers {

    static final int MAX_LENGTH = 64;
    private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9._-]+");

    private Identifiers() {}

    /**
     * Checks an opaque identifier: not blank, at most {@value #MAX_LENGTH} characters, only letters a–z/A–Z, digits,
     * '.', '_' and '-', and not only dots (ids name folders in the archive package, where {@code ..} would climb out).
     */
    static String requireOpaqueId(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " must be at most " + MAX_LENGTH + " characters long");
        }
        if (!OPAQUE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    what + " may contain only letters A-Z and a-z, digits, '.', '_' and '-', but was '" + value + "'");
        }
        if (value.chars().allMatch(c -> c == '.')) {
            throw new IllegalArgumentException(what + " must not consist of dots only, but was '" + value + "'");
        }
        return value;
    }

    static String requireText(String value, String what, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(what + " must be at most " + maxLength + " characters long");
        }
        return value;
    }

    static <T> T requireNonNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }
}
