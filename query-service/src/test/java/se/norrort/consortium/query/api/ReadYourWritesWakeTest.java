package se.norrort.consortium.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * A {@code ?minPosition=} read looks again as soon as the view signals that it moved on, not only at its polls;
 * without a signal it still finds the view at a poll (50 ms, then backing off to 400 ms). In virtual time, so that no clock decides.
 */
class ReadYourWritesWakeTest {

    /** Virtual time does not pass by itself: without this, an answer that never comes would hang the test. */
    private static final Duration WALL_CLOCK_LIMIT = Duration.ofSeconds(10);

    /** A view that reaches the position on its second read. */
    private static Mono<Integer> view(AtomicInteger reads) {
        return Mono.fromSupplier(reads::incrementAndGet);
    }

    @Test
    void givenTheViewSignalsItMovedOn_thenTheReadIsAnsweredAtOnce_beforeThePoll() {
        AtomicInteger reads = new AtomicInteger();
        Sinks.Many<String> wake = Sinks.many().multicast().directBestEffort();
        StepVerifier.withVirtualTime(() -> ViewResponses.whenReady(
                        view(reads), n -> n >= 2, 7L, wake.asFlux(), n -> Mono.just(ResponseEntity.ok((Object) n))))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(10))
                .then(() -> wake.tryEmitNext("view"))
                .assertNext(answer -> assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK))
                .expectComplete()
                .verify(WALL_CLOCK_LIMIT);
        assertThat(reads).hasValue(2);
    }

    @Test
    void givenNoSignal_thenThePollFindsTheView_after50Ms() {
        AtomicInteger reads = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> ViewResponses.whenReady(
                        view(reads),
                        n -> n >= 2,
                        7L,
                        Sinks.many().multicast().directBestEffort().asFlux(),
                        n -> Mono.just(ResponseEntity.ok((Object) n))))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(49))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(answer -> assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK))
                .expectComplete()
                .verify(WALL_CLOCK_LIMIT);
    }

    @Test
    void givenNoSignal_thenThePollsBackOff_50_100_200_thenEvery400Ms() {
        AtomicInteger reads = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> ViewResponses.whenReady(
                        view(reads),
                        n -> n >= 6, // ready on the sixth read: at once, then 50, 150, 350, 750 and 1,150 ms
                        7L,
                        Sinks.many().multicast().directBestEffort().asFlux(),
                        n -> Mono.just(ResponseEntity.ok((Object) n))))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(349))
                .then(() -> assertThat(reads).hasValue(3))
                .thenAwait(Duration.ofMillis(1))
                .then(() -> assertThat(reads).hasValue(4))
                .thenAwait(Duration.ofMillis(399))
                .then(() -> assertThat(reads).hasValue(4))
                .thenAwait(Duration.ofMillis(1))
                .then(() -> assertThat(reads).hasValue(5))
                .expectNoEvent(Duration.ofMillis(399))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(answer -> assertThat(answer.getBody()).isEqualTo(6))
                .expectComplete()
                .verify(WALL_CLOCK_LIMIT);
    }

    @Test
    void givenTheViewNeverCatchesUp_then503AfterTheWait() {
        StepVerifier.withVirtualTime(() -> ViewResponses.whenReady(
                        Mono.just(0),
                        n -> n >= 2,
                        7L,
                        Sinks.many().multicast().directBestEffort().asFlux(),
                        n -> Mono.just(ResponseEntity.ok((Object) n))))
                .expectSubscription()
                .thenAwait(ReadYourWrites.WAIT)
                .assertNext(answer -> assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE))
                .expectComplete()
                .verify(WALL_CLOCK_LIMIT);
    }
}
