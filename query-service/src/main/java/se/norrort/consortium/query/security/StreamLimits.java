package se.norrort.consortium.query.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.query.api.QueryErrorCode;

/**
 * Limits on every streamed answer ({@code text/event-stream}, {@code application/x-ndjson}), applied where the answer
 * is written, whatever the view or the source of its changes:
 * <ul>
 * <li>at most {@code norrort.streams.per-subject} open streams per token subject on each instance (5; counted in the
 * instance, so behind a load balancer a subject may hold that many on each) and
 * {@code norrort.streams.total} per instance (500); one more is answered 429 {@code TOO_MANY_STREAMS};</li>
 * <li>a stream ends (completes) when its token expires, and at the latest after {@code norrort.streams.max-duration}
 * (30 min); the client reconnects with a fresh token and {@code Last-Event-ID};</li>
 * <li>a reader slower than the changes gets at most {@code norrort.streams.max-buffered} events (256) queued for it;
 * beyond that its stream is ended, rather than buffering without bound.</li>
 * </ul>
 */
@Component
public class StreamLimits implements WebFilter, Ordered {

    private static final MediaType NDJSON = MediaType.APPLICATION_NDJSON;

    private final int perSubject;
    private final int total;
    private final Duration maxDuration;
    private final int maxBuffered;
    private final Clock clock;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final AtomicInteger openTotal = new AtomicInteger();

    public StreamLimits(
            @Value("${norrort.streams.per-subject:5}") int perSubject,
            @Value("${norrort.streams.total:500}") int total,
            @Value("${norrort.streams.max-duration:30m}") Duration maxDuration,
            @Value("${norrort.streams.max-buffered:256}") int maxBuffered) {
        this.perSubject = perSubject;
        this.total = total;
        this.maxDuration = maxDuration;
        this.maxBuffered = maxBuffered;
        this.clock = Clock.systemUTC();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 25;
    }

    /** Open streams now, of one subject ({@code null}: of all). */
    public int open(String subject) {
        if (subject == null) {
            return openTotal.get();
        }
        AtomicInteger count = open.get(subject);
        return count == null ? 0 : count.get();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(c -> c.getAuthentication())
                .map(a -> exchange.mutate()
                        .response(new Limited(exchange.getResponse(), a))
                        .build())
                .defaultIfEmpty(exchange)
                .flatMap(chain::filter);
    }

    private static boolean streamed(MediaType type) {
        return type != null && (MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type) || NDJSON.isCompatibleWith(type));
    }

    private static void releaseIfBuffer(Object dropped) {
        if (dropped instanceof DataBuffer buffer) {
            DataBufferUtils.release(buffer);
        }
    }

    private boolean acquire(String subject) {
        if (openTotal.incrementAndGet() > total) {
            openTotal.decrementAndGet();
            return false;
        }
        AtomicInteger mine = open.computeIfAbsent(subject, s -> new AtomicInteger());
        if (mine.incrementAndGet() > perSubject) {
            mine.decrementAndGet();
            openTotal.decrementAndGet();
            return false;
        }
        return true;
    }

    private void release(String subject) {
        openTotal.decrementAndGet();
        open.computeIfPresent(subject, (s, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** When the stream must end: the token's expiry or the maximum duration, whichever is first. */
    private Duration remaining(Authentication authentication) {
        Instant now = clock.instant();
        Duration remaining = maxDuration;
        if (authentication instanceof JwtAuthenticationToken jwt
                && jwt.getToken().getExpiresAt() != null) {
            Duration untilExpiry = Duration.between(now, jwt.getToken().getExpiresAt());
            if (untilExpiry.compareTo(remaining) < 0) {
                remaining = untilExpiry;
            }
        }
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    private final class Limited extends ServerHttpResponseDecorator {

        private final Authentication authentication;
        private final AtomicBoolean counted = new AtomicBoolean();

        Limited(ServerHttpResponse delegate, Authentication authentication) {
            super(delegate);
            this.authentication = authentication;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            if (!streamed(getHeaders().getContentType())) {
                return super.writeWith(body);
            }
            return limited(Flux.from(body), flux -> super.writeWith(flux));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            if (!streamed(getHeaders().getContentType())) {
                return super.writeAndFlushWith(body);
            }
            return limited(Flux.from(body), flux -> super.writeAndFlushWith(flux));
        }

        private <T> Mono<Void> limited(Flux<T> body, java.util.function.Function<Flux<T>, Mono<Void>> write) {
            String subject = authentication.getName();
            if (!counted.compareAndSet(false, true)) {
                return write.apply(body);
            }
            if (!acquire(subject)) {
                counted.set(false);
                getHeaders().set("Retry-After", "10");
                getHeaders().remove("Content-Length");
                return QueryErrorCode.TOO_MANY_STREAMS.write(
                        getDelegate(),
                        "At most " + perSubject + " open streams per client and " + total
                                + " in all; close one and retry.");
            }
            Duration remaining = remaining(authentication);
            Flux<T> bounded = body.onBackpressureBuffer(
                            maxBuffered, StreamLimits::releaseIfBuffer, BufferOverflowStrategy.ERROR)
                    .take(remaining, reactor.core.scheduler.Schedulers.parallel())
                    .onErrorResume(reactor.core.Exceptions::isOverflow, e -> Flux.empty())
                    .doOnDiscard(DataBuffer.class, DataBufferUtils::release)
                    .doFinally(signal -> release(subject));
            return write.apply(bounded);
        }
    }
}
