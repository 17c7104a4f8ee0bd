package se.norrort.consortium.model;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.story.NorrortStory.DANDERYD;
import static se.norrort.consortium.story.NorrortStory.SIGTUNA;
import static se.norrort.consortium.story.NorrortStory.SOLNA;
import static se.norrort.consortium.story.NorrortStory.TABY;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.ConsortiumEvents;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;
import se.norrort.consortium.story.NorrortStory;

/** The pure fold: given events, then the state. */
class ApplicationStateTest {

    @Test
    void foldsEveryEventTypeOfTheContract() {
        List<ConsortiumEvent> events = new ArrayList<>(NorrortStory.wholeLife());
        events.add(NorrortStory.rejectedEvent());

        assertThat(events.stream().map(Object::getClass).distinct())
                .containsExactlyInAnyOrderElementsOf(ConsortiumEvents.types());
        ApplicationState state = new ApplicationState();
        events.forEach(state::evolve);
    }

    @Test
    void givenTheWholeLife_thenTheStateTellsItAll() {
        ApplicationState state = ApplicationState.replay(NorrortStory.wholeLife());

        assertThat(state.applicationId()).isEqualTo(NorrortStory.ID);
        assertThat(state.status()).isEqualTo(Status.CLOSED);
        assertThat(state.statusBeforeClosing()).isEqualTo(Status.GRANTED);
        assertThat(state.closingReason()).isEqualTo("Slutredovisning godkänd");
        assertThat(state.membershipStatus(SIGTUNA)).contains(MembershipStatus.JOINED);
        assertThat(state.membershipStatus(DANDERYD)).contains(MembershipStatus.JOINED);
        assertThat(state.membershipStatus(SOLNA)).contains(MembershipStatus.WITHDRAWN);
        assertThat(state.membershipStatus(TABY)).contains(MembershipStatus.DECLINED);
        assertThat(state.decisionReferences()).containsEntry(DANDERYD, NorrortStory.CORRECTED_DANDERYD);
        assertThat(state.membership(DANDERYD).orElseThrow().appealDeadline())
                .isEqualTo(NorrortStory.CORRECTED_DANDERYD.appealDeadline());
        assertThat(state.signatures()).hasSize(2);
        assertThat(state.delegation(NorrortStory.delegationId(DANDERYD))
                        .orElseThrow()
                        .revoked())
                .isTrue();
        assertThat(state.delegation(NorrortStory.delegationId(SIGTUNA))
                        .orElseThrow()
                        .activeOn(NorrortStory.TODAY))
                .isTrue();
        assertThat(state.budgetLines()).isEqualTo(Map.of(DANDERYD, Map.of(2024, 0L)));
        assertThat(state.documents()).hasSize(1);
        assertThat(state.grantedAmountSek()).isEqualTo(NorrortStory.GRANTED_SEK);
        assertThat(state.requisitionedSek()).isEqualTo(NorrortStory.GRANTED_SEK);
        assertThat(state.usedAmountSek()).contains(3_000_000L);
        assertThat(state.repaymentClaimedSek()).isEqualTo(200_000);
        assertThat(state.report(ReportKind.INTERIM).orElseThrow().overdue()).isFalse();
        assertThat(state.report(ReportKind.FINAL).orElseThrow()).satisfies(report -> {
            assertThat(report.submitted()).isTrue();
            assertThat(report.overdue()).isTrue();
            assertThat(report.dueDate()).isEqualTo(NorrortStory.FINAL_DUE.dueDate());
        });
    }

    @Test
    void givenTheEventsUpToAMoment_thenTheStateIsAsItWasThen() {
        // the first twelve events: everybody who takes part has signed, nothing submitted yet
        ApplicationState asOfThen =
                ApplicationState.replay(NorrortStory.wholeLife().subList(0, 12));

        assertThat(asOfThen.status()).isEqualTo(Status.OPEN);
        assertThat(asOfThen.beforeSubmission()).isTrue();
        assertThat(asOfThen.decisionReferences()).containsEntry(DANDERYD, NorrortStory.CORRECTED_DANDERYD);
        assertThat(asOfThen.delegation(NorrortStory.delegationId(DANDERYD))
                        .orElseThrow()
                        .revoked())
                .isFalse();
        assertThat(asOfThen.joinedButUnsigned()).isEmpty();
        assertThat(asOfThen.reports()).isEmpty();
        assertThat(asOfThen.grantedAmountSek()).isZero();
    }

    @Test
    void givenNothing_thenThereIsNoStatus() {
        ApplicationState state = ApplicationState.replay(List.of());

        assertThat(state.status()).isNull();
        assertThat(state.memberships()).isEmpty();
        assertThat(state.beforeSubmission()).isFalse();
    }

    @Test
    void delegationIsActiveUpToAndIncludingItsLastValidDay() {
        ApplicationState state = ApplicationState.replay(List.of(
                NorrortStory.opened(),
                NorrortStory.delegated(DANDERYD, NorrortStory.decision(DANDERYD), NorrortStory.TODAY)));
        ApplicationState.Delegation delegation =
                state.delegation(NorrortStory.delegationId(DANDERYD)).orElseThrow();

        assertThat(delegation.activeOn(NorrortStory.TODAY)).isTrue();
        assertThat(delegation.expiredOn(NorrortStory.TODAY)).isFalse();
        assertThat(delegation.activeOn(NorrortStory.TODAY.plusDays(1))).isFalse();
        assertThat(delegation.expiredOn(NorrortStory.TODAY.plusDays(1))).isTrue();
    }
}
