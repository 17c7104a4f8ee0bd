package se.norrort.consortium.archive;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.chain.CommitSeal;
import se.norrort.consortium.eventstore.chain.HashChain;

/**
 * Writes {@code events.jsonl}: one JSON object per stored event, one line each, in stream order:
 * <pre>
 * {"applicationId":"…","position":17,"sequence":3,"eventId":"…","type":"MunicipalityJoined","revision":null,
 *  "timestamp":"2023-09-20T10:00:00Z","chainHash":"…","payload":{…},"metadata":{…,"chainHash":"…"}}
 * </pre>
 * {@code payload} and {@code metadata} are the stored JSON texts, copied verbatim (so the chain hash can be recomputed
 * from the file with the rules in {@code doc/event-store.md}); a stored text that is not one JSON value on one line is
 * written as a JSON string instead. {@code chainHash} is the event's own link, taken from its metadata (null when it
 * has none).
 */
final class EventLines implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();

    private final OutputStream out;
    private final JsonGenerator generator;
    private int lines;

    EventLines(OutputStream out) {
        try {
            this.out = out;
            this.generator = JSON.createGenerator(out, JsonEncoding.UTF8);
            // every line is closed by hand: no separator between root values, no closing of the stream
            generator.setRootValueSeparator(null);
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one event as one line, with the seal of its commit when it is the commit's last event. */
    void write(StoredEvent event, CommitSeal seal) {
        try {
            generator.writeStartObject();
            generator.writeStringField("applicationId", event.aggregateId());
            generator.writeNumberField("position", event.position());
            generator.writeNumberField("sequence", event.sequence());
            generator.writeStringField("eventId", event.eventId());
            generator.writeStringField("type", event.payloadType());
            generator.writeStringField("revision", event.payloadRevision());
            generator.writeStringField("timestamp", event.timestamp().toString());
            generator.writeStringField("chainHash", chainHash(event));
            generator.writeFieldName("payload");
            writeStored(event.payload());
            generator.writeFieldName("metadata");
            writeStored(event.metadata());
            if (seal != null) {
                generator.writeObjectFieldStart("seal");
                generator.writeStringField("kid", seal.keyId());
                generator.writeStringField("sig", seal.signature());
                generator.writeEndObject();
            }
            generator.writeEndObject();
            generator.flush();
            out.write('\n');
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many lines were written. */
    int lines() {
        return lines;
    }

    private static String chainHash(StoredEvent event) {
        try {
            return HashChain.storedHash(event).orElse(null);
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }

    private void writeStored(String json) throws IOException {
        if (isSingleLineJsonValue(json)) {
            generator.writeRawValue(json);
        } else {
            generator.writeString(json);
        }
    }

    /** Whether the text is exactly one JSON value with no line break in it. */
    private static boolean isSingleLineJsonValue(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return false;
        }
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            generator.close();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
