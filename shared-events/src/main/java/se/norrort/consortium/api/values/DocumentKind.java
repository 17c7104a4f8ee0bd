package se.norrort.consortium.api.values;

/** The kind of an attached document. Swedish names where they are the real names of the documents. */
public enum DocumentKind {
    /** Tjänsteutlåtande: the official report that prepares a committee decision. */
    TJANSTEUTLATANDE,
    /** Förstudierapport: the report of the pre-study the application builds on. */
    FORSTUDIERAPPORT,
    /** Protokollsutdrag: an extract from the minutes of a committee meeting. */
    PROTOKOLLSUTDRAG,
    /** Samverkansblankett: the signed cooperation form (partner certificate). */
    COOPERATION_FORM,
    /** A report to the funder (interim or final). */
    REPORT,
    /** Anything else. */
    OTHER
}
