package se.norrort.consortium.api.values;

/** The reports a grant requires. */
public enum ReportKind {
    /** Delredovisning: the interim report. */
    INTERIM,
    /** Slutredovisning: the final report. */
    FINAL
}
