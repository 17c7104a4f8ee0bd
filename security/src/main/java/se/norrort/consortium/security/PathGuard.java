package se.norrort.consortium.security;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses ambiguous paths ({@link RequestPaths#ambiguity}) with 400 {@code INVALID_PATH} before anything else runs,
 * so no filter, matcher or handler has to agree with the others on what such a path means; and an {@code Accept}
 * or {@code Content-Type} that is no media type (406, 415), which would otherwise fail again while the refusal
 * itself is written.
 */
public class PathGuard implements WebFilter, Ordered {

    private static final java.time.Duration DRAIN_WAIT = java.time.Duration.ofSeconds(2);

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return guarded(exchange, chain).then(Mono.defer(() -> drain(exchange)));
    }

    private static Mono<Void> guarded(ServerWebExchange exchange, WebFilterChain chain) {
        String ambiguity = RequestPaths.ambiguity(exchange.getRequest());
        if (ambiguity != null) {
            return CommonProblemCode.INVALID_PATH.write(exchange.getResponse(), ambiguity);
        }
        var headers = exchange.getRequest().getHeaders();
        try {
            MediaType.parseMediaTypes(headers.get(HttpHeaders.ACCEPT));
        } catch (InvalidMediaTypeException e) {
            return CommonProblemCode.NOT_ACCEPTABLE.write(
                    exchange.getResponse(), "The Accept header is not a valid list of media types.");
        }
        try {
            headers.getContentType();
        } catch (InvalidMediaTypeException e) {
            return CommonProblemCode.UNSUPPORTED_MEDIA_TYPE.write(
                    exchange.getResponse(), "The Content-Type header is not a valid media type.");
        }
        return chain.filter(exchange);
    }

    /**
     * After the answer: what is left of a request body nobody read (a refusal before the body, e.g. 401, 403, 413)
     * is read and dropped, for at most 2 s, so the connection can carry the client's next request; a body still
     * unread then (a client that keeps sending) is cancelled, which closes the connection.
     */
    private static Mono<Void> drain(ServerWebExchange exchange) {
        return exchange.getRequest()
                .getBody()
                .doOnNext(DataBufferUtils::release)
                .then()
                .timeout(DRAIN_WAIT)
                .onErrorResume(e -> Mono.empty());
    }
}
