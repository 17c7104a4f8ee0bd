package se.norrort.consortium.command.funding;

import static org.assertj.core.api.Assertions.assertThatCode;
import static se.norrort.consortium.command.aggregate.Story.FUNDER;
import static se.norrort.consortium.command.aggregate.Story.GRANTED_SEK;
import static se.norrort.consortium.command.aggregate.Story.ID;
import static se.norrort.consortium.command.aggregate.Story.INTERIM_DUE;
import static se.norrort.consortium.command.aggregate.Story.OWNER;
import static se.norrort.consortium.command.aggregate.Story.granted;
import static se.norrort.consortium.command.aggregate.Story.submitted;
import static se.norrort.consortium.command.domain.RuleChecks.assertRefused;
import static se.norrort.consortium.command.domain.RuleChecks.given;

import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.commands.ClaimRepayment;
import se.norrort.consortium.api.commands.CloseApplication;
import se.norrort.consortium.api.commands.RequisitionFunds;
import se.norrort.consortium.api.commands.SubmitFinalReport;
import se.norrort.consortium.api.events.FundsRequisitioned;
import se.norrort.consortium.api.events.InterimReportSubmitted;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.model.ApplicationState;

class FollowUpRulesTest {

    @Test
    void givenAGrant_whenTheOwnerRequisitionsWithinIt_thenNothingIsRefused() {
        ApplicationState state = given(granted());

        assertThatCode(() -> FollowUpRules.checkRequisition(state, new RequisitionFunds(ID, GRANTED_SEK, OWNER)))
                .doesNotThrowAnyException();
    }

    @Test
    void givenNoGrantYet_whenTheOwnerRequisitions_thenTheFundsAreNotGranted() {
        ApplicationState state = given(submitted());

        assertRefused(
                ErrorCode.FUNDS_NOT_GRANTED,
                () -> FollowUpRules.checkRequisition(state, new RequisitionFunds(ID, 1, OWNER)));
    }

    @Test
    void givenAGrant_whenMoreThanGrantedIsRequisitioned_thenTheRequisitionExceedsIt() {
        ApplicationState state = given(granted());

        assertRefused(
                ErrorCode.REQUISITION_EXCEEDS_GRANT,
                () -> FollowUpRules.checkRequisition(state, new RequisitionFunds(ID, GRANTED_SEK + 1, OWNER)));
    }

    @Test
    void givenAGrantWithAnInterimReport_whenTheFinalReportComesFirst_thenTheInterimReportIsMissing() {
        ApplicationState state = given(granted());

        assertRefused(
                ErrorCode.INTERIM_REPORT_MISSING,
                () -> FollowUpRules.checkFinalReport(state, new SubmitFinalReport(ID, 0, null, OWNER)));
    }

    @Test
    void givenAGrantWithoutAFinalReport_whenClosing_thenItCannotBeClosedYet() {
        ApplicationState state = given(granted());

        assertRefused(
                ErrorCode.APPLICATION_NOT_CLOSABLE,
                () -> FollowUpRules.checkClosing(state, new CloseApplication(ID, "Klart", FUNDER)));
    }

    @Test
    void givenAReportShowingLessUsedThanRequisitioned_whenTheFunderClaimsRepayment_thenNothingIsRefused() {
        ApplicationState state = given(se.norrort.consortium.command.aggregate.Story.append(
                granted(),
                new FundsRequisitioned(ID, GRANTED_SEK, GRANTED_SEK),
                new InterimReportSubmitted(ID, INTERIM_DUE.dueDate(), GRANTED_SEK - 100_000, null)));

        assertThatCode(() ->
                        FollowUpRules.checkRepaymentClaim(state, new ClaimRepayment(ID, 100_000, "Outnyttjat", FUNDER)))
                .doesNotThrowAnyException();
    }

    @Test
    void givenAGrantWithNothingReported_whenTheFunderClaimsRepayment_thenItIsNotDueYet() {
        ApplicationState state = given(granted());

        assertRefused(
                ErrorCode.REPAYMENT_NOT_DUE,
                () -> FollowUpRules.checkRepaymentClaim(state, new ClaimRepayment(ID, 1, "För tidigt", FUNDER)));
    }
}
