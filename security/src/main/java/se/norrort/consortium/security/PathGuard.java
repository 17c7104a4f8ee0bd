package se.norrort.consortium.security;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses ambiguous paths ({@link RequestPaths#ambiguity}) with 400 {@code INVALID_PATH} before anything else runs,
 * so no filter, matcher or handler has to agree with the others on what such a path means.
 */
public class PathGuard implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String ambiguity = RequestPaths.ambiguity(exchange.getRequest());
        if (ambiguity != null) {
            return Problems.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, "INVALID_PATH", "Invalid path",
                                  ambiguity);
        }
        return chain.filter(exchange);
    }
}
