package se.norrort.consortium.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * One wait per request: a request that waits in two places (a read rule, then a view read) gives up after
 * {@link ReadYourWrites#WAIT} in all. In virtual time, so that no clock decides.
 */
class ReadYourWritesTest {

    private static final Duration WALL_CLOCK_LIMIT = Duration.ofSeconds(10);

    /** Reached from the given virtual instant on: empty before (not yet), a value after. */
    private static Mono<String> reachedAfter(Duration after, long startMillis) {
        return Mono.defer(() -> now() >= startMillis + after.toMillis() ? Mono.just("reached") : Mono.empty());
    }

    private static long now() {
        return Schedulers.parallel().now(TimeUnit.MILLISECONDS);
    }

    @Test
    void givenTheFirstWaitTakes3s_andTheSecondNeverEnds_thenTheRequestGivesUpAt5sInAll_notAt8s() {
        StepVerifier.withVirtualTime(() -> {
                    long start = now();
                    Mono<String> rule = ReadYourWrites.await(reachedAfter(Duration.ofSeconds(3), start), Flux.never());
                    Mono<String> view = ReadYourWrites.await(Mono.empty(), Flux.never());
                    return ReadYourWrites.oneWaitPerRequest(rule.then(view));
                })
                .expectSubscription()
                .thenAwait(Duration.ofMillis(4_990))
                .expectNoEvent(Duration.ofMillis(1))
                .thenAwait(Duration.ofMillis(9))
                .expectError(TimeoutException.class)
                .verify(WALL_CLOCK_LIMIT);
    }

    @Test
    void givenTheWholeWaitUsedUp_whenTheViewIsReady_thenItIsStillReadOnce_andAnswered() {
        StepVerifier.withVirtualTime(() -> {
                    long start = now();
                    // the rule's wait sees its view at 4,750 ms (a poll: 50, 150, 350, 750, then every 400 ms), and
                    // the view's wait starts after the request's 5 s are up
                    Mono<String> rule = ReadYourWrites.await(
                            reachedAfter(ReadYourWrites.WAIT.minusMillis(250), start), Flux.never());
                    Mono<String> view = Mono.delay(Duration.ofMillis(300))
                            .then(ReadYourWrites.await(Mono.just("view"), Flux.never()));
                    return ReadYourWrites.oneWaitPerRequest(rule.then(view));
                })
                .expectSubscription()
                .thenAwait(ReadYourWrites.WAIT.plusMillis(100))
                .expectNext("view")
                .expectComplete()
                .verify(WALL_CLOCK_LIMIT);
    }

    @Test
    void givenAWaitOutsideARequest_thenItHasTheWholeWait() {
        StepVerifier.withVirtualTime(() -> ReadYourWrites.await(Mono.<String>empty(), Flux.never()))
                .expectSubscription()
                .expectNoEvent(ReadYourWrites.WAIT.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectError(TimeoutException.class)
                .verify(WALL_CLOCK_LIMIT);
    }

    @Test
    void givenAReadyStateOffered_beforeTheFirstPoll_thenItIsTakenAsItIs_afterTheOneReadAtTheStart() {
        AtomicInteger reads = new AtomicInteger();
        Mono<String> read = Mono.defer(() -> {
            reads.incrementAndGet();
            return Mono.<String>empty();
        });
        StepVerifier.withVirtualTime(() -> ReadYourWrites.await(
                        read,
                        Mono.delay(Duration.ofMillis(150)).thenReturn("stored").flux(),
                        Duration.ofMillis(200)))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(149))
                .thenAwait(Duration.ofMillis(1))
                .expectNext("stored")
                .expectComplete()
                .verify(WALL_CLOCK_LIMIT);
        assertThat(reads).hasValue(1);
    }

    @Test
    void givenNoStateOffered_thenTheSafetyPollsFindIt_from200msOn() {
        AtomicInteger reads = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> {
                    long start = now();
                    Mono<String> read = Mono.defer(() -> {
                        reads.incrementAndGet();
                        return reachedAfter(Duration.ofMillis(500), start);
                    });
                    return ReadYourWrites.await(read, Flux.<String>never(), Duration.ofMillis(200));
                })
                .expectSubscription()
                // read at 0, 200 and 600 ms (200, then twice as long)
                .expectNoEvent(Duration.ofMillis(599))
                .thenAwait(Duration.ofMillis(1))
                .expectNext("reached")
                .expectComplete()
                .verify(WALL_CLOCK_LIMIT);
        assertThat(reads).hasValue(3);
    }
}
