package se.norrort.consortium.security;

import org.springframework.http.HttpStatusCode;

/** The stable {@code code} of a problem answered for a plain HTTP status that no domain rule explains. */
public final class ProblemCodes {

    private ProblemCodes() {}

    public static String forStatus(HttpStatusCode status) {
        return codeFor(status).name();
    }

    /** The code of a plain status problem (one of {@link CommonProblemCode}). */
    public static CommonProblemCode codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400, 422 -> CommonProblemCode.INVALID_REQUEST;
            case 401 -> CommonProblemCode.UNAUTHENTICATED;
            case 403 -> CommonProblemCode.ROLE_NOT_ALLOWED;
            case 404 -> CommonProblemCode.NOT_FOUND;
            case 405 -> CommonProblemCode.METHOD_NOT_ALLOWED;
            case 406 -> CommonProblemCode.NOT_ACCEPTABLE;
            case 408 -> CommonProblemCode.REQUEST_TIMEOUT;
            case 409 -> CommonProblemCode.CONFLICT;
            case 413 -> CommonProblemCode.PAYLOAD_TOO_LARGE;
            case 414 -> CommonProblemCode.URI_TOO_LONG;
            case 415 -> CommonProblemCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> CommonProblemCode.TOO_MANY_REQUESTS;
            case 431 -> CommonProblemCode.HEADERS_TOO_LARGE;
            case 503 -> CommonProblemCode.SERVICE_UNAVAILABLE;
            default -> status.is4xxClientError() ? CommonProblemCode.INVALID_REQUEST : CommonProblemCode.INTERNAL_ERROR;
        };
    }

    /** A human title for a plain status problem, e.g. "Not found": its code's. */
    public static String title(HttpStatusCode status) {
        return codeFor(status).title();
    }

    /** A detail that says what to do, without echoing anything internal. */
    public static String detail(HttpStatusCode status) {
        return switch (status.value()) {
            case 400, 422 -> "The request is not valid for this endpoint (path, parameters, headers or body).";
            case 404 -> "No resource at this path.";
            case 405 -> "This path does not accept this method.";
            case 406 -> "This endpoint cannot answer in any of the media types the Accept header lists.";
            case 413 -> "The request body is larger than this endpoint accepts.";
            case 415 -> "This endpoint does not accept the request's Content-Type.";
            case 503 -> "The service cannot answer now; retry later.";
            default ->
                status.is4xxClientError()
                        ? "The request cannot be handled."
                        : "The request could not be handled. Nothing was stored if the request failed before its"
                                + " decision was recorded.";
        };
    }
}
