package se.norrort.consortium.command.web;

import java.util.concurrent.TimeoutException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import se.norrort.consortium.command.domain.DomainRuleViolation;
import se.norrort.consortium.security.ProblemCodes;
import se.norrort.consortium.security.ProblemExceptionHandler;
import se.norrort.consortium.security.Problems;
import se.norrort.consortium.security.RequestCorrelation;

/**
 * Every refusal as {@code application/problem+json} (RFC 9457) with a stable {@code code}, written by the shared
 * {@link Problems}; never a stack trace or an internal message. A domain refusal's HTTP status comes from
 * {@link RefusalStatus}, the edge's codes are {@link EdgeErrorCode}, plain statuses get {@link ProblemCodes}.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String title, String detail) {
        return Problems.answer(status, code, title, detail);
    }

    @ExceptionHandler(DomainRuleViolation.class)
    ResponseEntity<ProblemDetail> domainRule(DomainRuleViolation e) {
        return problem(RefusalStatus.of(e.code()), e.code().name(), e.code().title(), e.getMessage());
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> api(ApiProblem e) {
        return problem(e.status(), e.code(), e.title(), e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalidValue(IllegalArgumentException e) {
        return EdgeErrorCode.INVALID_REQUEST.answer(e.getMessage());
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e, ServerWebExchange exchange) {
        if (ProblemExceptionHandler.statusOf(e).value() == HttpStatus.CONTENT_TOO_LARGE.value()) {
            return unexpected(e, exchange);
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
                return invalidValue(invalid);
            }
        }
        return EdgeErrorCode.INVALID_REQUEST.answer(
                "The request body is missing or is not valid JSON for this command.");
    }

    @ExceptionHandler(UnsupportedMediaTypeStatusException.class)
    ResponseEntity<ProblemDetail> mediaType(UnsupportedMediaTypeStatusException e) {
        return EdgeErrorCode.UNSUPPORTED_MEDIA_TYPE.answer("Send the command as application/json.");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return EdgeErrorCode.APPLICATION_NOT_FOUND.answer(
                "No application with id " + e.getAggregateIdentifier() + " exists.");
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> alreadyExists(AggregateStreamCreationException e) {
        return EdgeErrorCode.APPLICATION_ALREADY_EXISTS.answer("An application with this id already exists.");
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> conflict(ConcurrencyException e) {
        return EdgeErrorCode.CONCURRENT_MODIFICATION.answer(
                "Another decision on this application was recorded at the same moment; nothing of this request"
                        + " was stored. Reload and try again.");
    }

    @ExceptionHandler(TimeoutException.class)
    ResponseEntity<ProblemDetail> timeout(TimeoutException e, ServerWebExchange exchange) {
        exchange.getAttributes().put(CommandDispatcher.OUTCOME_UNKNOWN, Boolean.TRUE);
        return EdgeErrorCode.TIMEOUT.answer(
                "The command was not decided in time and may still take effect: check before sending it again. Sent"
                        + " with an Idempotency-Key, a retry gets its eventual answer instead.");
    }

    /** The command pool's queue is full ({@code norrort.commands.queue}): nothing was handled, try again shortly. */
    @ExceptionHandler(java.util.concurrent.RejectedExecutionException.class)
    ResponseEntity<ProblemDetail> busy(java.util.concurrent.RejectedExecutionException e) {
        ResponseEntity<ProblemDetail> answer = EdgeErrorCode.SERVER_BUSY.answer(
                "Too many commands are waiting to be handled; nothing of this request was stored. Retry shortly.");
        return ResponseEntity.status(answer.getStatusCode())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(answer.getBody());
    }

    /**
     * Everything else: Spring's own 4xx (404 unknown path, 405, 406, 413 body over the limit, ...) keep their status
     * with a stable code ({@link ProblemCodes}); only what is really unexpected is a 500.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
        HttpStatusCode status = ProblemExceptionHandler.statusOf(e);
        if (status.is5xxServerError()) {
            RequestCorrelation.inLogs(exchange, () -> log.error("Unexpected failure handling a request", e));
        }
        ResponseEntity<ProblemDetail> answer = problem(
                HttpStatus.valueOf(status.value()),
                ProblemCodes.forStatus(status),
                ProblemCodes.title(status),
                ProblemCodes.detail(status));
        if (e instanceof ErrorResponse error && error.getHeaders().getFirst(HttpHeaders.ALLOW) != null) {
            return ResponseEntity.status(answer.getStatusCode())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.ALLOW, error.getHeaders().getFirst(HttpHeaders.ALLOW))
                    .body(answer.getBody());
        }
        return answer;
    }
}
