package se.norrort.consortium.query.municipality;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.attached;
import static se.norrort.consortium.query.TestEvents.budget;
import static se.norrort.consortium.query.TestEvents.corrected;
import static se.norrort.consortium.query.TestEvents.decision;
import static se.norrort.consortium.query.TestEvents.declined;
import static se.norrort.consortium.query.TestEvents.delegated;
import static se.norrort.consortium.query.TestEvents.granted;
import static se.norrort.consortium.query.TestEvents.invited;
import static se.norrort.consortium.query.TestEvents.joined;
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
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.norrort.consortium.api.events.ApplicationOpened;
import se.norrort.consortium.api.events.BudgetLineSet;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.CooperationFormSigned;
import se.norrort.consortium.api.events.DecisionReferenceCorrected;
import se.norrort.consortium.api.events.DocumentAttached;
import se.norrort.consortium.api.events.MunicipalityInvited;
import se.norrort.consortium.api.events.MunicipalityJoined;
import se.norrort.consortium.api.events.MunicipalityWithdrew;
import se.norrort.consortium.api.events.ParticipationDeclined;
import se.norrort.consortium.api.events.SignatureDelegated;
import se.norrort.consortium.api.events.SignatureDelegationRevoked;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.DocumentKind;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.PersonId;
import se.norrort.consortium.model.ApplicationState;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;
import se.norrort.consortium.query.TestEvents;
import se.norrort.consortium.query.municipality.MunicipalityDocument.Counts;
import se.norrort.consortium.query.municipality.MunicipalityDocument.Task;
import se.norrort.consortium.query.municipality.MunicipalityEntry.Action;
import se.norrort.consortium.query.municipality.MunicipalityEntry.Application;
import se.norrort.consortium.query.municipality.MunicipalityEntry.Attachment;
import se.norrort.consortium.query.municipality.MunicipalityEntry.BudgetLine;
import se.norrort.consortium.query.municipality.MunicipalityEntry.Correction;
import se.norrort.consortium.query.municipality.MunicipalityEntry.Delegation;
import se.norrort.consortium.query.municipality.MunicipalityEntry.DelegationStatus;
import se.norrort.consortium.query.municipality.MunicipalityEntry.Role;
import se.norrort.consortium.query.municipality.MunicipalityEntry.Signature;
import se.norrort.consortium.query.municipality.MunicipalityEntry.ToDo;
import se.norrort.consortium.query.projection.ApplicationFacts;
import se.norrort.consortium.query.projection.ApplicationFacts.Facts;

/**
 * given(events) → then(view) on the typed records: one case for every event type the fold reads
 * ({@link MunicipalityView#EVENT_TYPES}), and the fold's general rules. Events from the shared {@code TestEvents}.
 */
class MunicipalityFoldTest {

    private static final Instant T = Instant.parse("2023-09-21T10:00:00Z");
    private static final LocalDate JOINING_DEADLINE = LocalDate.of(2023, 10, 31);
    private static final LocalDate APPEAL = LocalDate.of(2023, 10, 4);

    /**
     * The events folded from nothing as the projection folds them (the application's facts first, then the
     * municipality's document when the event concerns it), the n-th at position n, recorded n minutes after
     * {@link #T}; {@code null} when none concerned it.
     */
    private static MunicipalityDocument given(String code, List<ConsortiumEvent> events) {
        Map<String, Facts> facts = new HashMap<>();
        MunicipalityDocument view = null;
        long position = 0;
        for (ConsortiumEvent event : events) {
            position++;
            String id = event.applicationId().toString();
            Facts next = ApplicationFacts.apply(facts.get(id), event, position, at(position));
            facts.put(id, next);
            if (MunicipalityView.affected(event, next).contains(code)) {
                view = MunicipalityView.apply(view, code, event, position, at(position), next);
            }
        }
        return view;
    }

    private static Instant at(long position) {
        return T.plusSeconds(60 * position);
    }

    private static ConsortiumEvent opening() {
        return openedFor("a", "Gemensam resurs", "0191", "0162", "0187");
    }

