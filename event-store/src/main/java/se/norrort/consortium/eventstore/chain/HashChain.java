package se.norrort.consortium.eventstore.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import se.norrort.consortium.eventstore.StoredEvent;

/**
 * Tamper evidence: every stored event's metadata carries {@value #KEY}, the SHA-256 of a canonical JSON of the
 * event chained to the hash of the previous event of the same stream (application). Editing, deleting, inserting
 * or reordering stored events breaks the chain at the first changed event. The canonical form is documented in
 * {@code doc/event-store.md}.
 */
public final class HashChain {

    /** Metadata key holding the event's chain hash (64 lowercase hex digits). */
    public static final String KEY = "chainHash";
    /** The "previous hash" of a stream's first event. */
    public static final String GENESIS = "";

    private static final ObjectMapper JSON = new ObjectMapper();

    private HashChain() {}

    /** The chain hash of {@code event} after {@code previousHash}; the event's own {@value #KEY} is ignored. */
    public static String hash(String previousHash, StoredEvent event) {
        ObjectNode canonical = JsonNodeFactory.instance.objectNode();
        canonical.put("aggregateId", event.aggregateId());
        canonical.put("eventId", event.eventId());
        canonical.set("metadata", withoutHash(parse(event.metadata())));
        canonical.set("payload", parse(event.payload()));
        canonical.put("previousHash", previousHash);
        canonical.put("revision", event.payloadRevision());
        canonical.put("sequence", event.sequence());
        canonical.put("timestamp", event.timestamp().toString());
        canonical.put("type", event.payloadType());
        return sha256(canonicalJson(canonical));
    }

    /** The event with its chain hash added to its metadata. */
    public static StoredEvent sealed(String previousHash, StoredEvent event) {
        String hash = hash(previousHash, event);
        ObjectNode metadata = (ObjectNode) withoutHash(parse(event.metadata()));
        metadata.put(KEY, hash);
        return new StoredEvent(
                event.position(),
                event.eventId(),
                event.aggregateType(),
                event.aggregateId(),
                event.sequence(),
                event.timestamp(),
                event.payloadType(),
                event.payloadRevision(),
                event.payload(),
                metadata.toString());
    }

    /** The chain hash stored in the event's metadata, if any. */
    public static Optional<String> storedHash(StoredEvent event) {
        JsonNode hash = parse(event.metadata()).get(KEY);
        return hash == null || !hash.isTextual() ? Optional.empty() : Optional.of(hash.asText());
    }

    /** Where a stream's chain first fails to verify. */
    public record BrokenLink(int index, long sequence, long position, String eventId, String reason) {}

    /**
     * Recomputes the chain of one stream from its first event. Also checks that sequence numbers run 0, 1, 2, ...
     * without a hole, so a deleted or reordered event is found even where hashes were recomputed for the rest.
     */
    public static Optional<BrokenLink> verify(List<StoredEvent> stream) {
        Verifier verifier = new Verifier();
        for (StoredEvent event : stream) {
            Optional<BrokenLink> broken = verifier.accept(event);
            if (broken.isPresent()) {
                return broken;
            }
        }
        return Optional.empty();
    }

    /**
     * Verifies one stream event by event, in constant memory, with the rules of {@link #verify(List)}: feed it the
     * stream's events in order; it answers the first broken link and stays broken from then on.
     */
    public static final class Verifier {

        private String previous = GENESIS;
        private int index;
        private BrokenLink broken;

        /** Checks the next event of the stream; the broken link, if this event (or an earlier one) broke the chain. */
        public Optional<BrokenLink> accept(StoredEvent event) {
            if (broken != null) {
                return Optional.of(broken);
            }
            int i = index;
            if (event.sequence() != i) {
                broken = new BrokenLink(
                        i,
                        event.sequence(),
                        event.position(),
                        event.eventId(),
                        "expected sequence " + i + " but found " + event.sequence()
                                + " (an event is missing, inserted or moved)");
                return Optional.of(broken);
            }
            Optional<String> stored;
            String expected;
            try {
                stored = storedHash(event);
                expected = stored.isEmpty() ? null : hash(previous, event);
            } catch (IllegalArgumentException e) {
                broken = new BrokenLink(
                        i,
                        event.sequence(),
                        event.position(),
                        event.eventId(),
                        "the event's stored payload or metadata is not valid JSON");
                return Optional.of(broken);
            }
            if (stored.isEmpty()) {
                broken = new BrokenLink(
                        i, event.sequence(), event.position(), event.eventId(), "the event carries no chain hash");
                return Optional.of(broken);
            }
            if (!expected.equals(stored.get())) {
                broken = new BrokenLink(
                        i,
                        event.sequence(),
                        event.position(),
                        event.eventId(),
                        "the stored hash does not match the event's content and the" + " previous event's hash");
                return Optional.of(broken);
            }
            previous = stored.get();
            index++;
            return Optional.empty();
        }

        /** How many events verified so far. */
        public int count() {
            return index;
        }

        /** The chain hash of the last verified event ({@link #GENESIS} before the first). */
        public String head() {
            return previous;
        }

        /** The first broken link, if one was found. */
        public Optional<BrokenLink> broken() {
            return Optional.ofNullable(broken);
        }
    }

    /** The head hash of a verified stream ({@link #GENESIS} for an empty one). */
    public static String head(List<StoredEvent> stream) {
        return stream.isEmpty()
                ? GENESIS
                : storedHash(stream.get(stream.size() - 1)).orElse(GENESIS);
    }

    private static JsonNode withoutHash(JsonNode metadata) {
        ObjectNode copy =
                metadata.isObject() ? ((ObjectNode) metadata).deepCopy() : JsonNodeFactory.instance.objectNode();
        copy.remove(KEY);
        return copy;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Stored JSON is not valid", e);
        }
    }

    /**
     * Canonical JSON: object members sorted by key (UTF-16 code units, as RFC 8785), no insignificant whitespace,
     * strings and numbers as Jackson writes them, arrays in order.
     */
    public static String canonicalJson(JsonNode node) {
        try {
            return JSON.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> members = new TreeMap<>();
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                members.put(member.getKey(), sorted(member.getValue()));
            }
            return members;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(sorted(item)));
            return items;
        }
        return node;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
