package se.norrort.consortium.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The last word on any error no controller advice answered (unknown paths, 405, 406, 413, 415, bad parameters,
 * failures in filters or in streams before they commit): an RFC 9457 problem with a stable code from
 * {@link ProblemCodes}, never Boot's default error JSON, never a stack trace. Runs before Boot's own handler.
 */
public class ProblemExceptionHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    public int getOrder() {
        return -2;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        HttpStatusCode status = statusOf(ex);
        if (status.is5xxServerError() && status.value() != 503) {
            RequestCorrelation.inLogs(
                    exchange,
                    () -> log.error(
                            "Unexpected failure handling {} {}",
                            exchange.getRequest().getMethod(),
                            RequestPaths.normalized(exchange.getRequest()),
                            ex));
        }
        if (ex instanceof ErrorResponse error) {
            error.getHeaders().forEach((name, values) -> {
                if (name.equalsIgnoreCase("Allow")
                        || name.equalsIgnoreCase("Accept")
                        || name.equalsIgnoreCase("Retry-After")) {
                    exchange.getResponse().getHeaders().put(name, values);
                }
            });
        }
        exchange.getResponse().getHeaders().remove("Content-Length");
        return Problems.write(
                exchange.getResponse(),
                HttpStatus.valueOf(status.value()),
                ProblemCodes.forStatus(status),
                ProblemCodes.title(status),
                ProblemCodes.detail(status));
    }

    public static HttpStatusCode statusOf(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ErrorResponse error) {
                return known(error.getStatusCode());
            }
            if (t instanceof DataBufferLimitException) {
                return HttpStatus.CONTENT_TOO_LARGE;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static HttpStatusCode known(HttpStatusCode status) {
        return HttpStatus.resolve(status.value()) == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
