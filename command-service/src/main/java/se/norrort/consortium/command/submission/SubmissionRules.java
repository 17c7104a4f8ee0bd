package se.norrort.consortium.command.submission;

import static se.norrort.consortium.command.domain.CommonRules.describe;
import static se.norrort.consortium.command.domain.CommonRules.describeAll;
import static se.norrort.consortium.command.domain.CommonRules.refuse;

import java.util.List;
import se.norrort.consortium.api.commands.SetBudgetLine;
import se.norrort.consortium.api.commands.SubmitApplication;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.command.domain.CommonRules;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.model.ApplicationState;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;

/**
 * Preparing and submitting: budget lines of joined municipalities within the project period, and a submission by the
 * project owner once it has joined, enough municipalities take part and every one of them has signed.
 */
public final class SubmissionRules {

    /** A consortium needs at least this many participating municipalities. */
    public static final int MINIMUM_PARTICIPANTS = 2;

    private SubmissionRules() {}

    public static void checkBudgetLine(ApplicationState state, SetBudgetLine command) {
        CommonRules.notClosed(state);
        CommonRules.officerOf(command.actor(), command.municipality());
        CommonRules.beforeSubmission(state);
        CommonRules.joined(state, command.municipality());
        CommonRules.notNegative(command.amountSek(), "A budget line");
        yearWithinPeriod(state, command.year());
    }

    public static void checkSubmission(ApplicationState state, SubmitApplication command) {
        CommonRules.notClosed(state);
        CommonRules.projectOwner(state, command.actor());
        CommonRules.beforeSubmission(state);
        ownerJoined(state);
        enoughParticipants(state);
        allSigned(state);
    }

    static void yearWithinPeriod(ApplicationState state, int year) {
        if (year < state.periodStart().getYear() || year > state.periodEnd().getYear()) {
            throw refuse(
                    ErrorCode.BUDGET_YEAR_OUTSIDE_PERIOD,
                    "The year " + year + " is outside the project period " + state.periodStart() + " to "
                            + state.periodEnd() + ".");
        }
    }

    static void ownerJoined(ApplicationState state) {
        if (state.membershipStatus(state.ownerMunicipality()).orElse(null) != MembershipStatus.JOINED) {
            throw refuse(
                    ErrorCode.OWNER_NOT_JOINED,
                    "The project owner, " + describe(state.ownerMunicipality())
                            + ", must itself join before submitting.");
        }
    }

    static void enoughParticipants(ApplicationState state) {
        int participants = state.municipalitiesWith(MembershipStatus.JOINED).size();
        if (participants < MINIMUM_PARTICIPANTS) {
            throw refuse(
                    ErrorCode.TOO_FEW_PARTICIPANTS,
                    "A consortium application needs at least " + MINIMUM_PARTICIPANTS
                            + " participating municipalities, but " + participants + " joined.");
        }
    }

    static void allSigned(ApplicationState state) {
        List<MunicipalityCode> unsigned = state.joinedButUnsigned();
        if (!unsigned.isEmpty()) {
            throw refuse(
                    ErrorCode.NOT_ALL_SIGNED,
                    "Every participating municipality must sign its cooperation form first; not yet signed: "
                            + describeAll(unsigned) + ".");
        }
    }
}
