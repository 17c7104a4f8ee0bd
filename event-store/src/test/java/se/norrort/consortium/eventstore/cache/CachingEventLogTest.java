package se.norrort.consortium.eventstore.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.StreamConflictException;
import se.norrort.consortium.eventstore.TestEvents;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.eventstore.chain.HashChain;
import se.norrort.consortium.eventstore.metrics.StoreOperationCounter;
import se.norrort.consortium.eventstore.mongo.MongoEventLog;

/**
 * The write side's stream cache: a cached load costs one round trip whatever the history, and two writers (two
 * command-service instances, each with its own cache) on one stream never decide on stale state nor lose an event.
 */
class CachingEventLogTest {

    private static final String STREAM = "application-1";

    private final StoreOperationCounter operations = new StoreOperationCounter();
    private MongoClient client;
    private CachingEventLog instanceA;
    private CachingEventLog instanceB;
    private MongoEventLog store;

    @BeforeEach
    void twoInstancesOnOneStore() {
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(TestMongo.connectionString()))
                .addCommandListener(operations)
                .build());
        MongoDatabase database = client.getDatabase(TestMongo.freshDatabaseName());
        store = new MongoEventLog(database, Duration.ofSeconds(10), Clock.systemUTC());
        instanceA = new CachingEventLog(new MongoEventLog(database, Duration.ofSeconds(10), Clock.systemUTC()), 10);
        instanceB = new CachingEventLog(new MongoEventLog(database, Duration.ofSeconds(10), Clock.systemUTC()), 10);
    }

    @AfterEach
    void close() {
        client.close();
    }

    /** What Axon's repository does to load an aggregate: the snapshot, then the events after it until empty. */
    private static List<StoredEvent> load(CachingEventLog log, String stream) {
        long from = log.latestSnapshot(stream).map(s -> s.sequence() + 1).orElse(0L);
        List<StoredEvent> events = new java.util.ArrayList<>();
        for (List<StoredEvent> batch = log.readStream(stream, from, 100);
                !batch.isEmpty();
                batch = log.readStream(stream, from, 100)) {
            events.addAll(batch);
            from = batch.get(batch.size() - 1).sequence() + 1;
        }
        return events;
    }

    private long operationsDuring(Runnable action) {
        long before = total(operations.snapshot());
        action.run();
        return total(operations.snapshot()) - before;
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void givenACachedStreamOf40Commits_whenLoadingIt_thenOneRoundTrip() {
        for (int s = 0; s < 40; s++) {
            instanceA.append(List.of(TestEvents.event(STREAM, s)));
        }
        long uncached =
                operationsDuring(() -> assertThat(load(instanceB, STREAM)).hasSize(40));
        long cached = operationsDuring(() -> assertThat(load(instanceA, STREAM)).hasSize(40));

        assertThat(uncached).as("instance B reads the stream commit by commit").isGreaterThanOrEqualTo(40);
        assertThat(cached).as("instance A checks only for newer commits").isEqualTo(1);
        long cachedAgain =
                operationsDuring(() -> assertThat(load(instanceB, STREAM)).hasSize(40));
        assertThat(cachedAgain).as("B has it cached now").isEqualTo(1);
    }

    @Test
    void givenAnotherInstanceAppended_whenLoadingFromTheCache_thenItsEventsAreThereBeforeDeciding() {
        instanceA.append(List.of(TestEvents.event(STREAM, 0)));
        assertThat(load(instanceA, STREAM)).hasSize(1);
        assertThat(load(instanceB, STREAM)).hasSize(1);

        instanceB.append(List.of(TestEvents.event(STREAM, 1), TestEvents.event(STREAM, 2)));

        assertThat(load(instanceA, STREAM)).extracting(StoredEvent::sequence).containsExactly(0L, 1L, 2L);
    }

    @Test
    void givenAStaleCache_whenAppending_thenConflictNothingLostAndTheNextLoadIsCurrent() {
        instanceA.append(List.of(TestEvents.event(STREAM, 0)));
        assertThat(load(instanceA, STREAM)).hasSize(1);
        StoredEvent fromB = TestEvents.event(STREAM, 1);
        instanceB.append(List.of(fromB));

        // A decided on its state (sequence 0) without loading again: the append at 1 collides with B's commit
        assertThatThrownBy(() -> instanceA.append(List.of(TestEvents.event(STREAM, 1))))
                .isInstanceOf(StreamConflictException.class);

        assertThat(store.readStream(STREAM, 0, 100))
                .extracting(StoredEvent::eventId)
                .hasSize(2)
                .contains(fromB.eventId());
        List<StoredEvent> reloaded = load(instanceA, STREAM);
        assertThat(reloaded)
                .extracting(StoredEvent::eventId)
                .containsExactly(store.readStream(STREAM, 0, 100).stream()
                        .map(StoredEvent::eventId)
                        .toArray(String[]::new));
        // the retry continues the stream (and its hash chain) right after B's event
        instanceA.append(List.of(TestEvents.event(STREAM, 2)));
        List<StoredEvent> all = store.readStream(STREAM, 0, 100);
        assertThat(all).extracting(StoredEvent::sequence).containsExactly(0L, 1L, 2L);
        assertThat(HashChain.verify(all)).as("the chain verifies").isEmpty();
    }

    @Test
    void givenACommandsAttempt_whenItLoadsACachedStreamAndAppends_thenNoReadAtAll_andItIsConfirmed() {
        for (int s = 0; s < 10; s++) {
            instanceA.append(List.of(TestEvents.event(STREAM, s)));
        }
        CachingEventLog.Attempt attempt = instanceA.trust();
        long operations = operationsDuring(() -> {
            assertThat(load(instanceA, STREAM)).hasSize(10);
            instanceA.append(List.of(TestEvents.event(STREAM, 10)));
        });
        // the counter and the insert only: the append itself is the store's check
        assertThat(operations).isEqualTo(2);
        assertThat(operationsDuring(() -> assertThat(instanceA.confirm(attempt)).isTrue()))
                .as("what the attempt appended to needs no lookup")
                .isZero();
    }

    @Test
    void givenACommandsAttempt_whenItStoredNothing_andAnotherInstanceHadAppended_thenNotConfirmed_andEvicted() {
        instanceA.append(List.of(TestEvents.event(STREAM, 0)));
        assertThat(load(instanceA, STREAM)).hasSize(1);
        instanceB.append(List.of(TestEvents.event(STREAM, 1)));

        CachingEventLog.Attempt attempt = instanceA.trust();
        long loading =
                operationsDuring(() -> assertThat(load(instanceA, STREAM)).hasSize(1)); // stale, unasked
        assertThat(loading).isZero();
        assertThat(instanceA.confirm(attempt)).as("decided on a stale stream").isFalse();

        // handled again: the stream was evicted, so the next load reads the store (and needs no confirmation)
        CachingEventLog.Attempt again = instanceA.trust();
        assertThat(load(instanceA, STREAM)).extracting(StoredEvent::sequence).containsExactly(0L, 1L);
        assertThat(instanceA.confirm(again)).isTrue();
    }

    @Test
    void givenACommandsAttempt_whenItStoredNothing_andNoOtherWriter_thenConfirmedWithOneLookup() {
        instanceA.append(List.of(TestEvents.event(STREAM, 0)));
        assertThat(load(instanceA, STREAM)).hasSize(1);

        CachingEventLog.Attempt attempt = instanceA.trust();
        assertThat(load(instanceA, STREAM)).hasSize(1);
        assertThat(operationsDuring(() -> assertThat(instanceA.confirm(attempt)).isTrue()))
                .isEqualTo(1);
        assertThat(operationsDuring(() -> assertThat(load(instanceA, STREAM)).hasSize(1)))
                .as("after the attempt, a load asks the store first again")
                .isEqualTo(1);
    }

    @Test
    void givenAnAttemptOnTwoStreams_whenTheOneNotAppendedToIsStale_thenTheAppendIsRefused_andNothingStored() {
        String other = "application-2";
        instanceA.append(List.of(TestEvents.event(STREAM, 0)));
        instanceA.append(List.of(TestEvents.event(other, 0)));
        assertThat(load(instanceA, STREAM)).hasSize(1);
        assertThat(load(instanceA, other)).hasSize(1);
        instanceB.append(List.of(TestEvents.event(other, 1)));

        CachingEventLog.Attempt attempt = instanceA.trust();
        load(instanceA, other);
        load(instanceA, STREAM);
        assertThatThrownBy(() -> instanceA.append(List.of(TestEvents.event(STREAM, 1))))
                .isInstanceOf(StreamConflictException.class);
        instanceA.confirm(attempt);

        assertThat(store.readStream(STREAM, 0, 100)).hasSize(1);
    }

    @Test
    void givenAppendsThroughTheCache_thenTheHashChainIsTheOneTheStoreWouldHaveComputed() {
        for (int s = 0; s < 5; s++) {
            assertThat(load(instanceA, STREAM)).hasSize(s);
            instanceA.append(List.of(TestEvents.event(STREAM, s)));
        }
        List<StoredEvent> all = store.readStream(STREAM, 0, 100);
        assertThat(all).hasSize(5);
        assertThat(HashChain.verify(all)).as("the chain verifies").isEmpty();
    }

    @Test
    void givenASnapshotStoredThroughTheCache_whenLoading_thenNoSnapshotReadAndOnlyLaterEvents() {
        for (int s = 0; s < 10; s++) {
            instanceA.append(List.of(TestEvents.event(STREAM, s)));
        }
        instanceA.storeSnapshot(new StoredEvent(
                0,
                UUID.randomUUID().toString(),
                "TestAggregate",
                STREAM,
                9,
                Instant.now(),
                "TestSnapshot",
                null,
                "{}",
                "{}"));
        instanceA.append(List.of(TestEvents.event(STREAM, 10)));

        long ops = operationsDuring(() -> assertThat(load(instanceA, STREAM))
                .extracting(StoredEvent::sequence)
                .containsExactly(10L));
        assertThat(ops).isEqualTo(1);
        assertThat(operations.snapshot()).doesNotContainKey("find snapshots");
    }
}
