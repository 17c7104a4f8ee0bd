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
 * A wait reads at once, then again whenever {@code wake} signals (a change of what it reads, stored by this instance
 * or shared by another through the store, or this instance moved the view's progress) and, in any case, after 50 ms,
 * then 100, 200 and every 400 ms (what no signal tells: another instance moved a view's progress without changing the
 * document read). The polls back off because the signals carry the wait: under load a wait of a few hundred
 * milliseconds polled every 50 ms made the read-your-writes reads the largest share of the query-service's store
 * operations. A signal that arrives during a read is kept for the next one, so none is missed. Time is the Reactor
 * parallel scheduler's (virtual in tests).
 */
public final class ReadYourWrites {

    /** How long a {@code ?minPosition=} request waits in all before it answers 503. */
    public static final Duration WAIT = Duration.ofSeconds(5);

    /** The first poll's delay; each next one waits twice as long, up to {@link #MAX_POLL}. */
    private static final Duration POLL = Duration.ofMillis(50);

    private static final Duration MAX_POLL = Duration.ofMillis(400);

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
            Flux<Object> triggers =
                    Flux.merge(Flux.just((Object) 0L), wake, polls()).onBackpressureLatest();
            return triggers.concatMap(trigger -> read, 1).next().timeout(Duration.ofMillis(left));
        });
    }

    /** A signal after each poll delay: 50, 100, 200, then 400 ms apart. */
    private static Flux<Long> polls() {
        return Flux.range(0, Integer.MAX_VALUE).concatMap(i -> Mono.delay(pollDelay(i)), 1);
    }

    /** The delay before poll {@code i} (0 first). */
    static Duration pollDelay(int i) {
        return Duration.ofMillis(Math.min(POLL.toMillis() << Math.min(i, 4), MAX_POLL.toMillis()));
    }

    private static long now() {
        return Schedulers.parallel().now(TimeUnit.MILLISECONDS);
    }
}
