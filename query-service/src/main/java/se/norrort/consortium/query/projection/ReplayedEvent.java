package se.norrort.consortium.query.projection;

import java.time.Instant;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import se.norrort.consortium.api.MetadataKeys;
import se.norrort.consortium.api.events.ConsortiumEvent;

/**
 * One event of the log as a projection applies it, live or in a rebuild: payload, global position, timestamp,
 * sequence in its application's stream, identifier and metadata. The live handlers build it from the event message
 * with {@link #of} as a rebuild does, so both paths hand the projections the same information.
 */
public record ReplayedEvent(
        ConsortiumEvent event, long position, Instant timestamp, long sequence, String eventId, MetaData metaData) {

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
        return Optional.of(new ReplayedEvent(
                event,
                number.longValue(),
                message.getTimestamp(),
                sequence,
                message.getIdentifier(),
                message.getMetaData()));
    }

    /**
     * The event of a message that a live handler of {@link ConsortiumEvent}s received; fails when it is none or was
     * delivered without its position.
     */
    public static ReplayedEvent live(EventMessage<?> message) {
        return of(message)
                .orElseThrow(() ->
                        new IllegalArgumentException("Event " + message.getIdentifier() + " is no consortium event"));
    }

    /** A view's pure fold: the next view document after an event, or the very one given when it changes nothing. */
    @FunctionalInterface
    public interface Fold {
        Document apply(Document view, ConsortiumEvent event, long position, Instant timestamp);
    }

    /**
     * Applies this event to a view document with the view's fold and records in the result which of its fields the
     * event set ({@link Provenance}); the document given when the fold changes nothing. Every projection applies
     * events through here, so every view records its provenance the same way, live and in a rebuild.
     */
    public Document applyTo(Document view, Fold fold) {
        return Provenance.apply(view, ref(), v -> fold.apply(v, event, position, timestamp));
    }

    /** The event's reference, as field-level provenance records it. */
    public Document ref() {
        return EventRef.of(
                event.applicationId().toString(), eventId, position, sequence, timestamp, event, this::metaDataText);
    }

    /** A metadata value as text, or {@code null} when absent. */
    public String metaDataText(String key) {
        Object value = metaData.get(key);
        return value == null ? null : value.toString();
    }
}