    private static Application facts(Role role, ApplicationFacts.Counts consortium) {
        return new Application(
                "Gemensam resurs",
                new MunicipalityCode("0191"),
                "Sigtuna",
                role,
                "Länsstyrelsen i Stockholms län",
                LegalBasis.SECTION_37,
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2025, 12, 31),
                JOINING_DEADLINE,
                false,
                4_000_000L,
                Status.OPEN,
                null,
                null,
                null,
                null,
                consortium);
    }

    private static MunicipalityEntry entry(MunicipalityDocument view) {
        assertThat(view.applications()).hasSize(1);
        return view.applications().get(0);
    }

    private static List<ToDo> todo(MunicipalityEntry entry) {
        return entry.todo().stream().map(Action::action).toList();
    }

    /** One case: the fold reads {@code type}; given the events (the last one of that type), then the view of code. */
    record Case(
            Class<? extends ConsortiumEvent> type,
            String code,
            List<ConsortiumEvent> given,
            Consumer<MunicipalityDocument> then) {
        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(ApplicationOpened.class, "0162", List.of(opening()), view -> {
                    assertThat(view)
                            .isEqualTo(new MunicipalityDocument(
                                    "0162",
                                    new MunicipalityCode("0162"),
                                    "Danderyd",
                                    List.of(new MunicipalityEntry(
                                            "a",
                                            false,
                                            MembershipStatus.INVITED,
                                            false,
                                            at(1),
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            facts(Role.MEMBER, null),
                                            1,
                                            List.of(new Action(ToDo.JOIN_OR_DECLINE, JOINING_DEADLINE)))),
                                    List.of(new Task("a", "Gemensam resurs", ToDo.JOIN_OR_DECLINE, JOINING_DEADLINE)),
                                    new Counts(1, 0, 0, 1),
                                    1,
                                    1,
                                    at(1)));
                }),
                new Case(MunicipalityInvited.class, "0160", List.of(opening(), invited("a", "0160")), view -> {
                    MunicipalityEntry entry = entry(view);
                    assertThat(entry.status()).isEqualTo(MembershipStatus.INVITED);
                    assertThat(entry.invitedAt()).isEqualTo(at(2));
                    assertThat(entry.application()).isEqualTo(facts(Role.MEMBER, null));
                    assertThat(todo(entry)).containsExactly(ToDo.JOIN_OR_DECLINE);
                    assertThat(view.revision()).isEqualTo(1);
                }),
                new Case(MunicipalityJoined.class, "0162", List.of(opening(), joined("a", "0162")), view -> {
                    MunicipalityEntry entry = entry(view);
                    assertThat(entry.status()).isEqualTo(MembershipStatus.JOINED);
                    assertThat(entry.decision()).isEqualTo(decision("0162", "§ 45"));
                    assertThat(entry.appealDeadline()).isEqualTo(APPEAL);
                    assertThat(entry.joinedAt()).isEqualTo(at(2));
                    assertThat(entry.invitedAt()).isEqualTo(at(1));
                    assertThat(entry.delegations())
                            .as("stored empty: it has to delegate")
                            .isEmpty();
                    assertThat(todo(entry)).containsExactly(ToDo.DELEGATE_SIGNATORY);
                    assertThat(view.counts()).isEqualTo(new Counts(1, 1, 0, 1));
                    assertThat(view.revision()).isEqualTo(2);
                }),
                new Case(ParticipationDeclined.class, "0187", List.of(opening(), declined("a", "0187")), view -> {
                    MunicipalityEntry entry = entry(view);
                    assertThat(entry.status()).isEqualTo(MembershipStatus.DECLINED);
                    assertThat(entry.reason()).isEqualTo("Ingen kapacitet i år");
                    assertThat(entry.decision()).isEqualTo(decision("0187", "§ 12"));
                    assertThat(entry.declinedAt()).isEqualTo(at(2));
                    assertThat(entry.todo()).isEmpty();
                    assertThat(view.counts()).isEqualTo(new Counts(1, 0, 0, 0));
                }),
                new Case(
                        MunicipalityWithdrew.class,
                        "0162",
                        List.of(opening(), joined("a", "0162"), withdrew("a", "0162")),
                        view -> {
                            MunicipalityEntry entry = entry(view);
                            assertThat(entry.status()).isEqualTo(MembershipStatus.WITHDRAWN);
                            assertThat(entry.reason()).isEqualTo("Budget cut");
                            assertThat(entry.decision())
                                    .as("the withdrawal's, none")
                                    .isNull();
                            assertThat(entry.withdrawnAt()).isEqualTo(at(3));
                            assertThat(entry.joinedAt()).isEqualTo(at(2));
                            assertThat(entry.todo()).isEmpty();
                            assertThat(view.counts().joined()).isZero();
                        }),
                new Case(
                        DecisionReferenceCorrected.class,
                        "0162",
                        List.of(opening(), joined("a", "0162"), corrected("a", "0162", "§ 45", "§ 46")),
                        view -> {
                            MunicipalityEntry entry = entry(view);
                            assertThat(entry.decision()).isEqualTo(decision("0162", "§ 46"));
                            assertThat(entry.appealDeadline()).isEqualTo(APPEAL);
                            assertThat(entry.decisionCorrections())
                                    .containsExactly(new Correction(
                                            "MunicipalityJoined",
                                            decision("0162", "§ 45"),
                                            decision("0162", "§ 46"),
                                            "Wrong paragraph in the minutes extract",
                                            at(3)));
                        }),
                new Case(
                        SignatureDelegated.class,
                        "0162",
                        List.of(opening(), joined("a", "0162"), delegated("a", "0162", LocalDate.of(2023, 12, 31))),
                        view -> {
                            MunicipalityEntry entry = entry(view);
                            assertThat(entry.delegations())
                                    .containsExactly(new Delegation(
                                            new DelegationId("del-0162"),
                                            new PersonId("bme"),
                                            "Britt-Marie Ekström",
                                            "socialdirektör",
                                            "Sign the cooperation form",
                                            LocalDate.of(2023, 12, 31),
                                            decision("0162", "§ 45"),
                                            DelegationStatus.ACTIVE,
                                            at(3),
                                            null,
                                            null));
                            assertThat(todo(entry)).containsExactly(ToDo.SIGN_COOPERATION_FORM);
                        }),
                new Case(
                        SignatureDelegationRevoked.class,
                        "0162",
                        List.of(opening(), joined("a", "0162"), delegated("a", "0162", null), revoked("a", "0162")),
                        view -> {
                            Delegation d = entry(view).delegations().get(0);
                            assertThat(d.status()).isEqualTo(DelegationStatus.REVOKED);
                            assertThat(d.revokedAt()).isEqualTo(at(4));
                            assertThat(d.revokeReason()).isEqualTo("The social director left");
                            assertThat(d.delegatedAt()).isEqualTo(at(3));
                            assertThat(todo(entry(view))).containsExactly(ToDo.DELEGATE_SIGNATORY);
                        }),
                new Case(
                        CooperationFormSigned.class,
                        "0162",
                        List.of(
                                opening(),
                                joined("a", "0162"),
                                delegated("a", "0162", null),
                                signed("a", "0162", "bme", "Britt-Marie Ekström")),
                        view -> {
                            MunicipalityEntry entry = entry(view);
                            assertThat(entry.signed()).isTrue();
                            assertThat(entry.signature())
                                    .isEqualTo(new Signature(
                                            new PersonId("bme"),
                                            "Britt-Marie Ekström",
                                            "socialdirektör",
                                            new DelegationId("del-0162"),
                                            at(4)));
                            assertThat(entry.todo()).isEmpty();
                            assertThat(view.counts()).isEqualTo(new Counts(1, 1, 1, 0));
                        }),
                new Case(
                        BudgetLineSet.class,
                        "0162",
                        List.of(
                                opening(),
                                budget("a", "0162", 2025, 50_000),
                                budget("a", "0162", 2024, 100_000),
                                budget("a", "0162", 2024, 120_000)),
                        view -> {
                            MunicipalityEntry entry = entry(view);
                            assertThat(entry.budgetLines())
                                    .containsExactly(new BudgetLine(2024, 120_000), new BudgetLine(2025, 50_000));
                            assertThat(entry.budgetTotalSek()).isEqualTo(170_000L);
                        }),
                new Case(DocumentAttached.class, "0162", List.of(opening(), attached("a", "0162")), view -> {
                    assertThat(entry(view).documents())
                            .containsExactly(new Attachment(
                                    new DocumentId("doc-0162"),
                                    DocumentKind.PROTOKOLLSUTDRAG,
                                    "protokollsutdrag.pdf",
                                    "a".repeat(64),
                                    at(2)));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givenEvents_thenTheView(Case c) {
        assertThat(c.given().get(c.given().size() - 1)).isInstanceOf(c.type());
        MunicipalityDocument view = given(c.code(), c.given());
        assertThat(view).isNotNull();
        c.then().accept(view);
        assertThat(view.position()).isEqualTo(c.given().size());
        assertThat(view.updatedAt()).isEqualTo(at(c.given().size()));
        assertThat(entry(view).position()).isEqualTo(c.given().size());
    }

    @Test
    void everyEventTypeTheFoldReadsHasACase() {
        assertThat(cases().map(Case::type)).containsExactlyInAnyOrderElementsOf(MunicipalityView.EVENT_TYPES);
    }

    @Test
    void givenAnEventAboutTheApplicationAsAWhole_thenOnlyTheFactsThePositionAndTheToDoMoveOn() {
        List<ConsortiumEvent> before =
                List.of(opening(), joined("a", "0162"), signed("a", "0162", "bme", "Britt-Marie Ekström"));
        MunicipalityEntry signedEntry = entry(given("0162", before));

        MunicipalityEntry granted = entry(given(
                "0162",
                Stream.concat(before.stream(), Stream.of(submitted("a", "0162"), granted("a")))
                        .toList()));

        assertThat(granted.application().applicationStatus()).isEqualTo(Status.GRANTED);
        assertThat(granted.application().granted().amountSek()).isEqualTo(3_200_000L);
        assertThat(granted.application().reports()).hasSize(2);
        assertThat(granted.position()).isEqualTo(5);
        assertThat(granted)
                .usingRecursiveComparison()
                .ignoringFields("application", "position", "todo")
                .isEqualTo(signedEntry);
    }

    @Test
    void givenASignedMemberThatWithdrewAndIsInvitedAgain_thenItIsInvitedAsNew_andKeepsWhatTheDomainKeeps() {
        MunicipalityDocument view = given(
                "0162",
                List.of(
                        opening(),
                        joined("a", "0162"),
                        delegated("a", "0162", null),
                        signed("a", "0162", "bme", "Britt-Marie Ekström"),
                        budget("a", "0162", 2024, 100_000),
                        withdrew("a", "0162"),
                        invited("a", "0162")));

        MunicipalityEntry entry = entry(view);
        assertThat(entry.status()).isEqualTo(MembershipStatus.INVITED);
        assertThat(entry.invitedAt()).as("the new invitation").isEqualTo(at(7));
        assertThat(entry.signed()).isFalse();
        assertThat(entry.signature()).isNull();
        assertThat(entry.decision()).isNull();
        assertThat(entry.appealDeadline()).isNull();
        assertThat(entry.reason()).isNull();
        assertThat(entry.joinedAt()).isNull();
        assertThat(entry.withdrawnAt()).isNull();
        assertThat(entry.delegations())
                .as("the domain keeps the delegation")
                .extracting(Delegation::status)
                .containsExactly(DelegationStatus.ACTIVE);
        assertThat(entry.budgetLines()).containsExactly(new BudgetLine(2024, 100_000));
        assertThat(todo(entry)).containsExactly(ToDo.JOIN_OR_DECLINE);
        assertThat(view.counts()).isEqualTo(new Counts(1, 0, 0, 1));
        assertThat(entry.application().consortium()).isNull();

        MunicipalityDocument owner = given(
                "0191",
                List.of(
                        opening(),
                        joined("a", "0162"),
                        signed("a", "0162", "bme", "Britt-Marie Ekström"),
                        withdrew("a", "0162"),
                        invited("a", "0162")));
        assertThat(entry(owner).application().consortium())
                .as("the owner's counts")
                .isEqualTo(new ApplicationFacts.Counts(3, 0, 0, 0, 0, 3));
    }

    @Test
    void givenADeclineAndThenAnInvitation_thenItIsInvitedAgain_andAskedToJoinOrDecline() {
        MunicipalityEntry entry = entry(given("0187", List.of(opening(), declined("a", "0187"), invited("a", "0187"))));

        assertThat(entry.status()).isEqualTo(MembershipStatus.INVITED);
        assertThat(entry.invitedAt()).isEqualTo(at(3));
        assertThat(entry.decision()).isNull();
        assertThat(entry.reason()).isNull();
        assertThat(entry.declinedAt()).isNull();
        assertThat(todo(entry)).containsExactly(ToDo.JOIN_OR_DECLINE);
    }

    @Test
    void givenReinvitations_thenEveryMunicipalitysStatusIsTheDomainsAfterEachEvent() {
        List<ConsortiumEvent> events = TestEvents.withReinvitations(opening());
        ApplicationState state = new ApplicationState();
        for (int n = 1; n <= events.size(); n++) {
            state.evolve(events.get(n - 1));
            for (ApplicationState.Membership m : state.memberships()) {
                MunicipalityEntry entry = entry(given(m.municipality().toString(), events.subList(0, n)));
                assertThat(entry.status())
                        .as("%s after event %d", m.municipality(), n)
                        .isEqualTo(m.status());
                // whatever the status: a form signed before a withdrawal no longer counts
                assertThat(entry.signed())
                        .as("whether %s signed after event %d", m.municipality(), n)
                        .isEqualTo(m.signed());
                assertThat(entry.signature() != null)
                        .as("whether %s has a signature after event %d", m.municipality(), n)
                        .isEqualTo(m.signed());
                if (m.status() == MembershipStatus.INVITED || m.status() == MembershipStatus.JOINED) {
                    assertThat(entry.decision())
                            .as("the decision of %s after event %d", m.municipality(), n)
                            .isEqualTo(m.decision());
                }
            }
        }
    }

    @Test
    void givenTheOwnerDidNotInviteItself_thenItIsNotInvited_andALaterInvitationLeavesItSo() {
        MunicipalityDocument view =
                given("0191", List.of(openedFor("a", "Gemensam resurs", "0162"), invited("a", "0191")));

        MunicipalityEntry entry = entry(view);
        assertThat(entry.notInvited()).isTrue();
        assertThat(entry.status()).isNull();
        assertThat(entry.invitedAt()).isNull();
        assertThat(entry.application().role()).isEqualTo(Role.OWNER);
        assertThat(entry.application().consortium().invited()).isEqualTo(2);
    }

    @Test
    void givenAnEventAlreadyReflected_whenDeliveredAgain_thenTheSameViewIsReturned() {
        MunicipalityDocument view = given("0162", List.of(opening(), joined("a", "0162")));
        Facts facts = ApplicationFacts.apply((Facts) null, opening(), 1, T);

        assertThat(MunicipalityView.apply(view, "0162", declined("a", "0162"), 2, T, facts))
                .isSameAs(view);
    }

    @Test
    void givenADelegationPastItsLastDay_whenServed_thenItIsExpired_andTheRecordFoldedIsNot() {
        MunicipalityDocument view = given(
                "0162", List.of(opening(), joined("a", "0162"), delegated("a", "0162", LocalDate.of(2023, 10, 31))));

        MunicipalityDocument served = MunicipalityView.asOf(view, LocalDate.of(2023, 11, 1));

        assertThat(entry(served).delegations().get(0).status()).isEqualTo(DelegationStatus.EXPIRED);
        assertThat(served.todo()).extracting(Task::action).containsExactly(ToDo.DELEGATE_SIGNATORY);
        assertThat(entry(view).delegations().get(0).status()).isEqualTo(DelegationStatus.ACTIVE);
        assertThat(MunicipalityView.asOf(view, LocalDate.of(2023, 10, 31)).todo())
                .extracting(Task::action)
                .containsExactly(ToDo.SIGN_COOPERATION_FORM);
    }
}
