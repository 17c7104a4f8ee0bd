package se.norrort.consortium.query.audittrail;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.corrected;
import static se.norrort.consortium.query.TestEvents.granted;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.opened;
import static se.norrort.consortium.query.TestEvents.signed;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.ConsortiumEvents;
import se.norrort.consortium.api.events.MunicipalityJoined;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.query.projection.EventSummaries;

/** given(events) → then(trail). */
class AuditTrailViewTest {

    private static final Instant T = Instant.parse("2023-09-21T10:00:00Z");

    private static AuditTrailView.Context context(long sequence, long position) {
        return new AuditTrailView.Context(
                "evt-" + sequence,
                sequence,
                position,
                T,
                "lina",
                "Lina Holm",
                "MUNICIPALITY_OFFICER",
                "0162",
                null,
                "corr-1",
                "cmd-1");
    }

    @Test
    void givenDanderydJoinsOnAnImmediatelyAdjustedDecision_thenTheEntrySaysWhoDidWhatOnWhichDecision() {
        Document entry = AuditTrailView.entry(joined("app-1", "0162"), context(1, 42));

        assertThat(entry.getString("summary"))
                .isEqualTo(
                        "Danderyd (0162) joined on Socialnämnden's decision § 45 of 2023-09-12, adjusted immediately;"
                                + " appeal deadline 2023-10-04.");
        assertThat(entry.getString("_id")).isEqualTo("app-1:0000000001");
        assertThat(entry.getString("applicationId")).isEqualTo("app-1");
        assertThat(entry.get("sequence")).isEqualTo(1L);
        assertThat(entry.get("position")).isEqualTo(42L);
        assertThat(entry.getString("eventId")).isEqualTo("evt-1");
        assertThat(entry.getString("time")).isEqualTo("2023-09-21T10:00:00Z");
        assertThat(entry.getString("eventType")).isEqualTo("MunicipalityJoined");
        assertThat(entry.getString("municipality")).isEqualTo("0162");
        assertThat(entry.getString("actorId")).isEqualTo("lina");
        assertThat(entry.getString("actorName")).isEqualTo("Lina Holm");
        assertThat(entry.getString("actorRole")).isEqualTo("MUNICIPALITY_OFFICER");
        assertThat(entry.getString("actorMunicipality")).isEqualTo("0162");
        assertThat(entry.getString("correlationId")).isEqualTo("corr-1");
        Document decision = entry.get("decision", Document.class);
        assertThat(decision.getString("body")).isEqualTo("Socialnämnden");
        assertThat(decision.getString("paragraph")).isEqualTo("§ 45");
        assertThat(decision.getBoolean("immediateAdjustment")).isTrue();
    }

    @Test
    void givenADecisionNotAdjustedImmediately_thenTheSummaryNamesItsAnnouncement() {
        DecisionReference reference = new DecisionReference(
                new MunicipalityCode("0160"),
                "Socialnämnden",
                LocalDate.of(2023, 9, 20),
                "§ 7",
                false,
                LocalDate.of(2023, 10, 4));
        MunicipalityJoined event = new MunicipalityJoined(
                new ApplicationId("app-1"), new MunicipalityCode("0160"), reference, reference.appealDeadline());

        assertThat(EventSummaries.summary(event))
                .isEqualTo("Täby (0160) joined on Socialnämnden's decision § 7 of 2023-09-20, announced 2023-10-04;"
                        + " appeal deadline 2023-10-25.");
    }

    @Test
    void givenASignature_thenTheEntryNamesTheSignatoryAndTheDelegationUsed() {
        Document entry = AuditTrailView.entry(signed("app-1", "0162", "bme", "Britt-Marie Ekström"), context(3, 50));

        assertThat(entry.getString("summary"))
                .isEqualTo(
                        "Britt-Marie Ekström (socialdirektör) signed the cooperation form of Danderyd (0162) under delegation"
                                + " del-0162.");
        assertThat(entry.getString("delegationId")).isEqualTo("del-0162");
        assertThat(entry.get("decision")).isNull();
    }

    @Test
    void givenACorrection_thenTheEntryShowsBothTheCorrectedAndThePreviousDecision() {
        Document entry = AuditTrailView.entry(corrected("app-1", "0162", "§ 45", "§ 46"), context(4, 51));

        assertThat(entry.get("decision", Document.class).getString("paragraph")).isEqualTo("§ 46");
        assertThat(entry.get("previousDecision", Document.class).getString("paragraph"))
                .isEqualTo("§ 45");
        assertThat(entry.getString("correctedEventType")).isEqualTo("MunicipalityJoined");
        assertThat(entry.getString("summary"))
                .contains("was corrected from Socialnämnden's decision § 45")
                .endsWith("Wrong paragraph in the minutes extract.");
    }

    @Test
    void givenEveryKindOfEvent_thenEachHasItsOwnSummaryAndItsStoredTypeName() {
        List<ConsortiumEvent> story = AuditTrailHistories.EVERY_TYPE;
        Set<String> types = new HashSet<>();
        for (ConsortiumEvent event : story) {
            String type = AuditTrailView.entry(event, context(0, 1)).getString("eventType");
            types.add(type);
            assertThat(EventSummaries.summary(event))
                    .as(type)
                    .isNotEqualTo(type + ".")
                    .endsWith(".");
        }
        assertThat(types).hasSize(ConsortiumEvents.types().size());
        assertThat(EventSummaries.summary(opened("a")))
                .isEqualTo(
                        "Sigtuna (0191) opened the application \"Gemensam resurs i Norrort för rådgivning och ansökan om externa medel\" to Länsstyrelsen i Stockholms län under"
                                + " § 37, applying for 4,000,000 SEK for the period 2024-01-01 to 2025-12-31, and invited 15"
                                + " municipalities to join by 2023-10-31.");
        assertThat(EventSummaries.summary(granted("a")))
                .isEqualTo("The funder granted 3,200,000 SEK of 4,000,000 SEK applied for (case 851-41235-2023, decided"
                        + " 2023-12-14); interim report due 2025-01-31, final report due 2026-03-31.");
    }

    @Test
    void givenEntries_thenTheHeaderCountsThemAndAPageNamesItsEntriesInEventOrder() {
        Document header = null;
        for (long sequence = 0; sequence < 5; sequence++) {
            header = AuditTrailView.apply(header, joined("app-1", "0162"), sequence, 10 + sequence, T);
        }

        assertThat(header.get("count")).isEqualTo(5L);
        assertThat(header.get("position")).isEqualTo(14L);
        assertThat(AuditTrailView.pageIds("app-1", 5, 1, 2)).containsExactly("app-1:0000000002", "app-1:0000000003");
        assertThat(AuditTrailView.pageIds("app-1", 5, 2, 2)).containsExactly("app-1:0000000004");
        assertThat(AuditTrailView.pageIds("app-1", 5, 3, 2)).isEmpty();
    }

    @Test
    void givenAnEventAlreadyReflected_whenDeliveredAgain_thenTheHeaderAndTheEntryAreUnchanged() {
        Document header = AuditTrailView.apply(null, opened("a"), 0, 1, T);
        header = AuditTrailView.apply(header, joined("a", "0162"), 1, 2, T);

        assertThat(AuditTrailView.apply(header, joined("a", "0162"), 1, 2, T)).isSameAs(header);
        assertThat(AuditTrailView.apply(header, opened("a"), 0, 1, T)).isSameAs(header);
        assertThat(AuditTrailView.entry(joined("a", "0162"), context(1, 2)))
                .isEqualTo(AuditTrailView.entry(joined("a", "0162"), context(1, 2)));
    }
}
