package se.norrort.consortium.query.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.closed;
import static se.norrort.consortium.query.TestEvents.corrected;
import static se.norrort.consortium.query.TestEvents.decision;
import static se.norrort.consortium.query.TestEvents.declined;
import static se.norrort.consortium.query.TestEvents.delegated;
import static se.norrort.consortium.query.TestEvents.granted;
import static se.norrort.consortium.query.TestEvents.invited;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.joiningClosed;
import static se.norrort.consortium.query.TestEvents.opened;
import static se.norrort.consortium.query.TestEvents.openedFor;
import static se.norrort.consortium.query.TestEvents.rejected;
import static se.norrort.consortium.query.TestEvents.signed;
import static se.norrort.consortium.query.TestEvents.submitted;
import static se.norrort.consortium.query.TestEvents.withdrew;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.norrort.consortium.api.events.ApplicationClosed;
import se.norrort.consortium.api.events.ApplicationOpened;
import se.norrort.consortium.api.events.ApplicationRejected;
import se.norrort.consortium.api.events.ApplicationSubmitted;
import se.norrort.consortium.api.events.AwardGranted;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.CooperationFormSigned;
import se.norrort.consortium.api.events.DecisionReferenceCorrected;
import se.norrort.consortium.api.events.JoiningClosed;
import se.norrort.consortium.api.events.MunicipalityInvited;
import se.norrort.consortium.api.events.MunicipalityJoined;
import se.norrort.consortium.api.events.MunicipalityWithdrew;
import se.norrort.consortium.api.events.ParticipationDeclined;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.model.ApplicationState;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;
import se.norrort.consortium.query.TestEvents;
import se.norrort.consortium.query.membership.MembershipDocument.Counts;
import se.norrort.consortium.query.membership.MembershipDocument.Member;
import se.norrort.consortium.query.projection.ViewFields;

/** given(events) → then(view): one case for every event type the fold reads, and the fold's general rules. */
class MembershipViewTest {

    private static final Instant T = Instant.parse("2023-09-21T10:00:00Z");
    private static final MunicipalityCode SIGTUNA = new MunicipalityCode("0191");
    private static final MunicipalityCode DANDERYD = new MunicipalityCode("0162");
    private static final MunicipalityCode VAXHOLM = new MunicipalityCode("0187");
    private static final LocalDate MEETING = LocalDate.of(2023, 9, 12);
    private static final LocalDate APPEAL = LocalDate.of(2023, 10, 4);

    /** The events folded from nothing, the n-th at position n, recorded n minutes after {@link #T}. */
    private static MembershipDocument given(ConsortiumEvent... events) {
        MembershipDocument view = null;
        long position = 0;
        for (ConsortiumEvent event : events) {
            position++;
            view = MembershipView.apply(view, event, position, at(position));
        }
        return view;
    }

    private static Instant at(long position) {
        return T.plusSeconds(60 * position);
    }

    private static ConsortiumEvent opening() {
        return openedFor("a", "Gemensam resurs", "0191", "0162", "0187");
    }

    private static Member invitedMember(MunicipalityCode code, String name) {
        return new Member(code, name, MembershipStatus.INVITED, false, null, null, null, null, null, null, null);
    }

    private static Member joinedMember(MunicipalityCode code, String name, long joinedAtPosition) {
        return new Member(
                code,
                name,
                MembershipStatus.JOINED,
                false,
                decision(code.toString(), "§ 45"),
                APPEAL,
                at(joinedAtPosition),
                null,
                null,
                null,
                null);
    }

