package se.norrort.consortium.query.security;

import se.norrort.consortium.query.api.QueryErrorCode;

/** A {@link ReadRule}'s refusal of a read, answered by {@link ReadAccessFilter} as problem+json with its code. */
public class ReadRefused extends RuntimeException {

    private final QueryErrorCode code;

    public ReadRefused(QueryErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public QueryErrorCode code() {
        return code;
    }
}
