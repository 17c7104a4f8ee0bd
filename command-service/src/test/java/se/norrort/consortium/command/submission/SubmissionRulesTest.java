package se.norrort.consortium.command.submission;

import static org.assertj.core.api.Assertions.assertThatCode;
import static se.norrort.consortium.command.aggregate.Story.DANDERYD;
import static se.norrort.consortium.command.aggregate.Story.ID;
import static se.norrort.consortium.command.aggregate.Story.OWNER;
import static se.norrort.consortium.command.aggregate.Story.SIGTUNA;
import static se.norrort.consortium.command.aggregate.Story.joined;
import static se.norrort.consortium.command.aggregate.Story.officer;
import static se.norrort.consortium.command.aggregate.Story.opened;
import static se.norrort.consortium.command.aggregate.Story.readyToSubmit;
import static se.norrort.consortium.command.aggregate.Story.submitted;
import static se.norrort.consortium.command.domain.RuleChecks.assertRefused;
import static se.norrort.consortium.command.domain.RuleChecks.given;

import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.commands.SetBudgetLine;
import se.norrort.consortium.api.commands.SubmitApplication;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.model.ApplicationState;

class SubmissionRulesTest {

    @Test
    void givenEveryParticipantSigned_whenTheOwnerSubmits_thenNothingIsRefused() {
        ApplicationState state = given(readyToSubmit());

        assertThatCode(() -> SubmissionRules.checkSubmission(state, new SubmitApplication(ID, OWNER)))
                .doesNotThrowAnyException();
    }

    @Test
    void givenTwoJoinedButUnsigned_whenTheOwnerSubmits_thenNotAllHaveSigned() {
        ApplicationState state = given(opened(), joined(SIGTUNA), joined(DANDERYD));

        assertRefused(
                ErrorCode.NOT_ALL_SIGNED,
                () -> SubmissionRules.checkSubmission(state, new SubmitApplication(ID, OWNER)));
    }

    @Test
    void givenOnlyTheOwnerJoined_whenTheOwnerSubmits_thenTooFewTakePart() {
        ApplicationState state = given(opened(), joined(SIGTUNA));

        assertRefused(
                ErrorCode.TOO_FEW_PARTICIPANTS,
                () -> SubmissionRules.checkSubmission(state, new SubmitApplication(ID, OWNER)));
    }

    @Test
    void givenAJoinedMunicipality_whenItSetsABudgetLineOutsideThePeriod_thenTheYearIsRefused() {
        ApplicationState state = given(opened(), joined(DANDERYD));

        assertRefused(
                ErrorCode.BUDGET_YEAR_OUTSIDE_PERIOD,
                () -> SubmissionRules.checkBudgetLine(
                        state, new SetBudgetLine(ID, DANDERYD, 2030, 100_000, officer(DANDERYD))));
    }

    @Test
    void givenASubmittedApplication_whenABudgetLineIsSet_thenItIsTooLate() {
        ApplicationState state = given(submitted());

        assertRefused(
                ErrorCode.APPLICATION_ALREADY_SUBMITTED,
                () -> SubmissionRules.checkBudgetLine(
                        state, new SetBudgetLine(ID, DANDERYD, 2024, 100_000, officer(DANDERYD))));
    }
}
