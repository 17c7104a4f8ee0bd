package se.norrort.consortium.command.application;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.command.aggregate.Story.DANDERYD;
import static se.norrort.consortium.command.aggregate.Story.SIGTUNA;
import static se.norrort.consortium.command.aggregate.Story.SOLNA;
import static se.norrort.consortium.command.aggregate.Story.TABY;

import java.util.ArrayList;
import se.norrort.consortium.command.aggregate.Story;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.ConsortiumEvents;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;
import se.norrort.consortium.model.ApplicationState;

/** The pure fold: given events, then the state. */
class ApplicationStateTest {

    @Test
    void foldsEveryEventTypeOfTheContract() {
        List<ConsortiumEvent> events = new ArrayList<>(Story.wholeLife());
        events.add(Story.rejectedEvent());

        assertThat(events.stream().map(Object::getClass).distinct())
                .containsExactlyInAnyOrderElementsOf(ConsortiumEvents.types());
        ApplicationState state = new ApplicationState();
        events.forEach(state::evolve);
    }

    @Test
    void givenTheWholeLife_thenTheStateTellsItAll() {
        ApplicationState state = ApplicationState.replay(Story.wholeLife());

        assertThat(state.applicationId()).isEqualTo(Story.ID);
        assertThat(state.status()).isEqualTo(Status.CLOSED);
        assertThat(state.statusBeforeClosing()).isEqualTo(Status.GRANTED);
        assertThat(state.closingReason()).isEqualTo("Slutredovisning godkänd");
        assertThat(state.membershipStatus(SIGTUNA)).contains(MembershipStatus.JOINED);
        assertThat(state.membershipStatus(DANDERYD)).contains(MembershipStatus.JOINED);
        assertThat(state.membershipStatus(SOLNA)).contains(MembershipStatus.WITHDRAWN);
        assertThat(state.membershipStatus(TABY)).contains(MembershipStatus.DECLINED);
        assertThat(state.decisionReferences()).containsEntry(DANDERYD, Story.CORRECTED_DANDERYD);
        assertThat(state.membership(DANDERYD).orElseThrow().appealDeadline())
                .isEqualTo(Story.CORRECTED_DANDERYD.appealDeadline());
        assertThat(state.signatures()).hasSize(2);
        assertThat(state.delegation(Story.delegationId(DANDERYD)).orElseThrow().revoked()).isTrue();
        assertThat(state.delegation(Story.delegationId(SIGTUNA)).orElseThrow().activeOn(Story.TODAY)).isTrue();
        assertThat(state.budgetLines()).isEqualTo(Map.of(DANDERYD, Map.of(2024, 0L)));
        assertThat(state.documents()).hasSize(1);
        assertThat(state.grantedAmountSek()).isEqualTo(Story.GRANTED_SEK);
        assertThat(state.requisitionedSek()).isEqualTo(Story.GRANTED_SEK);
        assertThat(state.usedAmountSek()).contains(3_000_000L);
        assertThat(state.repaymentClaimedSek()).isEqualTo(200_000);
        assertThat(state.report(ReportKind.INTERIM).orElseThrow().overdue()).isFalse();
        assertThat(state.report(ReportKind.FINAL).orElseThrow()).satisfies(report -> {
            assertThat(report.submitted()).isTrue();
            assertThat(report.overdue()).isTrue();
            assertThat(report.dueDate()).isEqualTo(Story.FINAL_DUE.dueDate());
        });
    }

    @Test
    void givenTheEventsUpToAMoment_thenTheStateIsAsItWasThen() {
        // the first twelve events: everybody who takes part has signed, nothing submitted yet
        ApplicationState asOfThen = ApplicationState.replay(Story.wholeLife().subList(0, 12));

        assertThat(asOfThen.status()).isEqualTo(Status.OPEN);
        assertThat(asOfThen.beforeSubmission()).isTrue();
        assertThat(asOfThen.decisionReferences()).containsEntry(DANDERYD, Story.CORRECTED_DANDERYD);
        assertThat(asOfThen.delegation(Story.delegationId(DANDERYD)).orElseThrow().revoked()).isFalse();
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
        ApplicationState state = ApplicationState.replay(List.of(Story.opened(),
                Story.delegated(DANDERYD, Story.decision(DANDERYD), Story.TODAY)));
        ApplicationState.Delegation delegation = state.delegation(Story.delegationId(DANDERYD)).orElseThrow();

        assertThat(delegation.activeOn(Story.TODAY)).isTrue();
        assertThat(delegation.expiredOn(Story.TODAY)).isFalse();
        assertThat(delegation.activeOn(Story.TODAY.plusDays(1))).isFalse();
        assertThat(delegation.expiredOn(Story.TODAY.plusDays(1))).isTrue();
    }
}
