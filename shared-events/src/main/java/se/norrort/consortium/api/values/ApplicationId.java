package se.norrort.consortium.api.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Opaque identifier of a consortium application, chosen by the server or by the client for idempotent creation.
 * <p>
 * Not blank, at most 64 characters of {@code [A-Za-z0-9._-]}. Serializes as a plain JSON string.
 */
public record ApplicationId(String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ApplicationId {
        Identifiers.requireOpaqueId(value, "Application id");
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** The plain value (Axon uses it as the stored identifier). */
    @Override
    public String toString() {
        return value;
    }
}
