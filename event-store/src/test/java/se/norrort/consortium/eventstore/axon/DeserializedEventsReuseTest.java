package se.norrort.consortium.eventstore.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.EventTypes;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.eventstore.cache.CachingEventLog;
import se.norrort.consortium.eventstore.mongo.MongoEventLog;

/**
 * An aggregate's load through the stream cache deserializes each stored event once: the loads after it apply the same
 * messages (equal events, in the same order, with the same last sequence number) and deserialize only what was
 * appended since.
 */
class DeserializedEventsReuseTest {

    private static final String STREAM = "application-reuse";

    private final AtomicInteger payloadsDeserialized = new AtomicInteger();
    private Serializer contract;
    private CachingEventLog log;
    private EventLogStorageEngine engine;

    @BeforeEach
    void engineOnTheStreamCache() {
        contract = StableNameSerializer.create(EventTypes.of(List.of(RaceEvent.class)));
        log = new CachingEventLog(
                new MongoEventLog(TestMongo.freshDatabase(), Duration.ofSeconds(10), Clock.systemUTC()), 10);
        Serializer counting = new CountingSerializer(contract, payloadsDeserialized);
        engine = EventLogStorageEngine.builder()
                .eventLog(log)
                .eventSerializer(counting)
                .snapshotSerializer(counting)
                .batchSize(100)
                .build();
    }

    @Test
    void givenALoadedStream_whenLoadedAgain_thenNoEventIsDeserializedTwiceAndTheEventsAreEqual() {
        for (long sequence = 0; sequence < 5; sequence++) {
            append(sequence);
        }

        List<Object> first = payloads(engine.readEvents(STREAM));
        assertThat(payloadsDeserialized).hasValue(5);
        DomainEventStream again = engine.readEvents(STREAM, 0);
        List<Object> second = payloads(again);

        assertThat(second).isEqualTo(first).hasSize(5);
        assertThat(again.getLastSequenceNumber()).isEqualTo(4L);
        assertThat(payloadsDeserialized)
                .as("the second load applies the messages of the first")
                .hasValue(5);

        append(5);
        List<Object> third = payloads(engine.readEvents(STREAM, 0));

        assertThat(third).hasSize(6).startsWith(first.toArray()).endsWith(new RaceEvent(STREAM, 5));
        assertThat(payloadsDeserialized).as("only the appended event is new").hasValue(6);
        assertThat(payloads(engine.readEvents(STREAM, 3))).containsExactly(first.get(3), first.get(4), third.get(5));
        assertThat(payloadsDeserialized).hasValue(6);
    }

    @Test
    void givenAStreamTheCacheEvicted_whenCollected_thenTheMessagesOfItsEventsAreNotKeptEither() throws Exception {
        for (long sequence = 0; sequence < 5; sequence++) {
            append(sequence);
        }
        assertThat(payloads(engine.readEvents(STREAM))).hasSize(5);
        assertThat(engine.remembered())
                .as("the cached stream's events, remembered")
                .isEqualTo(5);

        log.evict(STREAM);
        for (int i = 0; i < 50 && engine.remembered() > 0; i++) {
            System.gc();
            Thread.sleep(20);
        }

        assertThat(engine.remembered())
                .as("messages kept for events no one holds (a leak of every event ever loaded)")
                .isZero();
    }

    private void append(long sequence) {
        SerializedObject<String> payload = contract.serialize(new RaceEvent(STREAM, sequence), String.class);
        log.append(List.of(new StoredEvent(
                0,
                UUID.randomUUID().toString(),
                "RaceAggregate",
                STREAM,
                sequence,
                Instant.now(),
                payload.getType().getName(),
                payload.getType().getRevision(),
                payload.getData(),
                "{}")));
    }

    /** What an aggregate's load does with the stream: applies every payload. */
    private static List<Object> payloads(DomainEventStream stream) {
        List<Object> payloads = new ArrayList<>();
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            payloads.add(message.getPayload());
        }
        return payloads;
    }

    /** The contract's serializer, counting the event payloads it deserializes. */
    private record CountingSerializer(Serializer delegate, AtomicInteger payloads) implements Serializer {

        @Override
        public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
            return delegate.serialize(object, expectedRepresentation);
        }

        @Override
        public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
            return delegate.canSerializeTo(expectedRepresentation);
        }

        @Override
        public <S, T> T deserialize(SerializedObject<S> serializedObject) {
            T result = delegate.deserialize(serializedObject);
            if (result instanceof RaceEvent) {
                payloads.incrementAndGet();
            }
            return result;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Class classForType(SerializedType type) {
            return delegate.classForType(type);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public SerializedType typeForClass(Class type) {
            return delegate.typeForClass(type);
        }

        @Override
        public Converter getConverter() {
            return delegate.getConverter();
        }
    }
}
