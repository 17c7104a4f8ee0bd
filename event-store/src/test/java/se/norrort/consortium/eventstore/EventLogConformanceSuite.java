package se.norrort.consortium.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.norrort.consortium.eventstore.TestEvents.event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventLog} implementation must do (in the spirit of Occurrent's TCK). An implementation's test
 * extends this class and provides fresh, empty logs.
 */
public abstract class EventLogConformanceSuite {

    /** A fresh, empty log. */
    protected EventLog newLog() {
        return newLog(position -> {}, Duration.ofSeconds(10));
    }

    /**
     * A fresh, empty log whose writers run {@code beforeInsert} between allocating a position and committing, and
     * whose readers close a position that stays uncommitted for {@code gapTimeout}.
     */
    protected abstract EventLog newLog(LongConsumer beforeInsert, Duration gapTimeout);

    private static List<StoredEvent> readAll(EventLog log) {
        List<StoredEvent> all = new ArrayList<>();
        LogPosition position = LogPosition.START;
        while (true) {
            List<TrackedEvent> batch = log.readAfter(position, 7);
            if (batch.isEmpty()) {
                return all;
            }
            for (TrackedEvent t : batch) {
                all.add(t.event());
                position = t.positionAfter();
            }
        }
    }

    @Test
    void givenAppendedEvents_whenReadingTheStream_thenTheyComeBackInOrderWithEveryField() {
        EventLog log = newLog();
        StoredEvent first = event("app-1", 0);
        log.append(List.of(first));
        log.append(List.of(event("app-1", 1), event("app-1", 2)));

        List<StoredEvent> stream = log.readStream("app-1", 0, 100);

        assertThat(stream).extracting(StoredEvent::sequence).containsExactly(0L, 1L, 2L);
        StoredEvent read = stream.get(0);
        assertThat(read.eventId()).isEqualTo(first.eventId());
        assertThat(read.timestamp()).isEqualTo(first.timestamp());
        assertThat(read.payload()).isEqualTo(first.payload());
        assertThat(read.metadata())
                .isEqualTo(
                        "{\"chainHash\":\"" + se.norrort.consortium.eventstore.chain.HashChain.hash("", first) + "\"}");
        assertThat(read.payloadType()).isEqualTo("TestEventHappened");
        assertThat(read.aggregateType()).isEqualTo("TestAggregate");
        assertThat(log.readStream("app-1", 1, 100))
                .extracting(StoredEvent::sequence)
                .containsExactly(1L, 2L);
        assertThat(log.readStream("app-1", 2, 100))
                .extracting(StoredEvent::sequence)
                .containsExactly(2L);
        assertThat(log.readStream("other", 0, 100)).isEmpty();
        assertThat(log.lastSequence("app-1")).hasValue(2);
        assertThat(log.lastSequence("other")).isEmpty();
    }

    @Test
    void givenAppendedCommits_whenReadingTheStream_thenEveryEventCarriesAHashChainThatVerifies() {
        EventLog log = newLog();
        List<StoredEvent> first = log.append(List.of(event("chained", 0), event("chained", 1)));
        log.append(List.of(event("chained", 2)));

        List<StoredEvent> stream = log.readStream("chained", 0, 100);
        assertThat(se.norrort.consortium.eventstore.chain.HashChain.verify(stream))
                .isEmpty();
        assertThat(se.norrort.consortium.eventstore.chain.HashChain.storedHash(first.get(1)))
                .isEqualTo(se.norrort.consortium.eventstore.chain.HashChain.storedHash(stream.get(1)));
        assertThat(stream).allSatisfy(e -> assertThat(e.metadata()).contains("chainHash"));
    }

    @Test
    void givenAnEventAtASequence_whenAppendingAtTheSameSequence_thenConflictAndNothingIsStored() {
        EventLog log = newLog();
        log.append(List.of(event("app-1", 0), event("app-1", 1)));

        assertThatThrownBy(() -> log.append(List.of(event("app-1", 1), event("app-1", 2))))
                .isInstanceOf(StreamConflictException.class);

        assertThat(log.readStream("app-1", 0, 100)).hasSize(2);
        assertThat(readAll(log)).hasSize(2);
        log.append(List.of(event("app-1", 2)));
        assertThat(readAll(log)).extracting(StoredEvent::sequence).containsExactly(0L, 1L, 2L);
    }

    @Test
    void givenManyWritersAtTheSameSequence_whenTheyAppendAtOnce_thenExactlyOneWins() throws Exception {
        EventLog log = newLog();
        log.append(List.of(event("app-1", 0)));
        int writers = 8;
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    log.append(List.of(event("app-1", 1)));
                    return true;
                } catch (StreamConflictException e) {
                    return false;
                }
            }));
        }
        int winners = 0;
        for (Future<Boolean> outcome : outcomes) {
            winners += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();

        assertThat(winners).isEqualTo(1);
        assertThat(log.readStream("app-1", 0, 100)).hasSize(2);
        assertThat(readAll(log)).hasSize(2);
    }

    @Test
    void givenEventsOfSeveralStreams_whenReadingTheLog_thenEachOnceInGlobalOrderWithConsecutivePositions() {
        EventLog log = newLog();
        for (int i = 0; i < 10; i++) {
            log.append(List.of(event("a", i)));
            log.append(List.of(event("b", 2L * i), event("b", 2L * i + 1)));
        }
        List<StoredEvent> all = readAll(log);

        assertThat(all).hasSize(30);
        assertThat(all)
                .extracting(StoredEvent::position)
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 30).boxed().toList());
        assertThat(all.stream().filter(e -> e.aggregateId().equals("b")).map(StoredEvent::sequence))
                .isSorted()
                .hasSize(20);
    }

    @Test
    void givenAWriterThatAllocatedButHasNotCommitted_whenReading_thenItsPositionIsAGapAndItsEventArrivesLater()
            throws Exception {
        CountDownLatch slowWriterAllocated = new CountDownLatch(1);
        CountDownLatch releaseSlowWriter = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        EventLog log = newLog(
                position -> {
                    if (first.getAndSet(false)) {
                        slowWriterAllocated.countDown();
                        await(releaseSlowWriter);
                    }
                },
                Duration.ofSeconds(30));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> slow = pool.submit(() -> log.append(List.of(event("slow", 0))));
        slowWriterAllocated.await(10, TimeUnit.SECONDS);
        log.append(List.of(event("fast", 0)));

        List<TrackedEvent> firstRead = log.readAfter(LogPosition.START, 10);
        assertThat(firstRead).extracting(t -> t.event().aggregateId()).containsExactly("fast");
        LogPosition afterFast = firstRead.get(0).positionAfter();
        assertThat(afterFast.gaps()).containsExactly(1L);
        assertThat(log.readAfter(afterFast, 10)).isEmpty();

        releaseSlowWriter.countDown();
        slow.get(10, TimeUnit.SECONDS);
        pool.shutdown();

        List<TrackedEvent> secondRead = log.readAfter(afterFast, 10);
        assertThat(secondRead).extracting(t -> t.event().aggregateId()).containsExactly("slow");
        assertThat(secondRead.get(0).positionAfter().gaps()).isEmpty();
        assertThat(log.readAfter(secondRead.get(0).positionAfter(), 10)).isEmpty();
    }

    @Test
    void givenAWriterSlowerThanTheGapTimeout_whenAReaderClosesItsPosition_thenTheEventIsStillDeliveredExactlyOnce()
            throws Exception {
        CountDownLatch slowWriterAllocated = new CountDownLatch(1);
        CountDownLatch releaseSlowWriter = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        EventLog log = newLog(
                position -> {
                    if (first.getAndSet(false)) {
                        slowWriterAllocated.countDown();
                        await(releaseSlowWriter);
                    }
                },
                Duration.ofMillis(200));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<List<StoredEvent>> slow = pool.submit(() -> log.append(List.of(event("slow", 0))));
        slowWriterAllocated.await(10, TimeUnit.SECONDS);
        log.append(List.of(event("fast", 0)));

        List<TrackedEvent> firstRead = log.readAfter(LogPosition.START, 10);
        assertThat(firstRead.get(0).positionAfter().gaps()).containsExactly(1L);
        Thread.sleep(300);
        // The gap has timed out: this read closes position 1 with a tombstone.
        assertThat(log.readAfter(firstRead.get(0).positionAfter(), 10)).isEmpty();

        releaseSlowWriter.countDown();
        List<StoredEvent> stored = slow.get(10, TimeUnit.SECONDS);
        pool.shutdown();

        assertThat(stored.get(0).position()).isGreaterThan(2);
        List<StoredEvent> all = readAll(log);
        assertThat(all).extracting(StoredEvent::aggregateId).containsExactly("fast", "slow");
        assertThat(log.readStream("slow", 0, 10)).hasSize(1);
    }

    @Test
    void givenAnEventOfNoAggregate_whenAppended_thenItIsTrackedButBelongsToNoStream() {
        EventLog log = newLog();
        StoredEvent loose = new StoredEvent(
                0, UUID.randomUUID().toString(), null, null, 0, Instant.now(), "SomethingHappened", null, "{}", "{}");
        log.append(List.of(loose));
        log.append(List.of(new StoredEvent(
                0, UUID.randomUUID().toString(), null, null, 0, Instant.now(), "SomethingHappened", null, "{}", "{}")));

        List<StoredEvent> all = readAll(log);
        assertThat(all).hasSize(2);
        assertThat(all.get(0).aggregateId()).isNull();
        assertThat(all.get(0).eventId()).isEqualTo(loose.eventId());
    }

    @Test
    void givenCommittedEvents_whenTakingTheHead_thenOnlyLaterEventsAreRead() {
        EventLog log = newLog();
        log.append(List.of(event("a", 0), event("a", 1)));
        LogPosition head = log.head();
        log.append(List.of(event("a", 2)));

        List<TrackedEvent> read = log.readAfter(head, 10);
        assertThat(read).extracting(t -> t.event().sequence()).containsExactly(2L);
    }

    @Test
    void givenSnapshots_whenStoringAnOlderOneAfterANewerOne_thenTheNewerIsKept() {
        EventLog log = newLog();
        assertThat(log.latestSnapshot("a")).isEmpty();
        log.storeSnapshot(event("a", 5));
        log.storeSnapshot(event("a", 3));
        assertThat(log.latestSnapshot("a"))
                .get()
                .extracting(StoredEvent::sequence)
                .isEqualTo(5L);
        log.storeSnapshot(event("a", 9));
        assertThat(log.latestSnapshot("a"))
                .get()
                .extracting(StoredEvent::sequence)
                .isEqualTo(9L);
    }

    @Test
    void givenAnInstant_whenPositioningAtIt_thenEventsStoredAfterItAreRead() throws Exception {
        EventLog log = newLog();
        log.append(List.of(event("a", 0)));
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        log.append(List.of(event("a", 1)));

        Set<Long> sequences = new HashSet<>();
        log.readAfter(log.positionAt(between), 10)
                .forEach(t -> sequences.add(t.event().sequence()));
        assertThat(sequences).containsExactly(1L);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
