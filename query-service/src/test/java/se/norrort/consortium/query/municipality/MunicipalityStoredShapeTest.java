package se.norrort.consortium.query.municipality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.query.projection.ApplicationFacts;
import se.norrort.consortium.query.projection.ApplicationFactsCodec;
import se.norrort.consortium.query.projection.Provenance;
import se.norrort.consortium.query.projection.ReplayedEvent;
import se.norrort.consortium.query.projection.StoredDocuments;
import se.norrort.consortium.query.projection.StoredDocuments.Line;

/**
 * The municipality view stores what it stored before its typed records: {@code stored-entries.txt} holds what the
 * Document-built fold stored for the {@link MunicipalityHistories} (all of them in one store, in name order, each event
 * at the next global position, applied as the projection applies it, provenance included): every entry document after
 * each event that changed it ({@code <history>/<code> <position>}), every index document at the end
 * ({@code index/<code>}), and every municipality's document at the end, assembled with and without provenance and as
 * served on a day ({@code assembled/<code>}, {@code provenance/<code>}, {@code served/<code>}), and as the layout of
 * one document per municipality kept it ({@code whole/<code>}). Extended JSON, so field order, BSON types and nulls
 * count.
 * <p>
 * The lines were written by the Document-built fold (run with {@code -Dnorrort.golden.write=true} to write them
 * again, which only a deliberate change of the stored shape may do).
 */
class MunicipalityStoredShapeTest {

    static final String RESOURCE = "stored-entries.txt";
    static final LocalDate SERVED_ON = LocalDate.of(2023, 11, 1);

    /** The projection's steps over the histories, as golden lines, each entry read back from the store. */
    static List<String> fold() {
        return fold(false);
    }

    /**
     * The projection's steps over the histories, as golden lines: with {@code asBatch}, as one batch applies them (a
     * rebuild's, or a live batch's), each step given the document the one before made, the entries folded from the
     * records a batch remembers ({@link MunicipalityRecords}), the application's facts too; otherwise each entry and
     * the facts read back from the store first. As a batch, it also checks after each step that the records
     * remembered are what decoding the documents gives.
     */
    static List<String> fold(boolean asBatch) {
        MunicipalityRecords records = MunicipalityRecords.create();
        MunicipalityRecords wholeRecords = MunicipalityRecords.create();
        Map<String, Document> facts = new LinkedHashMap<>();
        Map<String, Document> entries = new LinkedHashMap<>();
        Map<String, Document> index = new TreeMap<>();
        Map<String, Document> whole = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        long position = 0;
        for (var history : new TreeMap<>(MunicipalityHistories.HISTORIES).entrySet()) {
            for (ConsortiumEvent event : history.getValue()) {
                position++;
                String applicationId = event.applicationId().toString();
                ReplayedEvent e = new ReplayedEvent(
                        event,
                        position,
                        StoredDocuments.at(position),
                        position,
                        "event-" + position,
                        MetaData.with("actor", "officer-" + position));
                Document next = asBatch
                        ? records.applyToFacts(facts.get(applicationId), event, position, e.timestamp())
                        : ApplicationFacts.apply(read(facts.get(applicationId)), event, position, e.timestamp());
                if (asBatch) {
                    assertThat(records.factsOf(next))
                            .as(history.getKey() + " facts " + position)
                            .isEqualTo(ApplicationFactsCodec.fromDocument(next));
                }
                facts.put(applicationId, next);
                for (String code : MunicipalityView.affected(event, next)) {
                    String id = MunicipalityEntries.id(code, applicationId);
                    Document before = asBatch ? entries.get(id) : read(entries.get(id));
                    Document after = asBatch
                            ? MunicipalityEntries.apply(
                                    before, code, e, ApplicationFactsCodec.fromDocument(next), records)
                            : MunicipalityEntries.apply(before, code, e, next);
                    if (asBatch) {
                        assertThat(records.of(after))
                                .as(history.getKey() + "/" + code + " " + position)
                                .isEqualTo(MunicipalityCodec.fromDocument(after));
                    }
                    if (after == before) {
                        continue;
                    }
                    if (before == null) {
                        index.put(code, MunicipalityEntries.indexed(read(index.get(code)), code, applicationId));
                    }
                    entries.put(id, after);
                    lines.add(history.getKey() + "/" + code + " " + position + " " + json(after));
                    ApplicationFacts.Facts typed = records.factsOf(next);
                    ReplayedEvent.Fold fold = asBatch
                            ? (v, ev, p, ts) -> MunicipalityView.apply(v, code, ev, p, ts, typed, wholeRecords)
                            : (v, ev, p, ts) -> MunicipalityView.apply(v, code, ev, p, ts, next);
                    whole.put(code, e.applyTo(asBatch ? whole.get(code) : read(whole.get(code)), fold));
                }
            }
        }
        for (var listed : index.entrySet()) {
            String code = listed.getKey();
            lines.add("index/" + code + " " + position + " " + json(listed.getValue()));
            List<Document> stored = new ArrayList<>();
            for (String applicationId : MunicipalityEntries.applications(listed.getValue())) {
                stored.add(read(entries.get(MunicipalityEntries.id(code, applicationId))));
            }
            List<Document> served = stored.stream().map(Provenance::without).toList();
            Document assembled = MunicipalityEntries.assemble(code, served, false);
            lines.add("assembled/" + code + " " + position + " " + json(assembled));
            lines.add("provenance/" + code + " " + position + " "
                    + json(MunicipalityEntries.assemble(code, stored, true)));
            lines.add("served/" + code + " " + position + " " + json(MunicipalityView.asOf(assembled, SERVED_ON)));
            lines.add("whole/" + code + " " + position + " " + json(whole.get(code)));
        }
        return lines;
    }

