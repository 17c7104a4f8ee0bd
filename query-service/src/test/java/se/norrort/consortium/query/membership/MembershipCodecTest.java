package se.norrort.consortium.query.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.query.projection.StoredDocuments;
import se.norrort.consortium.query.projection.StoredDocuments.Line;

/**
 * The membership view's stored shape is the one the Document-built fold stored before the typed records:
 * {@code stored-documents.txt} holds, for every {@link MembershipHistories history}, the document that fold stored
 * after each event (extended JSON, so field order, BSON types and nulls count). The codec reads and writes each one
 * back unchanged, and the typed fold stores the same documents again.
 */
class MembershipCodecTest {

    private static final List<Line> STORED = StoredDocuments.read(MembershipCodecTest.class, "stored-documents.txt");

    @Test
    void givenEveryStoredDocument_whenReadAndWrittenBack_thenItIsTheSameFieldForField() {
        StoredDocuments.assertRoundTrips(STORED, d -> MembershipCodec.toDocument(MembershipCodec.fromDocument(d), d));
    }

    @Test
    void givenEveryStoredDocument_whenItsRecordIsWrittenWithoutThePreviousDocument_thenItReadsAsTheSameRecord() {
        for (Line line : STORED) {
            MembershipDocument record = MembershipCodec.fromDocument(line.document());
            assertThat(MembershipCodec.fromDocument(MembershipCodec.toDocument(record, null)))
                    .as(line.history() + " " + line.events())
                    .isEqualTo(record);
        }
    }

    @Test
    void givenEveryHistory_whenFoldedOnStoredDocuments_thenEachStepStoresWhatTheDocumentFoldStored() {
        assertThat(StoredDocuments.fold(MembershipHistories.HISTORIES, MembershipView::apply))
                .containsExactlyElementsOf(STORED.stream().map(Line::toString).toList());
    }

    @Test
    void givenNoDocument_thenNoRecord() {
        assertThat(MembershipCodec.fromDocument((Document) null)).isNull();
    }
}
