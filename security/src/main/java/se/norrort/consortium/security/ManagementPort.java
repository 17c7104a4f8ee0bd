package se.norrort.consortium.security;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.springframework.core.env.Environment;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/**
 * Requests that arrive on the management port (actuator: health, metrics, Prometheus), which is not published to
 * users: a scrape needs no token there, while the same path on the API port stays closed.
 */
public final class ManagementPort {

    private ManagementPort() {}

    /** Matches {@code path} on the management port only (never when management shares the API port). */
    public static ServerWebExchangeMatcher path(Environment environment, String path) {
        ServerWebExchangeMatcher paths = new PathPatternParserServerWebExchangeMatcher(path);
        return exchange -> {
            InetSocketAddress local = exchange.getRequest().getLocalAddress();
            String management = environment.getProperty("local.management.port");
            String api = environment.getProperty("local.server.port");
            if (local == null
                    || management == null
                    || Objects.equals(management, api)
                    || !management.equals(Integer.toString(local.getPort()))) {
                return ServerWebExchangeMatcher.MatchResult.notMatch();
            }
            return paths.matches(exchange);
        };
    }
}
