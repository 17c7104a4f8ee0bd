package se.norrort.consortium.query.api;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Read-your-writes: a {@code ?minPosition=} request waits, boundedly, until what it reads reflects that position.
 * One wait per request: the request gets one deadline, {@link #WAIT} after it starts
 * ({@link #oneWaitPerRequest}, applied to every request by {@code ReadAccessFilter}), and every wait in it ends
 * there. A read of one application by an officer waits first in {@code MembershipReadRule} (for the membership view,
 * to know whether the officer's municipality is invited) and then in the view read (for the view it serves, e.g. the
 * audit trail): both share the one deadline, so the request answers 503 after {@link #WAIT} in all, never after
 * twice that. Every request gets the deadline, live streams too (none waits today: a wait started in a stream more
 * than {@link #WAIT} after it opened would read once); a wait outside any request (a test) has the whole
 * {@link #WAIT}.
 * <p>
 * A wait reads at once, then again whenever {@code wake} signals (this instance stored a change of the view or moved
 * its progress) and every 50 ms in any case (a change stored by another instance). A signal that arrives during a
 * read is kept for the next one, so none is missed. Time is the Reactor parallel scheduler's (virtual in tests).
 */
public final class ReadYourWrites {

    /** How long a {@code ?minPosition=} request waits in all before it answers 503. */
    public static final Duration WAIT = Duration.ofSeconds(5);

    private static final Duration POLL = Duration.ofMillis(50);

    /** The Reactor context key of the request's deadline (milliseconds on the parallel scheduler's clock). */
    private static final String DEADLINE = ReadYourWrites.class.getName() + ".deadline";

    private ReadYourWrites() {}

    /** {@code request} with one deadline for every wait in it, {@link #WAIT} after it is subscribed. */
    public static <T> Mono<T> oneWaitPerRequest(Mono<T> request) {
        return request.contextWrite(
                context -> context.hasKey(DEADLINE) ? context : context.put(DEADLINE, now() + WAIT.toMillis()));
    }

    /**
     * The first value of {@code read} (which is empty while what it reads has not reached the position), read until
     * the request's deadline; then a {@link TimeoutException}. When the request's time is already used up, it is
     * read once.
     */
    public static <T> Mono<T> await(Mono<T> read, Flux<?> wake) {
        return Mono.deferContextual(context -> {
            long left = context.hasKey(DEADLINE) ? context.<Long>get(DEADLINE) - now() : WAIT.toMillis();
            if (left <= 0) {
                return read.switchIfEmpty(Mono.error(new TimeoutException("no time left of this request's wait")));
            }
            Flux<Object> triggers = Flux.merge(Flux.just((Object) 0L), wake, Flux.interval(POLL, POLL))
                    .onBackpressureLatest();
            return triggers.concatMap(trigger -> read, 1).next().timeout(Duration.ofMillis(left));
        });
    }

    private static long now() {
        return Schedulers.parallel().now(TimeUnit.MILLISECONDS);
    }
}