    /** A document as the projection reads it back from the store. */
    private static Document read(Document stored) {
        return stored == null ? null : Document.parse(stored.toJson(StoredDocuments.EXACT));
    }

    private static String json(Document d) {
        return d.toJson(StoredDocuments.EXACT);
    }

    @Test
    void givenTheHistories_whenProjected_thenEveryStoredAndServedDocumentIsAsBeforeFieldForField() throws Exception {
        List<String> folded = fold();
        if (Boolean.getBoolean("norrort.golden.write")) {
            Files.write(Path.of("src/test/resources/se/norrort/consortium/query/municipality/" + RESOURCE), folded);
        }
        List<Line> golden = StoredDocuments.read(MunicipalityStoredShapeTest.class, RESOURCE);
        assertThat(golden).hasSizeGreaterThan(100);
        assertThat(folded)
                .containsExactlyElementsOf(golden.stream().map(Line::toString).toList());
    }

    @Test
    void givenTheHistories_whenProjectedAsOneBatchFromTheRecordsItRemembers_thenEveryDocumentIsAsBefore() {
        List<Line> golden = StoredDocuments.read(MunicipalityStoredShapeTest.class, RESOURCE);
        assertThat(fold(true))
                .containsExactlyElementsOf(golden.stream().map(Line::toString).toList());
    }

    /** The golden documents a codec reads: entries, assembled and whole documents, without their provenance. */
    private static List<Line> documents() {
        return StoredDocuments.read(MunicipalityStoredShapeTest.class, RESOURCE).stream()
                .filter(line ->
                        !line.history().startsWith("index/") && !line.history().startsWith("served/"))
                .map(line -> new Line(
                        line.history(),
                        line.events(),
                        Provenance.without(line.document()).toJson(StoredDocuments.EXACT)))
                .toList();
    }

    @Test
    void givenEveryStoredDocument_whenReadAndWrittenBack_thenItIsTheSameFieldForField() {
        StoredDocuments.assertRoundTrips(
                documents(), d -> MunicipalityCodec.toDocument(MunicipalityCodec.fromDocument(d), d));
    }

    @Test
    void givenEveryStoredDocument_whenItsRecordIsWrittenWithoutThePreviousDocument_thenItReadsAsTheSameRecord() {
        for (Line line : documents()) {
            MunicipalityDocument record = MunicipalityCodec.fromDocument(line.document());
            assertThat(MunicipalityCodec.fromDocument(MunicipalityCodec.toDocument(record, null)))
                    .as(line.history() + " " + line.events())
                    .isEqualTo(record);
        }
    }

    @Test
    void givenNoDocument_thenNoRecord() {
        assertThat(MunicipalityCodec.fromDocument(null)).isNull();
    }
}
