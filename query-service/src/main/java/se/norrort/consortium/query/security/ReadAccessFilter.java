package se.norrort.consortium.query.security;

import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import se.norrort.consortium.query.support.QueryErrorCode;

/**
 * Applies {@link ReadAccess} to every municipality and application read, JSON and live streams alike, after the
 * token is verified and before any controller runs: a stream is authorized when it is subscribed.
 */
@Component
public class ReadAccessFilter implements WebFilter, Ordered {

    private static final PathPattern MUNICIPALITY =
            PathPatternParser.defaultInstance.parse("/api/municipalities/{code}/**");
    private static final PathPattern APPLICATION =
            PathPatternParser.defaultInstance.parse("/api/applications/{applicationId}/**");

    private static final PathPattern FUNDER_LIST_STREAM =
            PathPatternParser.defaultInstance.parse("/api/applications/stream");

    private final ReadAccess access;

    public ReadAccessFilter(ReadAccess access) {
        this.access = access;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 20;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var path = exchange.getRequest().getPath().pathWithinApplication();
        PathPattern.PathMatchInfo municipality = MUNICIPALITY.matchAndExtract(path);
        if (municipality != null) {
            return guard(access.municipality(variable(municipality, "code")), exchange, chain);
        }
        PathPattern.PathMatchInfo application = APPLICATION.matchAndExtract(path);
        // Only the funder's list stream itself, /api/applications/stream, is no application; an application that
        // happens to be named "stream" is checked like any other (/api/applications/stream/audit-trail).
        if (application != null && !FUNDER_LIST_STREAM.matches(path)) {
            String minPosition = exchange.getRequest().getQueryParams().getFirst("minPosition");
            Long min = null;
            try {
                min = minPosition == null ? null : Long.valueOf(minPosition);
            } catch (NumberFormatException e) {
                return QueryErrorCode.INVALID_REQUEST.write(
                        exchange.getResponse(), "minPosition must be a whole number.");
            }
            return guard(access.application(variable(application, "applicationId"), min), exchange, chain);
        }
        return chain.filter(exchange);
    }

    private static String variable(PathPattern.PathMatchInfo match, String name) {
        Map<String, String> variables = match.getUriVariables();
        return variables.get(name);
    }

    private static Mono<Void> guard(Mono<?> check, ServerWebExchange exchange, WebFilterChain chain) {
        return check.then(Mono.defer(() -> chain.filter(exchange))).onErrorResume(ReadAccess.Refused.class, refused -> {
            if (refused.code().status() == HttpStatus.SERVICE_UNAVAILABLE) {
                exchange.getResponse().getHeaders().set("Retry-After", "1");
            }
            return refused.code().write(exchange.getResponse(), refused.getMessage());
        });
    }
}
