package se.norrort.consortium.api.commands;

import java.util.List;
import java.util.Objects;

/** Presence checks shared by the command records. */
final class Require {

    private Require() {
    }

    static <T> T present(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

    static String text(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value.strip();
    }

    static <T> List<T> list(List<T> values, String what) {
        if (values == null) {
            return List.of();
        }
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(what + " must not contain empty entries");
        }
        return List.copyOf(values);
    }
}
