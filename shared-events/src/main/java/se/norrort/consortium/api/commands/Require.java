package se.norrort.consortium.api.commands;

import java.util.List;
import java.util.Objects;

/**
 * Presence and size checks shared by the command records. Every free text has a length cap, so that no command can
 * grow the events, or the views that copy them, without bound: {@link #NAME_MAX} for names, titles, case numbers
 * and roles, {@link #TEXT_MAX} for reasons and scopes; lists at most {@link #LIST_MAX} entries.
 */
public final class Require {

    /** Names, titles, case numbers, roles, media types: at most this many characters. */
    public static final int NAME_MAX = 300;
    /** Reasons and scopes: at most this many characters. */
    public static final int TEXT_MAX = 2000;
    /** Lists in a command (target groups, report due dates, invited municipalities): at most this many entries. */
    public static final int LIST_MAX = 50;

    private Require() {}

    static <T> T present(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

    /** A short text: not blank, at most {@link #NAME_MAX} characters. */
    static String name(String value, String what) {
        return text(value, what, NAME_MAX);
    }

    /** A free text: not blank, at most {@link #TEXT_MAX} characters. */
    static String text(String value, String what) {
        return text(value, what, TEXT_MAX);
    }

    static String text(String value, String what, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new IllegalArgumentException(what + " must be at most " + max + " characters long");
        }
        return stripped;
    }

    static <T> List<T> list(List<T> values, String what) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > LIST_MAX) {
            throw new IllegalArgumentException(what + " must have at most " + LIST_MAX + " entries");
        }
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(what + " must not contain empty entries");
        }
        return List.copyOf(values);
    }
}
