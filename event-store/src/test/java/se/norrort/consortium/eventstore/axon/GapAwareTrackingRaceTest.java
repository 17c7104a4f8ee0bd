package se.norrort.consortium.eventstore.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.EventTypes;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.eventstore.mongo.MongoEventLog;

/**
 * The property the event store exists for: under concurrent writers whose commits land out of position order (random
 * delays between allocating a position and inserting, some slower than the gap timeout, some refused as conflicts),
 * both a tracking and a pooled streaming processor with several segments receive every committed event exactly once,
 * in order within each aggregate.
 */
class GapAwareTrackingRaceTest {

    private static final int WRITERS = 4;
    private static final int STREAMS_PER_WRITER = 25;
    private static final int EVENTS = 10_000;

    private final List<StreamingEventProcessor> processors = new ArrayList<>();
    private EmbeddedEventStore eventStore;

    @AfterEach
    void stop() {
        processors.forEach(StreamingEventProcessor::shutDown);
        if (eventStore != null) {
            eventStore.shutDown();
        }
    }

    @Test
    void givenConcurrentWritersWithRandomDelays_whenProcessorsTrack_thenEachReceivesEveryEventExactlyOnceInStreamOrder()
            throws Exception {
        MongoEventLog log = new MongoEventLog(TestMongo.freshDatabase(), Duration.ofMillis(300), Clock.systemUTC());
        AtomicInteger slowWrites = new AtomicInteger();
        log.beforeInsert(position -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int dice = random.nextInt(1000);
            try {
                if (dice < 2) {
                    slowWrites.incrementAndGet();
                    Thread.sleep(500); // slower than the gap timeout: a reader closes the position
                } else if (dice < 150) {
                    Thread.sleep(random.nextInt(1, 5));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        EventTypes types = EventTypes.of(List.of(RaceEvent.class));
        StableNameSerializer serializer = StableNameSerializer.create(types);
        EventLogStorageEngine engine = EventLogStorageEngine.builder()
                .eventLog(log)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .batchSize(100)
                .build();
        eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();

        Recorder tracking = new Recorder();
        Recorder pooled = new Recorder();
        TrackingEventProcessor tep = TrackingEventProcessor.builder()
                .name("race-tracking")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(tracking)
                        .build())
                .messageSource(eventStore)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(50))
                .build();
        ExecutorService coordinator = Executors.newSingleThreadScheduledExecutor();
        ExecutorService workers = Executors.newScheduledThreadPool(4);
        PooledStreamingEventProcessor psep = PooledStreamingEventProcessor.builder()
                .name("race-pooled")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(pooled)
                        .build())
                .messageSource(eventStore)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .coordinatorExecutor((java.util.concurrent.ScheduledExecutorService) coordinator)
                .workerExecutor((java.util.concurrent.ScheduledExecutorService) workers)
                .initialSegmentCount(4)
                .batchSize(50)
                .build();
        processors.add(tep);
        processors.add(psep);
        tep.start();
        psep.start();

        // Writers: each owns its streams; a fifth thread makes conflicting appends that must be refused.
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS + 1);
        List<Future<?>> running = new ArrayList<>();
        Map<String, AtomicInteger> nextSequence = new ConcurrentHashMap<>();
        int perWriter = EVENTS / WRITERS;
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            running.add(writers.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    String stream = "w" + writer + "-s" + (i % STREAMS_PER_WRITER);
                    long seq = nextSequence
                            .computeIfAbsent(stream, s -> new AtomicInteger())
                            .getAndIncrement();
                    engine.appendEvents(event(stream, seq));
                }
                return null;
            }));
        }
        AtomicInteger refused = new AtomicInteger();
        running.add(writers.submit(() -> {
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> log.lastSequence("w0-s0").isPresent());
            for (int i = 0; i < 50; i++) {
                try {
                    engine.appendEvents(event("w0-s0", 0)); // sequence 0 of a stream that already exists
                } catch (AggregateStreamCreationException | ConcurrencyException expected) {
                    refused.incrementAndGet();
                }
                Thread.sleep(20);
            }
            return null;
        }));
        for (Future<?> f : running) {
            f.get(5, TimeUnit.MINUTES);
        }
        writers.shutdown();

        await("both processors saw every event")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> tracking.total() >= EVENTS && pooled.total() >= EVENTS);
        Thread.sleep(1000); // not a poll: anything delivered twice would arrive now

        assertThat(refused.get()).isEqualTo(50);
        assertThat(slowWrites.get())
                .as("some writes were slower than the gap timeout")
                .isPositive();
        for (Recorder recorder : List.of(tracking, pooled)) {
            assertThat(recorder.duplicates).as("events delivered twice").isEmpty();
            assertThat(recorder.outOfOrder).as("events out of stream order").isEmpty();
            assertThat(recorder.total()).isEqualTo(EVENTS);
            assertThat(recorder.lastSeen).hasSize(WRITERS * STREAMS_PER_WRITER);
            recorder.lastSeen.forEach((stream, last) ->
                    assertThat(last).isEqualTo(nextSequence.get(stream).get() - 1));
        }
    }

    private static DomainEventMessage<RaceEvent> event(String stream, long seq) {
        return new GenericDomainEventMessage<>("Race", stream, seq, new RaceEvent(stream, seq));
    }

    private static final class Recorder implements EventMessageHandler {

        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final Set<String> duplicates = ConcurrentHashMap.newKeySet();
        final Set<String> outOfOrder = ConcurrentHashMap.newKeySet();
        final Map<String, Long> lastSeen = new ConcurrentHashMap<>();

        @Override
        public Object handle(EventMessage<?> event) {
            RaceEvent race = (RaceEvent) event.getPayload();
            if (!seen.add(event.getIdentifier())) {
                duplicates.add(race.stream() + "#" + race.sequence());
            }
            Long previous = lastSeen.put(race.stream(), race.sequence());
            if ((previous == null && race.sequence() != 0) || (previous != null && race.sequence() != previous + 1)) {
                outOfOrder.add(race.stream() + "#" + race.sequence() + " after " + previous);
            }
            return null;
        }

        int total() {
            return seen.size();
        }
    }
}
