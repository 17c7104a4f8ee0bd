package se.norrort.consortium.query.municipality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
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

/**
 * Issue 13, row 3: every invited municipality's single view document copies every application it is invited to. With
 * the length caps on every text (Require) and the quota of applications per owner (ApplicationQuota, 100), the
 * document of a municipality invited to every application of all 15 owners stays far below MongoDB's 16 MB limit:
 * one owner's quota of applications, each with every copied text at its cap, is folded in, and the size of all 15
 * owners' is that times 15 (entries are independent of each other).
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
    void givenAnOwnersQuotaOfApplicationsWithEveryTextAtItsCap_thenFifteenOwnersFitFarBelow16Megabytes() {
        String longest = "Å".repeat(Require.NAME_MAX);
        String longText = "ö".repeat(GrantAward.CONDITIONS_MAX);
        List<String> targetGroups = Collections.nCopies(Require.LIST_MAX, longest);
        Document view = null;
        Document facts;
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
            facts = null;
            for (ConsortiumEvent event : events) {
                facts = ApplicationFacts.apply(facts, event, ++position, T);
                view = MunicipalityView.apply(view, "0162", event, position, T, facts);
            }
        }
        long oneOwner = bsonSize(view);
        long allOwners = oneOwner * Municipalities.allCodes().size();

        System.out.printf(
                "Municipality view: %d applications at the caps = %d bytes; 15 owners' quota = %d bytes"
                        + " (%.1f%% of 16 MB)%n",
                APPLICATIONS_PER_OWNER, oneOwner, allOwners, 100.0 * allOwners / MONGODB_LIMIT);
        assertThat(allOwners)
                .as("15 owners' quota of maximal applications in one municipality's document")
                .isLessThan(MONGODB_LIMIT / 2);
    }
}
