package se.norrort.consortium.api.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * A Swedish municipality code (kommunkod): four digits, the first two being the county (01 = Stockholm County),
 * e.g. {@code 0162} for Danderyd. Municipalities are identified by their code, never by their name.
 * <p>
 * Any well-formed code is a valid value; whether it is one of the 15 Koordination Norrort municipalities is a rule
 * of the application, see {@link Municipalities}.
 */
public record MunicipalityCode(String value) implements Comparable<MunicipalityCode> {

    private static final Pattern FOUR_DIGITS = Pattern.compile("\\d{4}");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public MunicipalityCode {
        if (value == null || !FOUR_DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "Municipality code must be exactly four digits, but was '" + value + "'");
        }
    }

    public static MunicipalityCode of(String value) {
        return new MunicipalityCode(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** Orders by code, e.g. 0114 before 0191. */
    @Override
    public int compareTo(MunicipalityCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
