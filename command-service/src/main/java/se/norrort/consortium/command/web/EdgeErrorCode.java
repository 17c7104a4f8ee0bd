package se.norrort.consortium.command.web;

import org.springframework.http.HttpStatus;
import se.norrort.consortium.security.ProblemCode;

/**
 * The stable codes of the command-service's refusals decided at the API edge (the request, its headers, the
 * document upload, the idempotency filter, how the command bus answered), each with the HTTP status and title it is
 * answered with. The domain's refusals are {@code command.domain.ErrorCode} (status from {@link RefusalStatus});
 * problems for plain statuses (unknown path, 405, ...) come from {@code security} ({@code ProblemCodes}). The name is
 * the {@code code} clients see; never rename one. Every code is listed in doc/error-codes.md. All are written by
 * {@link ProblemCode}.
 */
public enum EdgeErrorCode implements ProblemCode {

    // --- the request itself (400, 401)
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),
    INVALID_IDEMPOTENCY_KEY(HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key"),
    /** Answered with the header's name in the title ("Invalid X-Request-Id", "Invalid X-Correlation-Id"). */
    INVALID_CORRELATION_ID(HttpStatus.BAD_REQUEST, "Invalid correlation id"),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Authentication required"),

    // --- what the command names (404, 409)
    APPLICATION_NOT_FOUND(HttpStatus.NOT_FOUND, "Application not found"),
    APPLICATION_ALREADY_EXISTS(HttpStatus.CONFLICT, "Application already exists"),
    CONCURRENT_MODIFICATION(HttpStatus.CONFLICT, "Concurrent modification"),
    REQUEST_IN_PROGRESS(HttpStatus.CONFLICT, "Request in progress"),
    DOCUMENT_ID_IN_USE(HttpStatus.CONFLICT, "Document id in use"),

    // --- the body (413, 415, 422)
    DOCUMENT_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Document too large"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Request too large"),
    UNSUPPORTED_DOCUMENT_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported document type"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused"),

    // --- not now (503)
    TIMEOUT(HttpStatus.SERVICE_UNAVAILABLE, "Timed out"),
    SERVER_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "Server busy");

    private final HttpStatus status;
    private final String title;

    EdgeErrorCode(HttpStatus status, String title) {
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