    /** One case: the fold reads {@code type}; given the events (the last one of that type), then the view. */
    record Case(Class<? extends ConsortiumEvent> type, List<ConsortiumEvent> given, Consumer<MembershipDocument> then) {
        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(
                        ApplicationOpened.class,
                        List.of(opening()),
                        view -> assertThat(view)
                                .isEqualTo(new MembershipDocument(
                                        "a",
                                        SIGTUNA,
                                        "Sigtuna",
                                        "Gemensam resurs",
                                        "Länsstyrelsen i Stockholms län",
                                        LocalDate.of(2023, 10, 31),
                                        Status.OPEN,
                                        List.of(
                                                invitedMember(SIGTUNA, "Sigtuna"),
                                                invitedMember(DANDERYD, "Danderyd"),
                                                invitedMember(VAXHOLM, "Vaxholm")),
                                        new Counts(3, 0, 0, 0, 0),
                                        "0 of 3 joined, 0 signed",
                                        List.of(SIGTUNA, DANDERYD, VAXHOLM),
                                        List.of(),
                                        1,
                                        at(1),
                                        null,
                                        null))),
                new Case(
                        MunicipalityInvited.class,
                        List.of(opening(), invited("a", "0160"), invited("a", "0162")),
                        view -> {
                            assertThat(view.members())
                                    .as("a new one is added at the end; one already invited stays as it is")
                                    .containsExactly(
                                            invitedMember(SIGTUNA, "Sigtuna"),
                                            invitedMember(DANDERYD, "Danderyd"),
                                            invitedMember(VAXHOLM, "Vaxholm"),
                                            invitedMember(new MunicipalityCode("0160"), "Täby"));
                            assertThat(view.counts()).isEqualTo(new Counts(4, 0, 0, 0, 0));
                            assertThat(view.summary()).isEqualTo("0 of 4 joined, 0 signed");
                            assertThat(view.position()).isEqualTo(3);
                        }),
                new Case(MunicipalityJoined.class, List.of(opening(), joined("a", "0162")), view -> {
                    assertThat(view.member(DANDERYD)).isEqualTo(joinedMember(DANDERYD, "Danderyd", 2));
                    assertThat(view.counts()).isEqualTo(new Counts(3, 1, 0, 0, 0));
                    assertThat(view.summary()).isEqualTo("1 of 3 joined, 0 signed");
                    assertThat(view.notAnswered()).containsExactly(SIGTUNA, VAXHOLM);
                    assertThat(view.notSigned()).containsExactly(DANDERYD);
                }),
                new Case(
                        DecisionReferenceCorrected.class,
                        List.of(opening(), joined("a", "0162"), corrected("a", "0162", "§ 45", "§ 46")),
                        view -> assertThat(view.member(DANDERYD))
                                .isEqualTo(new Member(
                                        DANDERYD,
                                        "Danderyd",
                                        MembershipStatus.JOINED,
                                        false,
                                        decision("0162", "§ 46"),
                                        APPEAL,
                                        at(2),
                                        null,
                                        null,
                                        null,
                                        null))),
                new Case(ParticipationDeclined.class, List.of(opening(), declined("a", "0187")), view -> {
                    assertThat(view.member(VAXHOLM))
                            .isEqualTo(new Member(
                                    VAXHOLM,
                                    "Vaxholm",
                                    MembershipStatus.DECLINED,
                                    false,
                                    null,
                                    null,
                                    null,
                                    "Ingen kapacitet i år",
                                    null,
                                    null,
                                    null));
                    assertThat(view.counts()).isEqualTo(new Counts(3, 0, 0, 1, 0));
                    assertThat(view.notAnswered()).containsExactly(SIGTUNA, DANDERYD);
                }),
                new Case(
                        MunicipalityWithdrew.class,
                        List.of(opening(), joined("a", "0162"), withdrew("a", "0162")),
                        view -> {
                            assertThat(view.member(DANDERYD))
                                    .as("the join decision stays, with why it withdrew")
                                    .isEqualTo(new Member(
                                            DANDERYD,
                                            "Danderyd",
                                            MembershipStatus.WITHDRAWN,
                                            false,
                                            decision("0162", "§ 45"),
                                            APPEAL,
                                            at(2),
                                            "Budget cut",
                                            null,
                                            null,
                                            null));
                            assertThat(view.counts()).isEqualTo(new Counts(3, 0, 0, 0, 1));
                            assertThat(view.notSigned()).isEmpty();
                        }),
                new Case(
                        CooperationFormSigned.class,
                        List.of(opening(), joined("a", "0162"), signed("a", "0162", "bme", "Britt-Marie Ekström")),
                        view -> {
                            assertThat(view.member(DANDERYD))
                                    .isEqualTo(new Member(
                                            DANDERYD,
                                            "Danderyd",
                                            MembershipStatus.JOINED,
                                            true,
                                            decision("0162", "§ 45"),
                                            APPEAL,
                                            at(2),
                                            null,
                                            "Britt-Marie Ekström",
                                            "socialdirektör",
                                            at(3)));
                            assertThat(view.counts()).isEqualTo(new Counts(3, 1, 1, 0, 0));
                            assertThat(view.summary()).isEqualTo("1 of 3 joined, 1 signed");
                            assertThat(view.notSigned()).isEmpty();
                        }),
                new Case(
                        ApplicationSubmitted.class,
                        List.of(opening(), joined("a", "0191"), submitted("a", "0191")),
                        view -> {
                            assertThat(view.status()).isEqualTo(Status.SUBMITTED);
                            assertThat(view.member(SIGTUNA)).isEqualTo(joinedMember(SIGTUNA, "Sigtuna", 2));
                        }),
                new Case(JoiningClosed.class, List.of(opening(), joined("a", "0191"), joiningClosed("a", 1)), view -> {
                    assertThat(view.status()).isEqualTo(Status.JOINING_CLOSED);
                    assertThat(view.notAnswered()).containsExactly(DANDERYD, VAXHOLM);
                }),
                new Case(AwardGranted.class, List.of(opening(), submitted("a", "0191"), granted("a")), view -> {
                    assertThat(view.status()).isEqualTo(Status.GRANTED);
                    assertThat(view.grantedAmountSek()).isEqualTo(3_200_000L);
                    assertThat(view.caseNumber()).isEqualTo("851-41235-2023");
                }),
                new Case(ApplicationRejected.class, List.of(opening(), submitted("a", "0191"), rejected("a")), view -> {
                    assertThat(view.status()).isEqualTo(Status.REJECTED);
                    assertThat(view.caseNumber()).isEqualTo("851-41235-2023");
                    assertThat(view.grantedAmountSek()).isNull();
                }),
                new Case(
                        ApplicationClosed.class,
                        List.of(opening(), submitted("a", "0191"), granted("a"), closed("a")),
                        view -> {
                            assertThat(view.status()).isEqualTo(Status.CLOSED);
                            assertThat(view.grantedAmountSek())
                                    .as("the grant stays")
                                    .isEqualTo(3_200_000L);
                            assertThat(view.caseNumber()).isEqualTo("851-41235-2023");
                            assertThat(view.position()).isEqualTo(4);
                            assertThat(view.updatedAt()).isEqualTo(at(4));
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givenEvents_thenTheView(Case c) {
        assertThat(c.given().get(c.given().size() - 1)).isInstanceOf(c.type());

        MembershipDocument view = given(c.given().toArray(ConsortiumEvent[]::new));

        c.then().accept(view);
        assertThat(view.position()).isEqualTo(c.given().size());
        assertThat(MembershipCodec.fromDocument(MembershipCodec.toDocument(view, null)))
                .as("the stored form holds the whole record")
                .isEqualTo(view);
    }

    @Test
    void everyEventTypeTheFoldReadsHasACase() {
        assertThat(cases().map(Case::type)).containsExactlyInAnyOrderElementsOf(MembershipView.EVENT_TYPES);
    }

    @Test
    void givenAnEventTheFoldDoesNotRead_thenOnlyThePositionAndTimeMoveOn() {
        MembershipDocument before = given(opening(), joined("a", "0162"));

        MembershipDocument after =
                MembershipView.apply(before, delegated("a", "0162", LocalDate.of(2024, 12, 31)), 3, at(3));

        assertThat(after.position()).isEqualTo(3);
        assertThat(after.updatedAt()).isEqualTo(at(3));
        assertThat(after.members()).isEqualTo(before.members());
        assertThat(after.status()).isEqualTo(before.status());
        assertThat(after.counts()).isEqualTo(before.counts());
    }

    @Test
    void givenADeclineAndThenAJoin_thenTheMemberIsJoined_andTheReasonItDeclinedStays() {
        MembershipDocument view = given(opening(), declined("a", "0187"), joined("a", "0187"));

        assertThat(view.member(VAXHOLM))
                .isEqualTo(new Member(
                        VAXHOLM,
                        "Vaxholm",
                        MembershipStatus.JOINED,
                        false,
                        decision("0187", "§ 45"),
                        APPEAL,
                        at(3),
                        "Ingen kapacitet i år",
                        null,
                        null,
                        null));
        assertThat(view.counts()).isEqualTo(new Counts(3, 1, 0, 0, 0));
    }

    @Test
    void givenAWithdrawalAndThenAnInvitation_thenTheMemberIsInvitedAgain_asNewlyInvited() {
        MembershipDocument view = given(
                opening(),
                joined("a", "0162"),
                signed("a", "0162", "bme", "Britt-Marie Ekström"),
                withdrew("a", "0162"),
                invited("a", "0162"));

        assertThat(view.member(DANDERYD))
                .as("as ApplicationState: invited, with no decision, appeal deadline, signature or reason")
                .isEqualTo(invitedMember(DANDERYD, "Danderyd"));
        assertThat(view.members())
                .as("in its place")
                .extracting(Member::code)
                .containsExactly(SIGTUNA, DANDERYD, VAXHOLM);
        assertThat(view.counts()).isEqualTo(new Counts(3, 0, 0, 0, 0));
        assertThat(view.summary()).isEqualTo("0 of 3 joined, 0 signed");
        assertThat(view.notAnswered()).as("Sigtuna's who is still missing").containsExactly(SIGTUNA, DANDERYD, VAXHOLM);
        assertThat(view.notSigned()).isEmpty();
    }

    @Test
    void givenADeclineAndThenAnInvitation_thenTheMemberIsInvitedAgain_asNewlyInvited() {
        MembershipDocument view = given(opening(), declined("a", "0187"), invited("a", "0187"));

        assertThat(view.member(VAXHOLM)).isEqualTo(invitedMember(VAXHOLM, "Vaxholm"));
        assertThat(view.counts()).isEqualTo(new Counts(3, 0, 0, 0, 0));
        assertThat(view.notAnswered()).containsExactly(SIGTUNA, DANDERYD, VAXHOLM);
    }

    @Test
    void givenAReinvitedMemberThatJoinsAgain_thenItIsJoinedOnTheNewDecision() {
        MembershipDocument view =
                given(opening(), joined("a", "0162"), withdrew("a", "0162"), invited("a", "0162"), joined("a", "0162"));

        assertThat(view.member(DANDERYD)).isEqualTo(joinedMember(DANDERYD, "Danderyd", 5));
        assertThat(view.counts()).isEqualTo(new Counts(3, 1, 0, 0, 0));
        assertThat(view.notSigned()).containsExactly(DANDERYD);
    }

    @Test
    void givenReinvitations_thenEveryMembersStatusIsTheDomainsAfterEachEvent() {
        List<ConsortiumEvent> events = TestEvents.withReinvitations(opening());
        MembershipDocument view = null;
        ApplicationState state = new ApplicationState();
        long position = 0;
        for (ConsortiumEvent event : events) {
            position++;
            view = MembershipView.apply(view, event, position, at(position));
            state.evolve(event);
            for (ApplicationState.Membership m : state.memberships()) {
                assertThat(view.member(m.municipality()).status())
                        .as(
                                "%s after event %d (%s)",
                                m.municipality(), position, event.getClass().getSimpleName())
                        .isEqualTo(m.status());
                if (m.status() == MembershipStatus.INVITED || m.status() == MembershipStatus.JOINED) {
                    assertThat(view.member(m.municipality()).decision())
                            .as("the decision of %s after event %d", m.municipality(), position)
                            .isEqualTo(m.decision());
                }
                // whatever the status: a form signed before a withdrawal no longer counts
                assertThat(view.member(m.municipality()).signed())
                        .as("whether %s signed after event %d", m.municipality(), position)
                        .isEqualTo(m.signed());
            }
            assertThat(view.counts().signed())
                    .as("signed after event %d", position)
                    .isEqualTo(state.memberships().stream()
                            .filter(ApplicationState.Membership::signed)
                            .count());
            assertThat(view.notAnswered()).isEqualTo(state.municipalitiesWith(MembershipStatus.INVITED));
            assertThat(view.notSigned()).isEqualTo(state.joinedButUnsigned());
        }
    }

    @Test
    void givenOpenedJoinedDeclinedSigned_thenCountsMissingAndDecisionsAreShown() {
        MembershipDocument view = given(
                opened("a"),
                joined("a", "0162"),
                joined("a", "0191"),
                declined("a", "0187"),
                signed("a", "0162", "bme", "Britt-Marie Ekström"));

        assertThat(view.summary()).isEqualTo("2 of 15 joined, 1 signed");
        assertThat(view.counts()).isEqualTo(new Counts(15, 2, 1, 1, 0));
        assertThat(view.notSigned()).containsExactly(SIGTUNA);
        assertThat(view.notAnswered()).hasSize(12).doesNotContain(DANDERYD, SIGTUNA, VAXHOLM);
    }

    @Test
    void givenAnEventAlreadyReflected_whenDeliveredAgain_thenTheViewIsUnchanged() {
        MembershipDocument view = given(opening(), joined("a", "0162"));

        assertThat(MembershipView.apply(view, joined("a", "0162"), 2, T)).isSameAs(view);
        assertThat(MembershipView.apply(view, declined("a", "0162"), 1, T)).isSameAs(view);

        Document stored = MembershipCodec.toDocument(view, null);
        assertThat(MembershipView.apply(stored, declined("a", "0162"), 2, T)).isSameAs(stored);
    }

    @Test
    void givenAStoredView_whenAnEventIsApplied_thenTheDocumentGivenIsUnchanged() {
        Document stored = MembershipCodec.toDocument(given(opening()), null);
        Document copy = ViewFields.copy(stored);

        Document next = MembershipView.apply(stored, joined("a", "0162"), 2, T);

        assertThat(stored).isEqualTo(copy);
        assertThat(statuses(stored)).containsExactly("INVITED", "INVITED", "INVITED");
        assertThat(statuses(next)).containsExactly("INVITED", "JOINED", "INVITED");
    }

    private static List<String> statuses(Document view) {
        List<String> statuses = new ArrayList<>();
        view.getList("members", Document.class).forEach(m -> statuses.add(m.getString("status")));
        return statuses;
    }
}
