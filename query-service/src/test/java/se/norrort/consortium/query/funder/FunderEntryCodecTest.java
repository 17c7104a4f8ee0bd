package se.norrort.consortium.query.funder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.query.projection.StoredDocuments;
import se.norrort.consortium.query.projection.StoredDocuments.Line;

/**
 * The funder entry's stored shape is the one the Document-built fold stored: {@code stored-documents.txt} holds what
 * it stored after each event of the {@link FunderHistories}, after the status change of issue 11
 * ({@code JOINING_CLOSED}).
 */
class FunderEntryCodecTest {

    private static final List<Line> STORED = StoredDocuments.read(FunderEntryCodecTest.class, "stored-documents.txt");

    @Test
    void givenEveryStoredDocument_whenReadAndWrittenBack_thenItIsTheSameFieldForField() {
        StoredDocuments.assertRoundTrips(STORED, d -> FunderEntryCodec.toDocument(FunderEntryCodec.fromDocument(d), d));
    }

    @Test
    void givenEveryStoredDocument_whenItsRecordIsWrittenWithoutThePreviousDocument_thenItReadsAsTheSameRecord() {
        for (Line line : STORED) {
            FunderEntry entry = FunderEntryCodec.fromDocument(line.document());
            assertThat(FunderEntryCodec.fromDocument(FunderEntryCodec.toDocument(entry, null)))
                    .as(line.history() + " " + line.events())
                    .isEqualTo(entry);
        }
    }

    @Test
    void givenEveryHistory_whenFoldedOnStoredDocuments_thenEachStepStoresWhatTheDocumentFoldStored() {
        assertThat(StoredDocuments.fold(FunderHistories.HISTORIES, FunderApplicationView::apply))
                .containsExactlyElementsOf(STORED.stream().map(Line::toString).toList());
    }
}
