package se.norrort.consortium.command.web;

import org.springframework.http.HttpStatus;
import se.norrort.consortium.command.domain.ErrorCode;

/** The HTTP status a domain refusal is answered with: decided here, at the edge, from the refusal's category. */
public final class RefusalStatus {

    private RefusalStatus() {}

    public static HttpStatus of(ErrorCode code) {
        return switch (code.category()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
    }
}
