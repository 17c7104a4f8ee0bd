package se.norrort.consortium.query.projection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import se.norrort.consortium.api.events.ConsortiumEvent;

/**
 * Golden view documents: what a view's Document-built fold stored, before its typed record, after each event of a
 * set of histories, one line each ({@code history events extended-JSON}, histories in name order). Extended JSON, so
 * field order, BSON types and nulls all count when two are compared.
 */
public final class StoredDocuments {

    /** Extended JSON: int32 and int64 told apart, fields in order. */
    public static final JsonWriterSettings EXACT =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    /** The time the n-th event of a history was recorded at. */
    public static Instant at(long position) {
        return Instant.parse("2023-09-21T10:00:00Z").plusSeconds(position * 61);
    }

    /** One golden line: the history, how many of its events were folded, the stored document. */
    public record Line(String history, int events, String json) {

        public Document document() {
            return Document.parse(json);
        }

        @Override
        public String toString() {
            return history + " " + events + " " + json;
        }
    }

    /** A fold on stored documents, given the position and time of the event. */
    public interface Fold {
        Document apply(Document view, ConsortiumEvent event, long position, Instant timestamp);
    }

    private StoredDocuments() {}

    /** The golden lines of a resource beside {@code owner}. */
    public static List<Line> read(Class<?> owner, String resource) {
        List<Line> lines = new ArrayList<>();
        try (var in = owner.getResourceAsStream(resource);
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] parts = line.split(" ", 3);
                lines.add(new Line(parts[0], Integer.parseInt(parts[1]), parts[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /**
     * What {@code fold} stores for the histories, as golden lines: each document read back through its extended JSON
     * before the next event, as the projection reads it back from MongoDB.
     */
    public static List<String> fold(Map<String, List<ConsortiumEvent>> histories, Fold fold) {
        List<String> lines = new ArrayList<>();
        for (var history : new TreeMap<>(histories).entrySet()) {
            Document view = null;
            long position = 0;
            for (ConsortiumEvent event : history.getValue()) {
                position++;
                Document read = view == null ? null : Document.parse(view.toJson(EXACT));
                view = fold.apply(read, event, position, at(position));
                lines.add(history.getKey() + " " + position + " " + view.toJson(EXACT));
            }
        }
        return lines;
    }

    /** Each golden document read and written back by a codec, as extended JSON. */
    public static void assertRoundTrips(List<Line> lines, UnaryOperator<Document> readAndWriteBack) {
        org.assertj.core.api.Assertions.assertThat(lines).hasSizeGreaterThan(5);
        for (Line line : lines) {
            org.assertj.core.api.Assertions.assertThat(
                            readAndWriteBack.apply(line.document()).toJson(EXACT))
                    .as("%s after %d events", line.history(), line.events())
                    .isEqualTo(line.json());
        }
    }
}
