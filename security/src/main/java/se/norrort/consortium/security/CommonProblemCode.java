package se.norrort.consortium.security;

import org.springframework.http.HttpStatus;

/**
 * The problem codes both services answer outside any domain rule: for a plain HTTP status ({@link ProblemCodes}), and
 * from the shared filters (authentication, roles, path and header checks, the command rate limit). Each service's own
 * codes are enums of their own ({@code ErrorCode}, {@code EdgeErrorCode}, {@code QueryErrorCode}); the constant's name
 * is the {@code code} clients see.
 */
public enum CommonProblemCode implements ProblemCode {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),
    INVALID_PATH(HttpStatus.BAD_REQUEST, "Invalid path"),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Authentication required"),
    /**
     * The role may not do this: here an endpoint the role may not call; the command-service's domain raises the same
     * code, with the same title, for the one rule that depends on the role alone (attaching a document; ADR 0030).
     */
    ROLE_NOT_ALLOWED(HttpStatus.FORBIDDEN, "Role not allowed"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    REQUEST_TIMEOUT(HttpStatus.REQUEST_TIMEOUT, "Invalid request"),
    CONFLICT(HttpStatus.CONFLICT, "Invalid request"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Request too large"),
    URI_TOO_LONG(HttpStatus.URI_TOO_LONG, "Invalid request"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    HEADERS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Invalid request"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private final HttpStatus status;
    private final String title;

    CommonProblemCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public HttpStatus status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
