package se.norrort.consortium.query.audittrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.ConsortiumEvents;
import se.norrort.consortium.query.audittrail.AuditTrailEntry.Header;
import se.norrort.consortium.query.projection.StoredDocuments;
import se.norrort.consortium.query.projection.StoredDocuments.Line;

/**
 * The audit trail's stored shape is the one the Document-built view stored before the typed records:
 * {@code stored-entries.txt} and {@code stored-headers.txt} hold the entry of one event of every type and the header
 * after it, for the contexts of {@link AuditTrailHistories}.
 */
class AuditTrailCodecTest {

    private static final List<Line> ENTRIES = StoredDocuments.read(AuditTrailCodecTest.class, "stored-entries.txt");
    private static final List<Line> HEADERS = StoredDocuments.read(AuditTrailCodecTest.class, "stored-headers.txt");

    @Test
    void givenEveryStoredEntryAndHeader_whenReadAndWrittenBack_thenEachIsTheSameFieldForField() {
        StoredDocuments.assertRoundTrips(ENTRIES, d -> AuditTrailCodec.toDocument(AuditTrailCodec.entryOf(d)));
        StoredDocuments.assertRoundTrips(HEADERS, d -> AuditTrailCodec.toDocument(AuditTrailCodec.headerOf(d)));
    }

    @Test
    void givenOneEventOfEveryType_thenTheTypedViewStoresWhatTheDocumentViewStored() {
        assertThat(AuditTrailHistories.EVERY_TYPE.stream()
                        .map(e -> e.getClass())
                        .distinct())
                .hasSameSizeAs(ConsortiumEvents.types());
        List<String> entries = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        Document header = null;
        long sequence = 0;
        for (ConsortiumEvent event : AuditTrailHistories.EVERY_TYPE) {
            AuditTrailView.Context context = AuditTrailHistories.context(sequence);
            entries.add("everyType " + (sequence + 1) + " "
                    + AuditTrailView.entry(event, context).toJson(StoredDocuments.EXACT));
            Document read = header == null ? null : Document.parse(header.toJson(StoredDocuments.EXACT));
            header = AuditTrailView.apply(read, event, sequence, context.position(), context.timestamp());
            headers.add("everyType " + (sequence + 1) + " " + header.toJson(StoredDocuments.EXACT));
            sequence++;
        }
        assertThat(entries)
                .containsExactlyElementsOf(ENTRIES.stream().map(Line::toString).toList());
        assertThat(headers)
                .containsExactlyElementsOf(HEADERS.stream().map(Line::toString).toList());
    }

    @Test
    void givenEveryStoredEntry_thenItsRecordIsTheOneTheViewBuildsForItsEvent() {
        long sequence = 0;
        for (ConsortiumEvent event : AuditTrailHistories.EVERY_TYPE) {
            AuditTrailEntry built = AuditTrailView.record(event, AuditTrailHistories.context(sequence));
            assertThat(AuditTrailCodec.entryOf(ENTRIES.get((int) sequence).document()))
                    .as(event.getClass().getSimpleName())
                    .isEqualTo(built);
            sequence++;
        }
    }

    @Test
    void givenHeaders_whenFolded_thenTheCountIsTheHighestSequenceSeenPlusOne_andARedeliveryChangesNothing() {
        Header header =
                AuditTrailView.foldHeader(null, AuditTrailHistories.EVERY_TYPE.get(0), 0, 1, StoredDocuments.at(1));
        header = AuditTrailView.foldHeader(header, AuditTrailHistories.EVERY_TYPE.get(1), 1, 2, StoredDocuments.at(2));

        assertThat(header).isEqualTo(new Header("a", 2, 2, "MunicipalityInvited", StoredDocuments.at(2)));
        assertThat(AuditTrailView.foldHeader(
                        header, AuditTrailHistories.EVERY_TYPE.get(1), 1, 2, StoredDocuments.at(9)))
                .isSameAs(header);
    }
}
