package se.norrort.consortium.query.municipality;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.budget;
import static se.norrort.consortium.query.TestEvents.corrected;
import static se.norrort.consortium.query.TestEvents.declined;
import static se.norrort.consortium.query.TestEvents.delegated;
import static se.norrort.consortium.query.TestEvents.granted;
import static se.norrort.consortium.query.TestEvents.interimReport;
import static se.norrort.consortium.query.TestEvents.invited;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.opened;
import static se.norrort.consortium.query.TestEvents.openedFor;
import static se.norrort.consortium.query.TestEvents.revoked;
import static se.norrort.consortium.query.TestEvents.signed;
import static se.norrort.consortium.query.TestEvents.submitted;
import static se.norrort.consortium.query.TestEvents.withdrew;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.query.projection.ApplicationFacts;

/** given(events) → then(view), for every municipality an event concerns. */
class MunicipalityViewTest {

    private static final Instant T = Instant.parse("2023-09-21T10:00:00Z");

    /** Folds events as the projection does: the application's facts first, then each affected municipality. */
    private static final class Story {
        final Map<String, Document> facts = new HashMap<>();
        final Map<String, Document> views = new HashMap<>();
        long position;

        Story given(ConsortiumEvent... events) {
            for (ConsortiumEvent event : events) {
                deliver(event, ++position);
            }
            return this;
        }

        /** Delivers an event at a position, as the processor does, also again after a failure. */
        void deliver(ConsortiumEvent event, long at) {
            String id = event.applicationId().toString();
            Document next = ApplicationFacts.apply(facts.get(id), event, at, T);
            facts.put(id, next);
            for (String code : MunicipalityView.affected(event, next)) {
                views.put(code, MunicipalityView.apply(views.get(code), code, event, at, T, next));
            }
        }

        Document view(String code) {
            return views.get(code);
        }

