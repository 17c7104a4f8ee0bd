package se.norrort.consortium.query.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.events.ConsortiumEvent;

/**
 * The membership view's stored shape is the one the Document-built fold stored before the typed records:
 * {@code stored-documents.txt} holds, for every {@link MembershipHistories history}, the document that fold stored
 * after each event (extended JSON, so field order, BSON types and nulls count). The codec reads and writes each one
 * back unchanged, and the typed fold stores the same documents again.
 */
class MembershipCodecTest {

    private static final JsonWriterSettings EXACT =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    /** One stored document: the history, the number of events folded, the document's extended JSON. */
    record Stored(String history, int events, String json) {}

    static List<Stored> stored() throws IOException {
        List<Stored> stored = new ArrayList<>();
        try (var in = MembershipCodecTest.class.getResourceAsStream("stored-documents.txt");
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] parts = line.split(" ", 3);
                stored.add(new Stored(parts[0], Integer.parseInt(parts[1]), parts[2]));
            }
        }
        return stored;
    }

    @Test
    void givenEveryStoredDocument_whenReadAndWrittenBack_thenItIsTheSameFieldForField() throws IOException {
        List<Stored> stored = stored();
        assertThat(stored).hasSizeGreaterThan(20);
        for (Stored s : stored) {
            Document document = Document.parse(s.json());
            MembershipDocument record = MembershipCodec.fromDocument(document);

            assertThat(MembershipCodec.toDocument(record, document).toJson(EXACT))
                    .as("%s after %d events", s.history(), s.events())
                    .isEqualTo(s.json());
            assertThat(MembershipCodec.fromDocument(MembershipCodec.toDocument(record, null)))
                    .as("the record, written without a previous document and read again")
                    .isEqualTo(record);
        }
    }

    @Test
    void givenEveryHistory_whenFoldedOnStoredDocuments_thenEachStepStoresWhatTheDocumentFoldStored()
            throws IOException {
        List<String> expected = stored().stream()
                .map(s -> s.history() + " " + s.events() + " " + s.json())
                .toList();
        List<String> actual = new ArrayList<>();
        for (var history : new TreeMap<>(MembershipHistories.HISTORIES).entrySet()) {
            Document view = null;
            long position = 0;
            for (ConsortiumEvent event : history.getValue()) {
                position++;
                // through the stored form, as the projection reads it back from MongoDB
                Document read = view == null ? null : Document.parse(view.toJson(EXACT));
                view = MembershipView.apply(
                        read,
                        event,
                        position,
                        Instant.parse("2023-09-21T10:00:00Z").plusSeconds(position * 61));
                actual.add(history.getKey() + " " + position + " " + view.toJson(EXACT));
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
