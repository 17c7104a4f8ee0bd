package se.norrort.consortium.api;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps stored event type names to classes and back. Built from {@link EventType} annotations on an explicit list of
 * classes, so it is independent of package names and fails fast on a duplicate or missing name.
 */
public final class EventTypes {

    private final Map<String, Class<?>> classesByName = new LinkedHashMap<>();
    private final Map<Class<?>, String> namesByClass = new LinkedHashMap<>();

    private EventTypes() {}

    /** The registry for every message of the consortium contract plus the given extra types (e.g. test events). */
    public static EventTypes of(Collection<Class<?>> types) {
        EventTypes registry = new EventTypes();
        types.forEach(registry::register);
        return registry;
    }

    private void register(Class<?> type) {
        EventType annotation = type.getAnnotation(EventType.class);
        if (annotation == null || annotation.value().isBlank()) {
            throw new IllegalArgumentException(type.getName() + " has no @EventType name");
        }
        String name = annotation.value();
        Class<?> previous = classesByName.putIfAbsent(name, type);
        if (previous != null && previous != type) {
            throw new IllegalArgumentException(
                    "Event type name '" + name + "' is used by both " + previous.getName() + " and " + type.getName());
        }
        namesByClass.put(type, name);
    }

    public Optional<String> nameOf(Class<?> type) {
        return Optional.ofNullable(namesByClass.get(type));
    }

    public Optional<Class<?>> classOf(String name) {
        return Optional.ofNullable(classesByName.get(name));
    }

    public Map<String, Class<?>> all() {
        return Collections.unmodifiableMap(classesByName);
    }
}
