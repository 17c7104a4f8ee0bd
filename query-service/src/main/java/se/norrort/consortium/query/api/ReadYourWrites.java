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
 * <p>
 * A wait whose readiness every stored change signals, with the stored state itself, takes that state instead of
 * reading it again ({@link #await(Mono, Flux, Duration)}): the membership read rule waits for the application's
 * document to reach a position, and each change of that document comes with the document as stored. Its polls are
 * only a safety net there (a change that was not shared), so they start later.
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
        return awaitAny(read, wake.map(signal -> READ), POLL);
    }

    /**
     * The first value of {@code read}, or the first value {@code ready} offers, whichever comes first, until the
     * request's deadline; then a {@link TimeoutException}. Each value of {@code ready} must be what {@code read}
     * would return at that moment or later (a stored state that is ready): it is taken as it is, without a read.
     * {@code read} runs at once and then after each poll delay, the first {@code firstPoll} after the start, each
     * next twice as long, up to 400 ms apart. When the request's time is already used up, it is read once.
     */
    public static <T> Mono<T> await(Mono<T> read, Flux<? extends T> ready, Duration firstPoll) {
        return awaitAny(read, ready.map(value -> (Object) value), firstPoll);
    }

    /** The wait: each of {@code triggers} is {@link #READ} (read now) or a ready value. */
    private static <T> Mono<T> awaitAny(Mono<T> read, Flux<Object> triggers, Duration firstPoll) {
        return Mono.deferContextual(context -> {
            long left = context.hasKey(DEADLINE) ? context.<Long>get(DEADLINE) - now() : WAIT.toMillis();
            if (left <= 0) {
                return read.switchIfEmpty(Mono.error(new TimeoutException("no time left of this request's wait")));
            }
            // a value offered while a read runs may be replaced by a later signal: that one reads after the value was
            // stored, so it finds that state or a later one
            Flux<Object> all = Flux.merge(
                            Flux.just(READ), triggers, polls(firstPoll).map(tick -> READ))
                    .onBackpressureLatest();
            return all.concatMap(trigger -> trigger == READ ? read : Mono.just(offered(trigger)), 1)
                    .next()
                    .timeout(Duration.ofMillis(left));
        });
    }

    /** The signal to read; anything else a trigger carries is a state offered as ready. */
    private static final Object READ = new Object();

    @SuppressWarnings("unchecked")
    private static <T> T offered(Object value) {
        return (T) value;
    }

    /** A signal after each poll delay: {@code first}, then twice as long each time, up to 400 ms apart. */
    private static Flux<Long> polls(Duration first) {
        return Flux.range(0, Integer.MAX_VALUE).concatMap(i -> Mono.delay(pollDelay(first, i)), 1);
    }

    /** The delay before poll {@code i} (0 first) of the default schedule: 50, 100, 200, then 400 ms. */
    static Duration pollDelay(int i) {
        return pollDelay(POLL, i);
    }

    static Duration pollDelay(Duration first, int i) {
        return Duration.ofMillis(
                Math.min(first.toMillis() << Math.min(i, 4), Math.max(MAX_POLL.toMillis(), first.toMillis())));
    }

    private static long now() {
        return Schedulers.parallel().now(TimeUnit.MILLISECONDS);
    }
}
