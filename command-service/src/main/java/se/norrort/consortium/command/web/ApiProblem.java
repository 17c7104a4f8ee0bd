package se.norrort.consortium.command.web;

import org.springframework.http.HttpStatus;
import se.norrort.consortium.command.domain.ErrorCode;

/**
 * A refusal decided at the API edge, answered as an RFC 9457 problem with a stable code: an {@link EdgeErrorCode}, or
 * a domain {@link ErrorCode} that the edge decides itself (an owner's application quota, a document id already
 * attached), answered with the status {@link RefusalStatus} gives it.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String title;

    private ApiProblem(HttpStatus status, String code, String title, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public ApiProblem(EdgeErrorCode code, String detail) {
        this(code, code.title(), detail);
    }

    /** With a title of its own, e.g. naming the header that was refused. */
    public ApiProblem(EdgeErrorCode code, String title, String detail) {
        this(code.status(), code.name(), title, detail);
    }

    /** A domain refusal decided at the edge, answered as the domain's refusals are. */
    public static ApiProblem refusal(ErrorCode code, String detail) {
        return new ApiProblem(RefusalStatus.of(code), code.name(), code.title(), detail);
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(EdgeErrorCode.UNAUTHENTICATED, detail);
    }

    public static ApiProblem invalid(String detail) {
        return new ApiProblem(EdgeErrorCode.INVALID_REQUEST, detail);
    }

    public HttpStatus status() {
        return status;
    }

    /** The stable code clients see. */
    public String code() {
        return code;
    }

    /** Whether this is the refusal {@code refusal}. */
    public boolean is(ErrorCode refusal) {
        return code.equals(refusal.name());
    }

    public String title() {
        return title;
    }
}
