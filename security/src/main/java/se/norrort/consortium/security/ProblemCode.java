package se.norrort.consortium.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * A stable problem code with the HTTP status and title it is answered with, and the ways to answer it, all through
 * {@link Problems}. Implemented by each service's enum of its own codes ({@code EdgeErrorCode},
 * {@code QueryErrorCode}); the enum constant's name is the {@code code} clients see.
 */
public interface ProblemCode {

    /** The code clients see (an enum constant's name). */
    String name();

    HttpStatus status();

    String title();

    /** The problem document, for an answer that adds properties. */
    default ProblemDetail body(String detail) {
        return Problems.body(status(), name(), title(), detail);
    }

    /** The whole answer: status, {@code application/problem+json}, document. */
    default ResponseEntity<ProblemDetail> answer(String detail) {
        return Problems.answer(status(), name(), title(), detail);
    }

    /** Writes the problem straight to a response (filters). */
    default Mono<Void> write(ServerHttpResponse response, String detail) {
        return Problems.write(response, status(), name(), title(), detail);
    }

    /**
     * The problem as an error, for a live stream that refuses before its first event (it cannot answer a
     * {@code ResponseEntity}): {@link ProblemExceptionHandler} answers it with this code, title and detail.
     */
    default ErrorResponseException error(String detail) {
        return new ErrorResponseException(status(), body(detail), null);
    }
}
