package se.norrort.consortium.query.municipality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.bson.codecs.configuration.CodecRegistry;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.commands.GrantAward;
import se.norrort.consortium.api.commands.Require;
import se.norrort.consortium.api.events.ApplicationOpened;
import se.norrort.consortium.api.events.ApplicationSubmitted;
import se.norrort.consortium.api.events.AwardGranted;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.Municipalities;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.query.projection.ApplicationFacts;
import se.norrort.consortium.query.projection.ReplayedEvent;

/**
 * Issue 13, row 3, and issue 10: a municipality invited to every application of all 15 owners. The view keeps one
 * document per municipality and application ({@link MunicipalityEntries}), so what an event writes is that
 * application's entry (with its provenance), whatever the number of applications: folded as the projection folds it,
 * with every copied text at its cap, the entry the last event of the 100th application writes is as large as the
 * first application's. The one document that grows with the applications is the municipality's index (their ids):
 * for all 15 owners' quota (ApplicationQuota, 100 each) of ids at their longest it stays far below MongoDB's 16 MB
 * limit.
 */
class MunicipalityViewSizeTest {

    private static final int APPLICATIONS_PER_OWNER = 100;
    private static final long MONGODB_LIMIT = 16L * 1024 * 1024;
    private static final Instant T = Instant.parse("2027-01-01T10:00:00Z");
    private static final CodecRegistry CODECS = com.mongodb.MongoClientSettings.getDefaultCodecRegistry();

    private static long bsonSize(Document document) {
        return new org.bson.RawBsonDocument(document, CODECS.get(Document.class))
                .getByteBuffer()
                .remaining();
    }

    @Test
    void givenAnOwnersQuotaOfApplicationsWithEveryTextAtItsCap_thenAnEventWritesTheSameAndTheIndexStaysSmall() {
        String longest = "Å".repeat(Require.NAME_MAX);
        String longText = "ö".repeat(GrantAward.CONDITIONS_MAX);
        List<String> targetGroups = Collections.nCopies(Require.LIST_MAX, longest);
        Document index = null;
        List<Long> written = new ArrayList<>();
        long position = 0;
        for (int i = 0; i < APPLICATIONS_PER_OWNER; i++) {
            String id = ("a" + i + "-").repeat(40).substring(0, 64);
            List<ConsortiumEvent> events = List.of(
                    new ApplicationOpened(
                            new ApplicationId(id),
                            new MunicipalityCode("0191"),
                            LegalBasis.SECTION_37,
                            longest,
                            longest,
                            targetGroups,
                            LocalDate.of(2027, 1, 1),
                            LocalDate.of(2028, 12, 31),
                            LocalDate.of(2027, 6, 30),
                            2_400_000,
                            Municipalities.allCodes()),
                    new ApplicationSubmitted(new ApplicationId(id), 2_400_000, Municipalities.allCodes(), 15, 0, 0, 0),
                    new AwardGranted(
                            new ApplicationId(id),
                            2_000_000,
                            2_400_000,
                            longest,
                            LocalDate.of(2027, 3, 1),
                            longText,
                            List.of()));
            Document facts = null;
            Document entry = null;
            for (ConsortiumEvent event : events) {
                facts = ApplicationFacts.apply(facts, event, ++position, T);
                ReplayedEvent e =
                        new ReplayedEvent(event, position, T, position, "event-" + position, MetaData.emptyInstance());
                Document before = entry;
                entry = MunicipalityEntries.apply(entry, "0162", e, facts);
                if (before == null) {
                    index = MunicipalityEntries.indexed(index, "0162", id);
                }
            }
            written.add(bsonSize(entry));
        }
        long indexOfAllOwners = bsonSize(index) * Municipalities.allCodes().size();

        System.out.printf(
                "Municipality view: the entry an event writes, with provenance and every text at its cap: %d bytes"
                        + " for the 1st application, %d for the %dth; the index of 15 owners' quota: ~%d bytes%n",
                written.get(0), written.get(written.size() - 1), APPLICATIONS_PER_OWNER, indexOfAllOwners);
        assertThat(written)
                .as("bytes of the entry document the last event of each application writes")
                // within 1%: event ids and positions get a few digits longer
                .allSatisfy(size -> assertThat(size).isBetween(written.get(0), written.get(0) + written.get(0) / 100));
        assertThat(indexOfAllOwners)
                .as("the index of a municipality in 15 owners' quota of applications")
                .isLessThan(MONGODB_LIMIT / 100);
    }
}
