package se.norrort.consortium.web;

import java.net.ConnectException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the gateway answers on {@code /api/**} when it cannot pass a request on: RFC 9457 problem+json with a stable
 * {@code code}, like the services' own answers, instead of Boot's error page. A service that is down or restarting is
 * 503 {@code SERVICE_UNAVAILABLE} with {@code Retry-After}; one that does not answer in time 504 {@code TIMEOUT}; a
 * client error the gateway finds itself keeps its 4xx. No exception text or stack trace goes out (they are logged).
 * Ordered before Boot's handler; other paths (the pages) keep Boot's answer.
 */
@Component
@Order(-2)
class GatewayProblems implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayProblems.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (response.isCommitted() || !path.startsWith("/api/")) {
            return Mono.error(error);
        }
        HttpStatusCode status;
        String code;
        String detail;
        if (causedBy(error, ConnectException.class)) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            code = "SERVICE_UNAVAILABLE";
            detail = "The service behind this request cannot be reached right now; nothing was done. Try again"
                    + " shortly.";
            response.getHeaders().set("Retry-After", "5");
            log.warn("{} {}: service not reachable ({})", exchange.getRequest().getMethod(), path, error.toString());
        } else if (causedBy(error, TimeoutException.class)
                || error instanceof ResponseStatusException timeout
                        && timeout.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
            status = HttpStatus.GATEWAY_TIMEOUT;
            code = "TIMEOUT";
            detail = "The service did not answer in time. A command may still take effect: check before trying"
                    + " again.";
            log.warn("{} {}: service timed out ({})", exchange.getRequest().getMethod(), path, error.toString());
        } else if (error instanceof ResponseStatusException client
                && client.getStatusCode().is4xxClientError()) {
            status = client.getStatusCode();
            code = HttpStatus.resolve(status.value()) == null
                    ? "HTTP_" + status.value()
                    : HttpStatus.resolve(status.value()).name();
            detail = "The request was refused by the gateway (" + status.value() + ").";
        } else {
            status = HttpStatus.BAD_GATEWAY;
            code = "SERVICE_UNAVAILABLE";
            detail = "The request could not be passed on to the service; nothing was done. Try again shortly.";
            log.error("{} {}: the gateway failed", exchange.getRequest().getMethod(), path, error);
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", path);
        problem.put("code", code);
        byte[] body = JSON.writeValueAsBytes(problem);
        response.setStatusCode(status);
        response.getHeaders().setContentType(PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> kind) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