        Document entry(String code, String applicationId) {
            return view(code).getList("applications", Document.class).stream()
                    .filter(e -> applicationId.equals(e.getString("applicationId")))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static List<String> actions(Document entry) {
        return entry.getList("todo", Document.class).stream()
                .map(t -> t.getString("action"))
                .toList();
    }

    @Test
    void givenAnApplicationOpenedForFifteen_thenEachOfTheFifteenIsInvitedAndHasToJoinOrDecline() {
        Story story = new Story().given(opened("a"));

        assertThat(story.views).hasSize(15);
        Document danderyd = story.view("0162");
        assertThat(danderyd.getString("name")).isEqualTo("Danderyd");
        Document entry = story.entry("0162", "a");
        assertThat(entry.getString("status")).isEqualTo("INVITED");
        assertThat(entry.getString("role")).isEqualTo("MEMBER");
        assertThat(entry.getString("title"))
                .isEqualTo("Gemensam resurs i Norrort för rådgivning och ansökan om externa medel");
        assertThat(entry.getString("ownerName")).isEqualTo("Sigtuna");
        assertThat(entry.getString("applicationStatus")).isEqualTo("OPEN");
        assertThat(danderyd.getList("todo", Document.class)).singleElement().satisfies(t -> {
            assertThat(t.getString("action")).isEqualTo(MunicipalityView.JOIN_OR_DECLINE);
            assertThat(t.getString("applicationId")).isEqualTo("a");
            assertThat(t.getString("due")).isEqualTo("2023-10-31");
        });
        assertThat(story.entry("0191", "a").getString("role")).isEqualTo("OWNER");
    }

    @Test
    void givenDanderydJoinsDelegatesAndSigns_thenEachStepChangesWhatItStillHasToDo() {
        Story story = new Story().given(opened("a"), joined("a", "0162"));
        Document entry = story.entry("0162", "a");
        assertThat(entry.getString("status")).isEqualTo("JOINED");
        assertThat(entry.get("decision", Document.class).getString("paragraph")).isEqualTo("§ 45");
        assertThat(entry.get("decision", Document.class).getString("body")).isEqualTo("Socialnämnden");
        assertThat(entry.getString("appealDeadline")).isEqualTo("2023-10-04");
        assertThat(actions(entry)).containsExactly(MunicipalityView.DELEGATE_SIGNATORY);

        story.given(delegated("a", "0162", LocalDate.of(2023, 12, 31)));
        entry = story.entry("0162", "a");
        assertThat(entry.getList("delegations", Document.class)).singleElement().satisfies(d -> {
            assertThat(d.getString("status")).isEqualTo("ACTIVE");
            assertThat(d.getString("delegateName")).isEqualTo("Britt-Marie Ekström");
        });
        assertThat(actions(entry)).containsExactly(MunicipalityView.SIGN_COOPERATION_FORM);

        story.given(signed("a", "0162", "bme", "Britt-Marie Ekström"));
        entry = story.entry("0162", "a");
        assertThat(entry.getBoolean("signed")).isTrue();
        assertThat(entry.get("signature", Document.class).getString("signatoryName"))
                .isEqualTo("Britt-Marie Ekström");
        assertThat(entry.get("signature", Document.class).getString("delegationId"))
                .isEqualTo("del-0162");
        assertThat(actions(entry)).isEmpty();
        assertThat(story.view("0162").getList("todo", Document.class)).isEmpty();
        assertThat(story.view("0162").get("counts", Document.class).get("signed"))
                .isEqualTo(1L);
    }

    @Test
    void givenARevokedDelegation_thenTheMunicipalityHasToDelegateAgain() {
        Story story =
                new Story().given(opened("a"), joined("a", "0162"), delegated("a", "0162", null), revoked("a", "0162"));

        Document entry = story.entry("0162", "a");
        assertThat(entry.getList("delegations", Document.class).get(0).getString("status"))
                .isEqualTo("REVOKED");
        assertThat(entry.getList("delegations", Document.class).get(0).getString("revokeReason"))
                .isEqualTo("The social director left");
        assertThat(actions(entry)).containsExactly(MunicipalityView.DELEGATE_SIGNATORY);
    }

    @Test
    void givenADelegationValidUntilYesterday_whenServedToday_thenItIsExpiredAndTheMunicipalityHasToDelegateAgain() {
        Story story =
                new Story().given(opened("a"), joined("a", "0162"), delegated("a", "0162", LocalDate.of(2023, 10, 31)));
        assertThat(actions(story.entry("0162", "a"))).containsExactly(MunicipalityView.SIGN_COOPERATION_FORM);

        Document onTheLastDay = MunicipalityView.asOf(story.view("0162"), LocalDate.of(2023, 10, 31));
        Document dayAfter = MunicipalityView.asOf(story.view("0162"), LocalDate.of(2023, 11, 1));

        assertThat(delegationStatus(onTheLastDay)).isEqualTo("ACTIVE");
        assertThat(delegationStatus(dayAfter)).isEqualTo("EXPIRED");
        assertThat(dayAfter.getList("todo", Document.class))
                .extracting(t -> t.getString("action"))
                .containsExactly(MunicipalityView.DELEGATE_SIGNATORY);
        assertThat(dayAfter.getString("asOf")).isEqualTo("2023-11-01");
        assertThat(delegationStatus(story.view("0162")))
                .as("the stored view is not changed")
                .isEqualTo("ACTIVE");
    }

    private static String delegationStatus(Document view) {
        return view.getList("applications", Document.class)
                .get(0)
                .getList("delegations", Document.class)
                .get(0)
                .getString("status");
    }

    @Test
    void givenDeclinedAndWithdrawn_thenTheirStatusAndReasonAreShownAndNothingIsLeftToDo() {
        Story story = new Story().given(opened("a"), declined("a", "0187"), joined("a", "0160"), withdrew("a", "0160"));

        assertThat(story.entry("0187", "a").getString("status")).isEqualTo("DECLINED");
        assertThat(story.entry("0187", "a").getString("reason")).isEqualTo("Ingen kapacitet i år");
        assertThat(story.entry("0187", "a").get("decision", Document.class).getString("paragraph"))
                .isEqualTo("§ 12");
        assertThat(story.entry("0160", "a").getString("status")).isEqualTo("WITHDRAWN");
        assertThat(actions(story.entry("0187", "a"))).isEmpty();
        assertThat(actions(story.entry("0160", "a"))).isEmpty();
    }

    @Test
    void givenEveryJoinedMunicipalitySigned_thenTheOwnerHasToSubmit_andAfterTheGrantEveryMemberSeesWhatWasGranted() {
        Story story = new Story()
                .given(
                        openedFor("a", "Gemensam resurs", "0191", "0162", "0187"),
                        joined("a", "0191"),
                        joined("a", "0162"),
                        declined("a", "0187"),
                        signed("a", "0191", "pa", "Per Andersson"));
        assertThat(actions(story.entry("0191", "a"))).doesNotContain(MunicipalityView.SUBMIT_APPLICATION);
        assertThat(story.entry("0191", "a").get("consortium", Document.class).get("joined"))
                .isEqualTo(2L);

        story.given(signed("a", "0162", "bme", "Britt-Marie Ekström"));
        assertThat(actions(story.entry("0191", "a"))).containsExactly(MunicipalityView.SUBMIT_APPLICATION);
        assertThat(story.entry("0162", "a").get("consortium"))
                .as("counts are the owner's")
                .isNull();

        story.given(submitted("a", "0191", "0162"), granted("a"));
        for (String code : List.of("0191", "0162", "0187")) {
            Document entry = story.entry(code, "a");
            assertThat(entry.getString("applicationStatus")).isEqualTo("GRANTED");
            assertThat(entry.get("granted", Document.class).get("amountSek")).isEqualTo(3_200_000L);
            assertThat(entry.get("granted", Document.class).getString("caseNumber"))
                    .isEqualTo("851-41235-2023");
        }
        assertThat(actions(story.entry("0191", "a")))
                .containsExactly(MunicipalityView.SUBMIT_INTERIM_REPORT, MunicipalityView.SUBMIT_FINAL_REPORT);
        assertThat(actions(story.entry("0162", "a"))).isEmpty();

        story.given(interimReport("a"));
        assertThat(actions(story.entry("0191", "a"))).containsExactly(MunicipalityView.SUBMIT_FINAL_REPORT);
    }

    @Test
    void givenAMunicipalityInvitedLater_thenItsEntryCarriesTheApplicationsFacts() {
        Story story = new Story().given(openedFor("a", "Gemensam resurs", "0191"), invited("a", "0187"));

        Document entry = story.entry("0187", "a");
        assertThat(entry.getString("status")).isEqualTo("INVITED");
        assertThat(entry.getString("title")).isEqualTo("Gemensam resurs");
        assertThat(entry.getString("joiningDeadline")).isEqualTo("2023-10-31");
        assertThat(story.entry("0191", "a").get("consortium", Document.class).get("invited"))
                .isEqualTo(2L);
    }

    @Test
    void givenBudgetLinesAndACorrectedDecision_thenTheLatestLinePerYearAndTheCorrectedDecisionAreShown() {
        Story story = new Story()
                .given(
                        opened("a"),
                        joined("a", "0162"),
                        budget("a", "0162", 2024, 100_000),
                        budget("a", "0162", 2025, 50_000),
                        budget("a", "0162", 2024, 120_000),
                        corrected("a", "0162", "§ 45", "§ 46"));

        Document entry = story.entry("0162", "a");
        assertThat(entry.getList("budgetLines", Document.class))
                .extracting(l -> l.get("year") + ":" + l.get("amountSek"))
                .containsExactly("2024:120000", "2025:50000");
        assertThat(entry.get("budgetTotalSek")).isEqualTo(170_000L);
        assertThat(entry.get("decision", Document.class).getString("paragraph")).isEqualTo("§ 46");
        assertThat(entry.getList("decisionCorrections", Document.class))
                .singleElement()
                .satisfies(c -> assertThat(c.get("previous", Document.class).getString("paragraph"))
                        .isEqualTo("§ 45"));
    }

    @Test
    void givenTwoApplications_thenTheMunicipalityIsShownInBoth() {
        Story story = new Story().given(opened("a"), openedFor("b", "Språkstöd", "0191", "0162"), joined("b", "0162"));

        Document danderyd = story.view("0162");
        assertThat(danderyd.getList("applications", Document.class))
                .extracting(e -> e.getString("applicationId"))
                .containsExactly("a", "b");
        assertThat(danderyd.getList("todo", Document.class))
                .extracting(t -> t.getString("applicationId") + ":" + t.getString("action"))
                .containsExactlyInAnyOrder("a:JOIN_OR_DECLINE", "b:DELEGATE_SIGNATORY");
        assertThat(story.views.get("0187").getList("applications", Document.class))
                .hasSize(1);
        assertThat(danderyd.get("position", Number.class).longValue()).isEqualTo(3);
    }

    @Test
    void givenAnEventAlreadyReflected_whenDeliveredAgain_thenEveryViewIsUnchanged() {
        Story story = new Story().given(opened("a"), joined("a", "0162"));
        Document danderyd = story.view("0162");
        Document sigtuna = story.view("0191");
        Document facts = story.facts.get("a");

        story.deliver(joined("a", "0162"), 2);
        story.deliver(declined("a", "0162"), 1);

        assertThat(story.view("0162")).isSameAs(danderyd);
        assertThat(story.view("0191")).isSameAs(sigtuna);
        assertThat(story.facts.get("a")).isSameAs(facts);
        assertThat(story.entry("0162", "a").getString("status")).isEqualTo("JOINED");
    }

    @Test
    void givenAnEventOfOneApplicationRetriedAfterLaterEventsOfAnother_thenItIsStillApplied() {
        // Application a's join (position 3) failed and was parked; b's events (4, 5) went on; then a's is retried.
        Story story = new Story().given(opened("a"), openedFor("b", "Språkstöd", "0191", "0162"));
        story.deliver(joined("b", "0162"), 4);
        story.deliver(delegated("b", "0162", null), 5);
        Document beforeRetry = story.view("0162");

        story.deliver(joined("a", "0162"), 3);

        assertThat(story.view("0162")).isNotSameAs(beforeRetry);
        assertThat(story.entry("0162", "a").getString("status")).isEqualTo("JOINED");
        assertThat(story.entry("0162", "a").get("position")).isEqualTo(3L);
        assertThat(story.entry("0162", "b").get("position")).isEqualTo(5L);
        assertThat(story.view("0162").get("position"))
                .as("the highest position reflected")
                .isEqualTo(5L);
        assertThat(story.view("0162").get("revision", Number.class).longValue())
                .isEqualTo(beforeRetry.get("revision", Number.class).longValue() + 1);

        Document afterRetry = story.view("0162");
        story.deliver(joined("a", "0162"), 3);
        assertThat(story.view("0162")).as("and only once").isSameAs(afterRetry);
    }

    @Test
    void givenAFoldedView_thenTheDocumentItWasGivenIsNotChanged() {
        Story story = new Story().given(opened("a"));
        Document before = story.view("0162");
        String json = before.toJson();

        story.given(joined("a", "0162"));

        assertThat(before.toJson()).isEqualTo(json);
    }
}
