package se.norrort.consortium.eventstore.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import se.norrort.consortium.api.EventTypes;

/**
 * Axon's Jackson serializer with stored type names taken from {@link EventTypes} (the {@code @EventType}
 * annotations) instead of Java class names. Classes that are not in the registry (Axon's own tokens, snapshots,
 * sagas) keep their class name.
 */
public class StableNameSerializer extends JacksonSerializer {

    private final EventTypes types;

    protected StableNameSerializer(Builder builder, EventTypes types) {
        super(builder);
        this.types = types;
    }

    public static StableNameSerializer create(EventTypes types) {
        Builder builder = JacksonSerializer.builder()
                .objectMapper(defaultObjectMapper())
                .revisionResolver(new AnnotationRevisionResolver())
                .lenientDeserialization();
        return new StableNameSerializer(builder, types);
    }

    /** JSON as stored: ISO-8601 dates and instants, unknown properties tolerated (older or newer readers). */
    public static ObjectMapper defaultObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    @SuppressWarnings("rawtypes") // Axon's Serializer declares the parameter as a raw Class; an override must match
    public SerializedType typeForClass(Class type) {
        if (type != null) {
            var name = types.nameOf(type);
            if (name.isPresent()) {
                return new SimpleSerializedType(
                        name.get(), getRevisionResolver().revisionOf(type));
            }
        }
        return super.typeForClass(type);
    }

    /**
     * Packages a stored type name outside the registry may name: Axon's own types (tokens, metadata), this
     * system's (snapshots of its aggregates, deadline payloads) and plain JDK values. Any other name, e.g. one a
     * writer of the database put there, is never loaded as a class: it reads as an unknown type.
     */
    static final java.util.List<String> LOADABLE_PACKAGES =
            java.util.List.of("org.axonframework.", "se.norrort.consortium.", "java.lang.", "java.util.", "java.time.");

    @Override
    protected String resolveClassName(SerializedType serializedType) {
        String name = serializedType.getName();
        return types.classOf(name).map(Class::getName).orElseGet(() -> loadable(name) ? name : "unloadable." + name);
    }

    static boolean loadable(String name) {
        return name != null && LOADABLE_PACKAGES.stream().anyMatch(name::startsWith);
    }
}
