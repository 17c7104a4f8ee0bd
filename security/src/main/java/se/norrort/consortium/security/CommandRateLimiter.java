package se.norrort.consortium.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * At most {@code commandsPerMinute} commands ({@code POST /api/**}) per client (token subject) per minute, as a
 * token bucket refilled continuously; over the limit answers 429 with {@code Retry-After}. Per instance, in memory.
 * The path is matched decoded ({@link RequestPaths}), so {@code /%61pi/...} counts like {@code /api/...}; it runs
 * after the token is verified and before any filter that reads the body (the Idempotency-Key filter). A client's
 * bucket is forgotten once it has been idle a minute (it would be full again by then), so the map holds only the
 * clients of the last minute or two, however many have come and gone.
 */
public class CommandRateLimiter implements WebFilter, Ordered {

    /** After Spring Security (which names the client), before the Idempotency-Key filter. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 30;

    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final int perMinute;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    public CommandRateLimiter(int perMinute) {
        this(perMinute, System::nanoTime);
    }

    CommandRateLimiter(int perMinute, LongSupplier nanoTime) {
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
        this.nextSweep = new AtomicLong(nanoTime.getAsLong() + MINUTE_NANOS);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (perMinute <= 0 || request.getMethod() != HttpMethod.POST || !RequestPaths.isApi(request)) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(c -> c.getAuthentication() == null
                        ? null
                        : c.getAuthentication().getName())
                .defaultIfEmpty("anonymous")
                .flatMap(client -> take(client) ? chain.filter(exchange) : tooMany(exchange));
    }

    boolean take(String client) {
        long now = nanoTime.getAsLong();
        forgetIdle(now);
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(perMinute, now));
        synchronized (bucket) {
            double refill = (now - bucket.updatedNanos) / 60e9 * perMinute;
            bucket.tokens = Math.min(perMinute, bucket.tokens + refill);
            bucket.updatedNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    /** At most once a minute: drops the buckets idle for a minute (full again: the same as none). */
    private void forgetIdle(long now) {
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + MINUTE_NANOS)) {
            return;
        }
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                return now - bucket.updatedNanos >= MINUTE_NANOS;
            }
        });
    }

    /** Clients with a bucket now. */
    int clients() {
        return buckets.size();
    }

    private Mono<Void> tooMany(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(Math.max(1, 60 / perMinute)));
        return CommonProblemCode.TOO_MANY_REQUESTS.write(
                exchange.getResponse(), "More than " + perMinute + " commands a minute from this client; retry later.");
    }
}
