package se.norrort.consortium.api.values;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The 15 municipalities of <b>Koordination Norrort</b> (the standing cooperation of the northern municipalities of
 * Stockholm County on refugee reception, hosted by Sollentuna), with their official municipality codes and names.
 */
public enum Municipalities {
    UPPLANDS_VASBY("0114", "Upplands Väsby"),
    VALLENTUNA("0115", "Vallentuna"),
    OSTERAKER("0117", "Österåker"),
    JARFALLA("0123", "Järfälla"),
    EKERO("0125", "Ekerö"),
    UPPLANDS_BRO("0139", "Upplands-Bro"),
    TABY("0160", "Täby"),
    DANDERYD("0162", "Danderyd"),
    SOLLENTUNA("0163", "Sollentuna"),
    SUNDBYBERG("0183", "Sundbyberg"),
    SOLNA("0184", "Solna"),
    LIDINGO("0186", "Lidingö"),
    VAXHOLM("0187", "Vaxholm"),
    NORRTALJE("0188", "Norrtälje"),
    SIGTUNA("0191", "Sigtuna");

    private static final List<MunicipalityCode> ALL_CODES =
            Arrays.stream(values()).map(Municipalities::code).toList();

    private final MunicipalityCode code;
    private final String officialName;

    Municipalities(String code, String officialName) {
        this.code = new MunicipalityCode(code);
        this.officialName = officialName;
    }

    public MunicipalityCode code() {
        return code;
    }

    /** The official name, e.g. "Upplands Väsby". */
    public String officialName() {
        return officialName;
    }

    /** The codes of all 15 municipalities, in code order. */
    public static List<MunicipalityCode> allCodes() {
        return ALL_CODES;
    }

    public static Optional<Municipalities> byCode(MunicipalityCode code) {
        return Arrays.stream(values()).filter(m -> m.code.equals(code)).findFirst();
    }

    /** Whether the code is one of the 15 Koordination Norrort municipalities. */
    public static boolean isKoordinationNorrort(MunicipalityCode code) {
        return ALL_CODES.contains(code);
    }
}
