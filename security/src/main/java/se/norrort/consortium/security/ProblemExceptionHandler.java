package se.norrort.consortium.security;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The last word on any error no controller advice answered (unknown paths, 405, 406, 413, 415, bad parameters,
 * failures in filters or in streams before they commit): an RFC 9457 problem with a stable code, never Boot's default
 * error JSON, never a stack trace. Runs before Boot's own handler. The code is the one the error's own problem
 * document carries (an {@link ErrorResponse} whose body has a {@code code} property, as a service's own refusals built
 * with {@link Problems#body} have: then its title and detail are answered too), else the plain status's code from
 * {@link ProblemCodes} (Spring's own errors, whose details may name internals, get the generic title and detail).
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
        ProblemDetail own = ownProblem(ex);
        if (own != null) {
            return Problems.write(
                    exchange.getResponse(),
                    HttpStatus.valueOf(status.value()),
                    (String) own.getProperties().get("code"),
                    own.getTitle() == null ? ProblemCodes.title(status) : own.getTitle(),
                    own.getDetail() == null ? ProblemCodes.detail(status) : own.getDetail());
        }
        return Problems.write(
                exchange.getResponse(),
                HttpStatus.valueOf(status.value()),
                ProblemCodes.forStatus(status),
                ProblemCodes.title(status),
                ProblemCodes.detail(status));
    }

    /**
     * The problem document of the first {@link ErrorResponse} in the cause chain (the one {@link #statusOf} takes the
     * status from) when it carries a {@code code}, else null.
     */
    private static ProblemDetail ownProblem(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ErrorResponse error) {
                ProblemDetail body = error.getBody();
                Map<String, Object> properties = body.getProperties();
                boolean coded = properties != null && properties.get("code") instanceof String code && !code.isBlank();
                return coded && HttpStatus.resolve(error.getStatusCode().value()) != null ? body : null;
            }
            if (t instanceof DataBufferLimitException) {
                return null;
            }
        }
        return null;
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
