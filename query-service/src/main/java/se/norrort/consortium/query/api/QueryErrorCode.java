package se.norrort.consortium.query.api;

import org.springframework.http.HttpStatus;
import se.norrort.consortium.security.ProblemCode;

/**
 * The stable codes of the query-service's own problem answers, each with the HTTP status and title it is answered
 * with. The name is the {@code code} clients see; never rename one. Problems for plain statuses (unknown path, 405,
 * ...) and from the shared filters come from {@code security} ({@code ProblemCodes}); every code is listed in
 * doc/error-codes.md. All are written by {@link ProblemCode}.
 */
public enum QueryErrorCode implements ProblemCode {

    // --- the request itself (400)
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),
    INVALID_PAGE(HttpStatus.BAD_REQUEST, "Invalid page"),
    INVALID_PAGE_SIZE(HttpStatus.BAD_REQUEST, "Invalid page size"),
    INVALID_FILTER(HttpStatus.BAD_REQUEST, "Invalid filter"),
    INVALID_MUNICIPALITY_CODE(HttpStatus.BAD_REQUEST, "Invalid municipality code"),
    INVALID_MAX_RATE(HttpStatus.BAD_REQUEST, "Invalid maxRate"),

    // --- who reads (403)
    NOT_YOUR_MUNICIPALITY(HttpStatus.FORBIDDEN, "Not allowed"),
    NOT_A_MEMBER(HttpStatus.FORBIDDEN, "Not allowed"),

    // --- what is read (404)
    APPLICATION_NOT_FOUND(HttpStatus.NOT_FOUND, "Application not found"),
    MUNICIPALITY_NOT_FOUND(HttpStatus.NOT_FOUND, "Municipality not found"),
    DOCUMENT_NOT_FOUND(HttpStatus.NOT_FOUND, "Document not found"),
    FIELD_NOT_FOUND(HttpStatus.NOT_FOUND, "Field not found"),
    UNKNOWN_VIEW(HttpStatus.NOT_FOUND, "Unknown view"),
    UNKNOWN_PROCESSING_GROUP(HttpStatus.NOT_FOUND, "Unknown processing group"),

    // --- not now (409, 429, 503)
    HISTORY_BROKEN(HttpStatus.CONFLICT, "History broken"),
    REBUILD_IN_PROGRESS(HttpStatus.CONFLICT, "Rebuild in progress"),
    TOO_MANY_STREAMS(HttpStatus.TOO_MANY_REQUESTS, "Too many streams"),
    VIEW_NOT_CAUGHT_UP(HttpStatus.SERVICE_UNAVAILABLE, "View not caught up"),

    // --- the service failed (500)
    EVENT_UNREADABLE(HttpStatus.INTERNAL_SERVER_ERROR, "Event unreadable"),
    ARCHIVE_INVALID(HttpStatus.INTERNAL_SERVER_ERROR, "Archive package invalid");

    private final HttpStatus status;
    private final String title;

    QueryErrorCode(HttpStatus status, String title) {
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
