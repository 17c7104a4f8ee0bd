package se.norrort.consortium.query.rebuild;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import se.norrort.consortium.api.MetadataKeys;
import se.norrort.consortium.api.events.ConsortiumEvent;

import java.time.Instant;
import java.util.Optional;

/**
 * One event of the log as a rebuild hands it to a projection: what the live handlers get as parameters (payload,
 * global position, timestamp, sequence in its application's stream, identifier, metadata).
 */
public record ReplayedEvent(ConsortiumEvent event, long position, Instant timestamp, long sequence, String eventId,
                            MetaData metaData) {

    /**
     * The event of a message read from the log, or empty for a message that is no consortium event. The position is
     * the {@link MetadataKeys#GLOBAL_POSITION} metadata that the log adds to every event it delivers.
     */
    public static Optional<ReplayedEvent> of(EventMessage<?> message) {
        if (!(message.getPayload() instanceof ConsortiumEvent event)) {
            return Optional.empty();
        }
        Object position = message.getMetaData().get(MetadataKeys.GLOBAL_POSITION);
        if (!(position instanceof Number number)) {
            throw new IllegalStateException("Event " + message.getIdentifier() + " was read without its position");
        }
        long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
        return Optional.of(new ReplayedEvent(event, number.longValue(), message.getTimestamp(), sequence,
                                             message.getIdentifier(), message.getMetaData()));
    }

    /** A metadata value as text, or {@code null} when absent. */
    public String metaDataText(String key) {
        Object value = metaData.get(key);
        return value == null ? null : value.toString();
    }
}
