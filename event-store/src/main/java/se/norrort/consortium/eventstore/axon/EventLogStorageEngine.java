package se.norrort.consortium.eventstore.axon;

import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import se.norrort.consortium.api.MetadataKeys;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.eventstore.LogPosition;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.StreamConflictException;
import se.norrort.consortium.eventstore.TrackedEvent;

/**
 * Axon's event storage engine as an adapter on the project's {@link EventLog} port. Tracking tokens are
 * {@link GapAwareTrackingToken}s whose index and gaps are the log's {@link LogPosition}.
 */
public class EventLogStorageEngine extends BatchingEventStorageEngine {

    /**
     * Unit-of-work resource holding the last {@link StoredEvent} this unit of work appended (with its global
     * position), so that a command's caller can learn the new aggregate version and position after commit.
     */
    public static final String LAST_APPENDED = "norrort.lastAppendedEvent";

    private final EventLog eventLog;

    /**
     * The messages an aggregate's load has made of a stored event, kept as long as that {@link StoredEvent} is (weak
     * keys: the stream cache holds the events it serves, and drops them with the stream), so that the next load of the
     * same stream applies the same messages instead of upcasting and deserializing every event again. Event payloads
     * are the contract's immutable records, and a stored event never changes, so sharing them across loads is safe;
     * snapshots are not kept here (a snapshot's payload is the aggregate itself, which the load goes on to change).
     */
    private final Map<StoredEvent, List<DomainEventMessage<?>>> deserialized =
            Collections.synchronizedMap(new WeakHashMap<>());

    protected EventLogStorageEngine(Builder builder) {
        super(builder);
        this.eventLog = builder.eventLog;
    }

    public static Builder builder() {
        return new Builder();
    }

    public EventLog eventLog() {
        return eventLog;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        List<StoredEvent> commit = new ArrayList<>();
        String currentStream = null;
        for (EventMessage<?> event : events) {
            StoredEvent stored = toStored(event, serializer);
            String stream = stored.hasAggregate() ? stored.aggregateId() : null;
            if (!commit.isEmpty() && (stream == null || !stream.equals(currentStream))) {
                appendCommit(commit, events.get(0));
                commit = new ArrayList<>();
            }
            commit.add(stored);
            currentStream = stream;
        }
        if (!commit.isEmpty()) {
            appendCommit(commit, events.get(0));
        }
    }

    private void appendCommit(List<StoredEvent> commit, EventMessage<?> failedEvent) {
        try {
            List<StoredEvent> stored = eventLog.append(commit);
            StoredEvent last = stored.get(stored.size() - 1);
            CurrentUnitOfWork.ifStarted(
                    unitOfWork -> unitOfWork.root().resources().put(LAST_APPENDED, last));
        } catch (StreamConflictException e) {
            handlePersistenceException(e, failedEvent);
        }
    }

