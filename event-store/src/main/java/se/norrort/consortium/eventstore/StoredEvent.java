package se.norrort.consortium.eventstore;

import java.time.Instant;
import java.util.Objects;

/**
 * One event as the event log stores it: already serialized, independent of any framework.
 *
 * @param position        global position in the log (1, 2, ...); {@code 0} for an event that is not yet stored
 * @param eventId         unique event identifier
 * @param aggregateType   type of the aggregate, or {@code null} for an event that belongs to no aggregate
 * @param aggregateId     the aggregate (stream) the event belongs to, or {@code null} for no aggregate
 * @param sequence        position within the aggregate's stream (0, 1, ...); {@code 0} for no aggregate
 * @param timestamp       when the event happened (UTC instant, full precision)
 * @param payloadType     stable stored type name (never a Java class name for domain events)
 * @param payloadRevision revision of the payload's schema, may be {@code null}
 * @param payload         the payload as JSON text, exactly as stored
 * @param metadata        the metadata as JSON text, exactly as stored
 */
public record StoredEvent(
        long position,
        String eventId,
        String aggregateType,
        String aggregateId,
        long sequence,
        Instant timestamp,
        String payloadType,
        String payloadRevision,
        String payload,
        String metadata) {

    public StoredEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(metadata, "metadata");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative");
        }
    }

    /** Whether the event belongs to an aggregate stream. */
    public boolean hasAggregate() {
        return aggregateId != null;
    }

    /** A copy of this event placed at the given global position. */
    public StoredEvent atPosition(long newPosition) {
        return new StoredEvent(
                newPosition,
                eventId,
                aggregateType,
                aggregateId,
                sequence,
                timestamp,
                payloadType,
                payloadRevision,
                payload,
                metadata);
    }
}
