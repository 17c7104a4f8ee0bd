package se.norrort.consortium.api.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Opaque identifier of a person (an officer, a signatory, a funder officer), issued by the identity provider. Never a personal identity number (personnummer).
 * <p>
 * Not blank, at most 64 characters of {@code [A-Za-z0-9._-]}. Serializes as a plain JSON string.
 */
public record PersonId(String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public PersonId {
        Identifiers.requireOpaqueId(value, "Person id");
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
