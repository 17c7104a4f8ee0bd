package se.norrort.consortium.api.values;

/** What an acting party is allowed to be in the consortium process. */
public enum Role {
    /** An officer (tjänsteperson) who acts for one municipality only. Officers of the owner act as project owner. */
    MUNICIPALITY_OFFICER,
    /** A person who signs a cooperation form under a delegation (the delegate, e.g. a socialdirektör). */
    SIGNATORY,
    /** An officer of the funder (the County Administrative Board, Länsstyrelsen). */
    FUNDER_OFFICER,
    /** Reads everything, replays, verifies; changes nothing. */
    AUDITOR,
    /** Runs replays and other operations; makes no decisions. */
    OPERATOR,
    /** The system itself, e.g. for deadlines. */
    SYSTEM
}
