package se.norrort.consortium.command.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.security.RequestPaths;

/**
 * {@code norrort.commands}: a timer of every command ({@code POST /api/**}) from the request's arrival to its answer,
 * tagged with the route ({@code command}, the path pattern such as {@code /api/applications/{id}/submit}), the
 * {@code outcome} ({@code accepted} for 2xx, {@code refused} for 4xx, {@code failed} for 5xx) and, for answers in
 * {@code application/problem+json}, their stable {@code code} (e.g. {@code VERSION_CONFLICT},
 * {@code NOT_OFFICER_OF_MUNICIPALITY}; {@code none} otherwise). Rate = the count's rate, latency = the timer's
 * percentiles, refusals by code = the count by {@code code}. Runs before authentication, so refused tokens count too.
 */
@Component
public class CommandMetricsFilter implements WebFilter, Ordered {

    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z0-9_]{1,64})\"");
    private static final int MAX_PROBLEM_BYTES = 16 * 1024;

    private final MeterRegistry meters;

    public CommandMetricsFilter(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.POST || !RequestPaths.isApi(request)) {
            return chain.filter(exchange);
        }
        long started = System.nanoTime();
        AtomicReference<String> code = new AtomicReference<>("none");
        ServerHttpResponse response = exchange.getResponse();
        ServerHttpResponseDecorator reading = new ServerHttpResponseDecorator(response) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                MediaType type = getHeaders().getContentType();
                if (type == null || !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type)) {
                    return super.writeWith(body);
                }
                return DataBufferUtils.join(Flux.from(body), MAX_PROBLEM_BYTES).flatMap(buffer -> {
                    Matcher m = CODE.matcher(buffer.toString(StandardCharsets.UTF_8));
                    if (m.find()) {
                        code.set(m.group(1));
                    }
                    return super.writeWith(Mono.just(buffer));
                });
            }
        };
        return chain.filter(exchange.mutate().response(reading).build())
                .doFinally(signal -> record(exchange, started, code.get()));
    }

    private void record(ServerWebExchange exchange, long started, String code) {
        int status = exchange.getResponse().getStatusCode() == null
                ? 200
                : exchange.getResponse().getStatusCode().value();
        Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern instanceof PathPattern p ? p.getPatternString() : "unmatched";
        String outcome = status >= 500 ? "failed" : status >= 400 ? "refused" : "accepted";
        Timer.builder("norrort.commands")
                .description("Commands from arrival to answer, by route, outcome and problem code")
                .tag("command", route)
                .tag("outcome", outcome)
                .tag("code", code)
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(meters)
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
