package se.norrort.consortium.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static se.norrort.consortium.query.TestEvents.declined;
import static se.norrort.consortium.query.TestEvents.granted;
import static se.norrort.consortium.query.TestEvents.invited;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.joiningClosed;
import static se.norrort.consortium.query.TestEvents.openedFor;
import static se.norrort.consortium.query.TestEvents.signed;
import static se.norrort.consortium.query.TestEvents.submitted;
import static se.norrort.consortium.query.TestEvents.withdrew;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.model.ApplicationState;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;
import se.norrort.consortium.query.TestEvents;
import se.norrort.consortium.query.municipality.MunicipalityView;
import se.norrort.consortium.query.projection.ApplicationFacts.Facts;
import se.norrort.consortium.query.projection.ApplicationFacts.Member;

/** given(events) → then(facts): the application's status words are the domain's. */
class ApplicationFactsTest {

    private static final Instant T = Instant.parse("2023-09-21T10:00:00Z");

    private static Document given(ConsortiumEvent... events) {
        Document facts = null;
        long position = 0;
        for (ConsortiumEvent event : events) {
            facts = ApplicationFacts.apply(facts, event, ++position, T);
        }
        return facts;
    }

    @Test
    void givenEachStepOfTheApplication_thenItsStatusIsTheDomainsStatusAfterTheSameEvents() {
        List<ConsortiumEvent> events = List.of(
                openedFor("a", "Gemensam resurs", "0191", "0162", "0187", "0186"),
                joined("a", "0191"),
                joined("a", "0162"),
                declined("a", "0187"),
                joined("a", "0186"),
                withdrew("a", "0186"),
                signed("a", "0191", "pa", "Per Andersson"),
                signed("a", "0162", "bme", "Britt-Marie Ekström"),
                joiningClosed("a", 2),
                submitted("a", "0191", "0162"),
                granted("a"));
        Document facts = null;
        ApplicationState state = new ApplicationState();
        long position = 0;
        for (ConsortiumEvent event : events) {
            facts = ApplicationFacts.apply(facts, event, ++position, T);
            state.evolve(event);
            assertThat(facts.getString("status"))
                    .as("after %s", event.getClass().getSimpleName())
                    .isEqualTo(state.status().name());
            for (ApplicationState.Membership m : state.memberships()) {
                String code = m.municipality().toString();
                assertThat(ViewFields.list(facts, "members").stream()
                                .filter(d -> code.equals(d.getString("code")))
                                .map(d -> d.getString("status")))
                        .as("%s after %s", code, event.getClass().getSimpleName())
                        .containsExactly(m.status().name());
            }
        }
    }

    @Test
    void givenReinvitations_thenEveryMembersStatusIsTheDomainsAfterEachEvent() {
        List<ConsortiumEvent> events =
                TestEvents.withReinvitations(openedFor("a", "Gemensam resurs", "0191", "0162", "0187"));
        Facts facts = null;
        ApplicationState state = new ApplicationState();
        long position = 0;
        for (ConsortiumEvent event : events) {
            facts = ApplicationFacts.apply(facts, event, ++position, T);
            state.evolve(event);
            assertThat(facts.members())
                    .as("after event %d (%s)", position, event.getClass().getSimpleName())
                    .extracting(Member::code, Member::status)
                    .containsExactlyElementsOf(state.memberships().stream()
                            .map(m -> tuple(m.municipality(), m.status()))
                            .toList());
            // signed as the domain's, whatever the status (a form signed before a withdrawal no longer counts)
            assertThat(facts.members().stream().map(m -> tuple(m.code(), m.signed())))
                    .as("signed after event %d", position)
                    .containsExactlyElementsOf(state.memberships().stream()
                            .map(m -> tuple(m.municipality(), m.signed()))
                            .toList());
        }
    }

    @Test
    void givenASignedMemberThatWithdrewAndIsInvitedAgain_thenItIsInvited_unsigned_andCountedAsNotAnswered() {
        Facts facts = null;
        long position = 0;
        for (ConsortiumEvent event : List.of(
                openedFor("a", "Gemensam resurs", "0191", "0162"),
                joined("a", "0162"),
                signed("a", "0162", "bme", "Britt-Marie Ekström"),
                withdrew("a", "0162"),
                invited("a", "0162"))) {
            facts = ApplicationFacts.apply(facts, event, ++position, T);
        }

        assertThat(facts.members())
                .containsExactly(
                        new Member(new MunicipalityCode("0191"), "Sigtuna", MembershipStatus.INVITED, false),
                        new Member(new MunicipalityCode("0162"), "Danderyd", MembershipStatus.INVITED, false));
        assertThat(ApplicationFacts.counts(facts)).isEqualTo(new ApplicationFacts.Counts(2, 0, 0, 0, 0, 2));
    }

    @Test
    void givenJoiningClosed_thenTheStatusIsJoiningClosed_andJoiningClosedIsKeptForClientsThatReadIt() {
        Document facts = given(openedFor("a", "Gemensam resurs", "0191", "0162"), joiningClosed("a", 0));

        assertThat(facts.getString("status")).isEqualTo(Status.JOINING_CLOSED.name());
        assertThat(facts.getBoolean("joiningClosed")).isTrue();
        assertThat(ApplicationFacts.beforeSubmission(facts.getString("status"))).isTrue();
        assertThat(ApplicationFacts.beforeSubmission(ApplicationFacts.SUBMITTED))
                .isFalse();

        Document after = ApplicationFacts.apply(facts, submitted("a", "0191"), 3, T);
        assertThat(after.getString("status")).isEqualTo(Status.SUBMITTED.name());
        assertThat(after.getBoolean("joiningClosed")).isTrue();
    }

    /** The municipality view reads the facts' status: after joining closed the owner may still submit. */
    @Test
    void givenJoiningClosedWithEveryMemberSigned_thenTheOwnerStillHasToSubmit_andNobodyIsAskedToJoin() {
        Map<String, Document> facts = new HashMap<>();
        Map<String, Document> views = new HashMap<>();
        long position = 0;
        for (ConsortiumEvent event : List.of(
                openedFor("a", "Gemensam resurs", "0191", "0162", "0187"),
                joined("a", "0191"),
                joined("a", "0162"),
                signed("a", "0191", "pa", "Per Andersson"),
                signed("a", "0162", "bme", "Britt-Marie Ekström"),
                joiningClosed("a", 2))) {
            position++;
            Document next = ApplicationFacts.apply(facts.get("a"), event, position, T);
            facts.put("a", next);
            for (String code : MunicipalityView.affected(event, next)) {
                views.put(code, MunicipalityView.apply(views.get(code), code, event, position, T, next));
            }
        }

        assertThat(entry(views.get("0191")).getString("applicationStatus")).isEqualTo("JOINING_CLOSED");
        assertThat(actions(views.get("0191"))).containsExactly(MunicipalityView.SUBMIT_APPLICATION);
        assertThat(actions(views.get("0187"))).isEmpty();
    }

    private static Document entry(Document view) {
        return view.getList("applications", Document.class).get(0);
    }

    private static List<String> actions(Document view) {
        return entry(view).getList("todo", Document.class).stream()
                .map(t -> t.getString("action"))
                .toList();
    }
}