    private static StoredEvent toStored(EventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
        String aggregateType = null;
        String aggregateId = null;
        long sequence = 0;
        if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getAggregateIdentifier() != null) {
            aggregateType = domainEvent.getType();
            aggregateId = domainEvent.getAggregateIdentifier();
            sequence = domainEvent.getSequenceNumber();
        }
        return new StoredEvent(
                0,
                event.getIdentifier(),
                aggregateType,
                aggregateId,
                sequence,
                event.getTimestamp(),
                payload.getType().getName(),
                payload.getType().getRevision(),
                payload.getData(),
                metaData.getData());
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        eventLog.storeSnapshot(toStored(snapshot, serializer));
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        List<TrackedEvent> batch = eventLog.readAfter(toPosition(lastToken), batchSize);
        List<TrackedEventData<?>> result = new ArrayList<>(batch.size());
        for (TrackedEvent tracked : batch) {
            LogPosition after = tracked.positionAfter();
            result.add(new TrackedDomainEventData<>(toToken(after), toTrackedEntry(tracked.event())));
        }
        return result;
    }

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(
            String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
        return eventLog.readStream(aggregateIdentifier, firstSequenceNumber, batchSize).stream()
                .map(e -> new StoredEntry(e, e.metadata(), true))
                .toList();
    }

    /**
     * An aggregate's events from {@code firstSequenceNumber} on, as Axon's engine reads them (upcast, then
     * deserialized on use), each stored event's messages made once and applied again by the loads after it (see
     * {@link #deserialized}).
     */
    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        Long[] lastSequence = {null};
        Stream<DomainEventMessage<?>> messages = readEventData(aggregateIdentifier, firstSequenceNumber)
                .flatMap(data -> {
                    lastSequence[0] = data.getSequenceNumber();
                    return messagesOf(data).stream();
                });
        return DomainEventStream.of(messages, () -> lastSequence[0]);
    }

    private List<DomainEventMessage<?>> messagesOf(DomainEventData<?> data) {
        StoredEvent stored = data instanceof StoredEntry entry && entry.stored != null ? entry.stored.get() : null;
        List<DomainEventMessage<?>> known = stored == null ? null : deserialized.get(stored);
        if (known != null) {
            return known;
        }
        List<DomainEventMessage<?>> made = new ArrayList<>(1);
        EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(data), getEventSerializer(), upcasterChain)
                .forEachRemaining(made::add);
        List<DomainEventMessage<?>> kept = List.copyOf(made);
        if (stored != null) {
            deserialized.put(stored, kept);
        }
        return kept;
    }

    @Override
    protected boolean fetchForAggregateUntilEmpty() {
        // A batch ends at a commit boundary, so it may be larger or smaller than the batch size.
        return true;
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return eventLog.latestSnapshot(aggregateIdentifier).map(e -> new StoredEntry(e, e.metadata(), false)).stream();
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        var last = eventLog.lastSequence(aggregateIdentifier);
        return last.isPresent() ? Optional.of(last.getAsLong()) : Optional.empty();
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        return toToken(eventLog.head());
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        LogPosition position = eventLog.positionAt(dateTime);
        return position.index() == 0 ? null : toToken(position);
    }

    static LogPosition toPosition(TrackingToken token) {
        if (token == null) {
            return LogPosition.START;
        }
        if (!(token instanceof GapAwareTrackingToken gapAware)) {
            throw new IllegalArgumentException(
                    "Unsupported token type " + token.getClass().getSimpleName() + "; expected GapAwareTrackingToken");
        }
        return LogPosition.of(gapAware.getIndex(), gapAware.getGaps());
    }

    static GapAwareTrackingToken toToken(LogPosition position) {
        return GapAwareTrackingToken.newInstance(position.index(), position.gaps());
    }

    /** A tracked event also tells its handlers its global position, as metadata (not stored). */
    private static StoredEntry toTrackedEntry(StoredEvent e) {
        String metadata = e.metadata().strip();
        String position = "\"" + MetadataKeys.GLOBAL_POSITION + "\":" + e.position();
        String withPosition =
                metadata.equals("{}") ? "{" + position + "}" : "{" + position + "," + metadata.substring(1);
        return new StoredEntry(e, withPosition, false);
    }

    /**
     * A stored event (or snapshot, or tracked event) as Axon reads it; a stream's event also with the stored event it
     * came from, the key of the messages made of it ({@link #deserialized}). Held weakly: the messages keep their entry (Axon's
     * timestamp supplier does), so a strong reference would keep every key of the weak map, and with it every event
     * ever loaded.
     */
    private static final class StoredEntry extends GenericDomainEventEntry<String> {
        private final transient WeakReference<StoredEvent> stored;

        StoredEntry(StoredEvent e, String metadata, boolean keyed) {
            super(
                    e.aggregateType(),
                    e.aggregateId(),
                    e.sequence(),
                    e.eventId(),
                    e.timestamp(),
                    e.payloadType(),
                    e.payloadRevision(),
                    e.payload(),
                    metadata);
            this.stored = keyed ? new WeakReference<>(e) : null;
        }
    }

    /** How many stored events the memo holds messages for now (for tests: it must not outlive the events). */
    int remembered() {
        return deserialized.size();
    }

    /** Builds the engine; the event log and the serializers are required. */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private EventLog eventLog;

        public Builder eventLog(EventLog eventLog) {
            this.eventLog = eventLog;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        public EventLogStorageEngine build() {
            persistenceExceptionResolver(e -> e instanceof StreamConflictException);
            validate();
            if (eventLog == null) {
                throw new org.axonframework.common.AxonConfigurationException("The EventLog is required");
            }
            return new EventLogStorageEngine(this);
        }
    }
}
