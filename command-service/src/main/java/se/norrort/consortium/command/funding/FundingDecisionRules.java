package se.norrort.consortium.command.funding;

import static se.norrort.consortium.command.domain.CommonRules.refuse;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import se.norrort.consortium.api.commands.GrantAward;
import se.norrort.consortium.api.commands.RejectApplication;
import se.norrort.consortium.api.values.ReportDueDate;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.command.domain.CommonRules;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.model.ApplicationState;
import se.norrort.consortium.model.ApplicationState.Status;

/**
 * The funder's decision: only the funder's officers decide, once, on a submitted application; a grant is at most the
 * applied amount and sets the reports it requires.
 */
public final class FundingDecisionRules {

    private FundingDecisionRules() {}

    public static void checkGrant(ApplicationState state, GrantAward command, LocalDate today) {
        CommonRules.notClosed(state);
        CommonRules.funder(command.actor());
        submitted(state);
        CommonRules.positive(command.amountSek(), "The granted amount");
        withinApplied(state, command.amountSek());
        decisionDateNotInFuture(command.decisionDate(), today);
        reportDueDates(command.reportDueDates(), command.decisionDate());
    }

    public static void checkRejection(ApplicationState state, RejectApplication command, LocalDate today) {
        CommonRules.notClosed(state);
        CommonRules.funder(command.actor());
        submitted(state);
        decisionDateNotInFuture(command.decisionDate(), today);
    }

    static void submitted(ApplicationState state) {
        if (state.status() == Status.GRANTED || state.status() == Status.REJECTED) {
            throw refuse(ErrorCode.FUNDING_ALREADY_DECIDED, "The funder has already decided on this application.");
        }
        if (state.status() != Status.SUBMITTED) {
            throw refuse(ErrorCode.APPLICATION_NOT_SUBMITTED, "The application has not been submitted to the funder.");
        }
    }

    static void withinApplied(ApplicationState state, long amountSek) {
        if (amountSek > state.appliedAmountSek()) {
            throw refuse(
                    ErrorCode.GRANT_EXCEEDS_APPLIED,
                    "The granted amount " + amountSek + " SEK exceeds the applied amount " + state.appliedAmountSek()
                            + " SEK.");
        }
    }

    static void decisionDateNotInFuture(LocalDate decisionDate, LocalDate today) {
        if (decisionDate.isAfter(today)) {
            throw refuse(ErrorCode.DECISION_DATE_IN_FUTURE, "The decision date " + decisionDate + " is in the future.");
        }
    }

    /** Exactly one final report, at most one interim report before it, all due after the decision. */
    static void reportDueDates(List<ReportDueDate> dueDates, LocalDate decisionDate) {
        List<ReportDueDate> finals = ofKind(dueDates, ReportKind.FINAL);
        List<ReportDueDate> interims = ofKind(dueDates, ReportKind.INTERIM);
        if (finals.size() != 1 || interims.size() > 1) {
            throw refuse(
                    ErrorCode.REPORT_DUE_DATES_INVALID,
                    "A grant requires exactly one final report and at most one interim report.");
        }
        if (dueDates.stream().anyMatch(due -> !due.dueDate().isAfter(decisionDate))) {
            throw refuse(ErrorCode.REPORT_DUE_DATES_INVALID, "Reports must be due after the decision date.");
        }
        if (!interims.isEmpty()
                && !interims.get(0).dueDate().isBefore(finals.get(0).dueDate())) {
            throw refuse(ErrorCode.REPORT_DUE_DATES_INVALID, "The interim report must be due before the final report.");
        }
    }

    private static List<ReportDueDate> ofKind(Collection<ReportDueDate> dueDates, ReportKind kind) {
        return dueDates.stream().filter(due -> due.report() == kind).toList();
    }
}
