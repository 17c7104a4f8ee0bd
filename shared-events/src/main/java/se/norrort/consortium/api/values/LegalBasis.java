package se.norrort.consortium.api.values;

/** The legal basis of a funding call under förordningen (2010:1122) om statlig ersättning för insatser för vissa utlänningar. */
public enum LegalBasis {
    /** § 37: development funds (utvecklingsmedel) for refugee reception, e.g. pre-studies and joint projects. */
    SECTION_37,
    /** § 37a: funds for measures for asylum seekers and others (e.g. early measures). */
    SECTION_37A
}
