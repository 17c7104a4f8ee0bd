package se.norrort.consortium.eventstore.axon;

import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.ConsortiumEvents;
import se.norrort.consortium.api.upcasting.ApplicationOpenedV1ToV2Upcaster;
import se.norrort.consortium.eventstore.StoredEvent;

/**
 * Reads a stored event's payload as the aggregate reads it: through the upcasters, then the store's serializer, which
 * maps the stored {@code @EventType} names (not class names) to the contract's records. Readers of stored events
 * outside Axon's event store use it: the auditor's history and states, and the archive export.
 */
public final class StoredEventReader {

    private final Serializer serializer;
    private final EventUpcaster upcasters;

    public StoredEventReader(Serializer serializer, List<? extends EventUpcaster> upcasters) {
        this.serializer = serializer;
        this.upcasters = new EventUpcasterChain(List.copyOf(upcasters));
    }

    /**
     * The reader of the message contract with the serializer and upcasters the services configure
     * ({@code EventStoreAutoConfiguration}), for readers outside a Spring context (the archive command line).
     */
    public static StoredEventReader ofContract() {
        return new StoredEventReader(
                StableNameSerializer.create(ConsortiumEvents.registry()),
                List.of(new ApplicationOpenedV1ToV2Upcaster()));
    }

    /**
     * A stored event read: the contract's record, or why it could not be read.
     *
     * @param event      the payload as the contract's record, or null
     * @param unreadable why the payload could not be read, or null
     */
    public record Read(ConsortiumEvent event, String unreadable) {}

    /** Reads one stored event's payload; never throws. */
    public Read read(StoredEvent stored) {
        try {
            GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>(
                    stored.aggregateType(),
                    stored.aggregateId(),
                    stored.sequence(),
                    stored.eventId(),
                    stored.timestamp(),
                    stored.payloadType(),
                    stored.payloadRevision(),
                    stored.payload(),
                    stored.metadata());
            DomainEventStream stream =
                    EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry), serializer, upcasters);
            if (!stream.hasNext()) {
                return new Read(null, "the upcasters dropped the event");
            }
            DomainEventMessage<?> message = stream.next();
            if (message.getPayload() instanceof ConsortiumEvent event) {
                return new Read(event, null);
            }
            return new Read(null, "the stored type " + stored.payloadType() + " is not an event of the contract");
        } catch (RuntimeException e) {
            return new Read(null, "the payload cannot be read: " + e.getMessage());
        }
    }
}
