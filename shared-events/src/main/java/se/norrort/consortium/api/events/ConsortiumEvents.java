package se.norrort.consortium.api.events;

import java.util.List;
import se.norrort.consortium.api.EventTypes;

/** The list of event types of the consortium contract and their stored type names. */
public final class ConsortiumEvents {

    private ConsortiumEvents() {}

    /** Every event class of the contract: the permitted subclasses of {@link ConsortiumEvent}. */
    public static List<Class<?>> types() {
        return List.of(ConsortiumEvent.class.getPermittedSubclasses());
    }

    /** The registry of stored type names for every event of the contract. */
    public static EventTypes registry() {
        return EventTypes.of(types());
    }
}
