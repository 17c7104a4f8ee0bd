package se.norrort.consortium.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.query.funder.FunderHistories;
import se.norrort.consortium.query.projection.ApplicationFacts.Facts;
import se.norrort.consortium.query.projection.StoredDocuments.Line;

/**
 * The facts' stored shape (the municipality projection's {@code applications} collection) is the one the
 * Document-built fold stored: {@code stored-facts.txt} holds what it stored after each event of the
 * {@link FunderHistories}, after the status change of issue 11 ({@code JOINING_CLOSED}).
 */
class ApplicationFactsCodecTest {

    private static final List<Line> STORED = StoredDocuments.read(ApplicationFactsCodecTest.class, "stored-facts.txt");

    @Test
    void givenEveryStoredDocument_whenReadAndWrittenBack_thenItIsTheSameFieldForField() {
        StoredDocuments.assertRoundTrips(
                STORED, d -> ApplicationFactsCodec.toDocument(ApplicationFactsCodec.fromDocument(d), d));
    }

    @Test
    void givenEveryStoredDocument_whenItsRecordIsWrittenWithoutThePreviousDocument_thenItReadsAsTheSameRecord() {
        for (Line line : STORED) {
            Facts facts = ApplicationFactsCodec.fromDocument(line.document());
            assertThat(ApplicationFactsCodec.fromDocument(ApplicationFactsCodec.toDocument(facts, null)))
                    .as(line.history() + " " + line.events())
                    .isEqualTo(facts);
        }
    }

    @Test
    void givenEveryHistory_whenFoldedOnStoredDocuments_thenEachStepStoresWhatTheDocumentFoldStored() {
        assertThat(StoredDocuments.fold(FunderHistories.HISTORIES, ApplicationFacts::apply))
                .containsExactlyElementsOf(STORED.stream().map(Line::toString).toList());
    }
}
