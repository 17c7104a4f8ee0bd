package se.norrort.consortium.query.security;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import se.norrort.consortium.query.api.ReadYourWrites;

/**
 * Applies the views' {@link ReadRule}s to every municipality and application read, JSON and live streams alike,
 * after the token is verified and before any controller runs: a stream is authorized when it is subscribed. A
 * refusal is problem+json with the rule's code ({@code NOT_YOUR_MUNICIPALITY}, {@code NOT_A_MEMBER}, ...). Every
 * request gets one read-your-writes deadline here ({@link ReadYourWrites}), shared by the rule's wait and the view
 * read's; and one holder ({@link CheckedDocuments}) through which a rule hands the view document it checked to the
 * endpoint that serves it, so that it is read once.
 */
@Component
public class ReadAccessFilter implements WebFilter, Ordered {

    private final List<ReadRule> rules;

    public ReadAccessFilter(List<ReadRule> rules) {
        this.rules = List.copyOf(rules);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 20;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // one read-your-writes wait for the whole request: the rule's wait and the view read's share its deadline;
        // and one holder for the document the rule checks, which the endpoint serving it takes instead of reading it
        return ReadYourWrites.oneWaitPerRequest(CheckedDocuments.perRequest(Mono.defer(() -> {
            PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
            for (ReadRule rule : rules) {
                if (rule.guards(path)) {
                    return guard(rule.check(path, exchange.getRequest()), exchange, chain);
                }
            }
            return chain.filter(exchange);
        })));
    }

    private static Mono<Void> guard(Mono<?> check, ServerWebExchange exchange, WebFilterChain chain) {
        return check.then(Mono.defer(() -> chain.filter(exchange))).onErrorResume(ReadRefused.class, refused -> {
            if (refused.code().status() == HttpStatus.SERVICE_UNAVAILABLE) {
                exchange.getResponse().getHeaders().set("Retry-After", "1");
            }
            return refused.code().write(exchange.getResponse(), refused.getMessage());
        });
    }
}
