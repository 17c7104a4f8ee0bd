package se.norrort.consortium.command.funding;

import static se.norrort.consortium.command.domain.CommonRules.describe;
import static se.norrort.consortium.command.domain.CommonRules.refuse;

import se.norrort.consortium.api.commands.ClaimRepayment;
import se.norrort.consortium.api.commands.CloseApplication;
import se.norrort.consortium.api.commands.RequisitionFunds;
import se.norrort.consortium.api.commands.SubmitFinalReport;
import se.norrort.consortium.api.commands.SubmitInterimReport;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.command.domain.CommonRules;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.model.ApplicationState;
import se.norrort.consortium.model.ApplicationState.Status;

/**
 * After the grant: requisitions within the grant until the final report, the required reports in order (interim
 * before final), repayment once it is due and within what was paid out, and closing after the final report or a
 * rejection.
 */
public final class FollowUpRules {

    private FollowUpRules() {}

    public static void checkRequisition(ApplicationState state, RequisitionFunds command) {
        CommonRules.notClosed(state);
        CommonRules.projectOwner(state, command.actor());
        granted(state, "Funds can be requisitioned");
        requisitionBeforeFinalReport(state);
        CommonRules.positive(command.amountSek(), "A requisition");
        requisitionWithinGrant(state, command.amountSek());
    }

    public static void checkInterimReport(ApplicationState state, SubmitInterimReport command) {
        CommonRules.notClosed(state);
        CommonRules.projectOwner(state, command.actor());
        granted(state, "An interim report can be submitted");
        reportRequired(state, ReportKind.INTERIM);
        reportNotYetSubmitted(state, ReportKind.INTERIM);
        CommonRules.notNegative(command.usedAmountSek(), "The used amount");
        CommonRules.documentAttached(state, command.reportDocument());
    }

    public static void checkFinalReport(ApplicationState state, SubmitFinalReport command) {
        CommonRules.notClosed(state);
        CommonRules.projectOwner(state, command.actor());
        granted(state, "The final report can be submitted");
        reportRequired(state, ReportKind.FINAL);
        reportNotYetSubmitted(state, ReportKind.FINAL);
        interimReportFirst(state);
        CommonRules.notNegative(command.usedAmountSek(), "The used amount");
        CommonRules.documentAttached(state, command.reportDocument());
    }

    public static void checkRepaymentClaim(ApplicationState state, ClaimRepayment command) {
        CommonRules.notClosed(state);
        CommonRules.funder(command.actor());
        granted(state, "Repayment can be claimed");
        repaymentDue(state);
        CommonRules.positive(command.amountSek(), "A repayment claim");
        repaymentWithinRequisitioned(state, command.amountSek());
    }

    public static void checkClosing(ApplicationState state, CloseApplication command) {
        CommonRules.notClosed(state);
        CommonRules.funderOrProjectOwner(state, command.actor());
        closable(state);
    }

    static void granted(ApplicationState state, String whatIsPossible) {
        if (state.status() != Status.GRANTED) {
            throw refuse(ErrorCode.FUNDS_NOT_GRANTED, whatIsPossible + " only after the funds have been granted.");
        }
    }

    static void requisitionWithinGrant(ApplicationState state, long amountSek) {
        if (amountSek > state.grantedAmountSek() - state.requisitionedSek()) { // no overflow near Long.MAX_VALUE
            throw refuse(
                    ErrorCode.REQUISITION_EXCEEDS_GRANT,
                    "Requisitioning " + amountSek + " SEK would exceed "
                            + "the granted " + state.grantedAmountSek() + " SEK; already requisitioned "
                            + state.requisitionedSek() + " SEK.");
        }
    }

    static void reportRequired(ApplicationState state, ReportKind kind) {
        if (!state.reportRequired(kind)) {
            throw refuse(ErrorCode.REPORT_NOT_REQUIRED, "The grant requires no " + describe(kind) + ".");
        }
    }

    static void reportNotYetSubmitted(ApplicationState state, ReportKind kind) {
        if (state.reportSubmitted(kind)) {
            throw refuse(ErrorCode.REPORT_ALREADY_SUBMITTED, "The " + describe(kind) + " has already been submitted.");
        }
    }

    static void requisitionBeforeFinalReport(ApplicationState state) {
        if (state.reportSubmitted(ReportKind.FINAL)) {
            throw refuse(
                    ErrorCode.REQUISITION_AFTER_FINAL_REPORT,
                    "Funds can no longer be requisitioned after the " + describe(ReportKind.FINAL)
                            + " has been submitted.");
        }
    }

    static void interimReportFirst(ApplicationState state) {
        if (state.reportRequired(ReportKind.INTERIM) && !state.reportSubmitted(ReportKind.INTERIM)) {
            throw refuse(
                    ErrorCode.INTERIM_REPORT_MISSING, "The interim report must be submitted before the final report.");
        }
    }

    /** Repayment is due after the final report, or once a report shows more requisitioned than used. */
    static void repaymentDue(ApplicationState state) {
        boolean unusedFundsReported = state.usedAmountSek()
                .map(used -> state.requisitionedSek() > used)
                .orElse(false);
        if (!state.reportSubmitted(ReportKind.FINAL) && !unusedFundsReported) {
            throw refuse(
                    ErrorCode.REPAYMENT_NOT_DUE,
                    "Repayment can be claimed after the final report, or once a "
                            + "report shows that less was used than requisitioned.");
        }
    }

    static void repaymentWithinRequisitioned(ApplicationState state, long amountSek) {
        if (amountSek > state.requisitionedSek() - state.repaymentClaimedSek()) { // no overflow near Long.MAX_VALUE
            throw refuse(
                    ErrorCode.REPAYMENT_EXCEEDS_REQUISITIONED,
                    "Claiming " + amountSek + " SEK would exceed "
                            + "the " + state.requisitionedSek() + " SEK paid out; already claimed "
                            + state.repaymentClaimedSek() + " SEK.");
        }
    }

    static void closable(ApplicationState state) {
        boolean rejected = state.status() == Status.REJECTED;
        boolean reportedInFull = state.status() == Status.GRANTED && state.reportSubmitted(ReportKind.FINAL);
        if (!rejected && !reportedInFull) {
            throw refuse(
                    ErrorCode.APPLICATION_NOT_CLOSABLE,
                    "The application can be closed only after the final report, or after a rejection.");
        }
    }
}
