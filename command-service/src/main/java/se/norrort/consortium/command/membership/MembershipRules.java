package se.norrort.consortium.command.membership;

import static se.norrort.consortium.command.domain.CommonRules.describe;
import static se.norrort.consortium.command.domain.CommonRules.refuse;

import java.time.LocalDate;
import se.norrort.consortium.api.commands.CorrectDecisionReference;
import se.norrort.consortium.api.commands.DeclineParticipation;
import se.norrort.consortium.api.commands.InviteMunicipality;
import se.norrort.consortium.api.commands.JoinApplication;
import se.norrort.consortium.api.commands.WithdrawFromApplication;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.command.domain.CommonRules;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.model.ApplicationState;
import se.norrort.consortium.model.ApplicationState.Membership;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;

/**
 * The membership phase: who may be invited, join, decline, withdraw, or correct the decision recorded at joining,
 * and what a committee decision reference must look like. Each {@code check...} refuses a command that breaks a
 * rule, in the order the rules are listed; it changes nothing.
 */
public final class MembershipRules {

    private MembershipRules() {}

    public static void checkInvite(ApplicationState state, InviteMunicipality command, LocalDate today) {
        CommonRules.notClosed(state);
        CommonRules.projectOwner(state, command.actor());
        CommonRules.beforeSubmission(state);
        joiningOpen(state, today);
        CommonRules.koordinationNorrort(command.municipality());
        invitable(state, command.municipality());
    }

    public static void checkJoin(ApplicationState state, JoinApplication command, LocalDate today) {
        CommonRules.notClosed(state);
        CommonRules.officerOf(command.actor(), command.municipality());
        CommonRules.beforeSubmission(state);
        joiningOpen(state, today);
        mayJoin(state, command.municipality());
        CommonRules.plausibleDecision(command.decision(), command.municipality(), today);
    }

    public static void checkDecline(ApplicationState state, DeclineParticipation command, LocalDate today) {
        CommonRules.notClosed(state);
        CommonRules.officerOf(command.actor(), command.municipality());
        CommonRules.beforeSubmission(state);
        mayDecline(state, command.municipality());
        if (command.decision() != null) {
            CommonRules.plausibleDecision(command.decision(), command.municipality(), today);
        }
    }

    public static void checkWithdraw(ApplicationState state, WithdrawFromApplication command, LocalDate today) {
        CommonRules.notClosed(state);
        CommonRules.officerOf(command.actor(), command.municipality());
        CommonRules.beforeSubmission(state);
        CommonRules.joined(state, command.municipality());
        if (command.decision() != null) {
            CommonRules.plausibleDecision(command.decision(), command.municipality(), today);
        }
    }

    /** Checks a correction and answers the membership whose recorded reference it corrects. */
    public static Membership checkCorrection(
            ApplicationState state, CorrectDecisionReference command, LocalDate today) {
        CommonRules.notClosed(state);
        CommonRules.officerOf(command.actor(), command.municipality());
        Membership membership = CommonRules.joined(state, command.municipality());
        corrects(membership, command.correctedReference(), command.newReference());
        CommonRules.plausibleDecision(command.newReference(), command.municipality(), today);
        return membership;
    }

    static void joiningOpen(ApplicationState state, LocalDate today) {
        if (state.status() == Status.JOINING_CLOSED || today.isAfter(state.joiningDeadline())) {
            throw refuse(
                    ErrorCode.JOINING_DEADLINE_PASSED,
                    "The joining deadline " + state.joiningDeadline() + " has passed.");
        }
    }

    static void invitable(ApplicationState state, MunicipalityCode municipality) {
        MembershipStatus status = state.membershipStatus(municipality).orElse(null);
        if (status == MembershipStatus.INVITED) {
            throw refuse(ErrorCode.MUNICIPALITY_ALREADY_INVITED, describe(municipality) + " is already invited.");
        }
        if (status == MembershipStatus.JOINED) {
            throw refuse(ErrorCode.MUNICIPALITY_ALREADY_JOINED, describe(municipality) + " has already joined.");
        }
    }

    static void mayJoin(ApplicationState state, MunicipalityCode municipality) {
        switch (CommonRules.invited(state, municipality).status()) {
            case JOINED ->
                throw refuse(ErrorCode.MUNICIPALITY_ALREADY_JOINED, describe(municipality) + " has already joined.");
            case WITHDRAWN ->
                throw refuse(
                        ErrorCode.MUNICIPALITY_WITHDREW,
                        describe(municipality)
                                + " has withdrawn; the project owner must invite it again before it can rejoin.");
            case INVITED, DECLINED -> {
                // an invited municipality joins; one that declined may reconsider by a new decision
            }
        }
    }

    static void mayDecline(ApplicationState state, MunicipalityCode municipality) {
        switch (CommonRules.invited(state, municipality).status()) {
            case JOINED ->
                throw refuse(
                        ErrorCode.MUNICIPALITY_ALREADY_JOINED,
                        describe(municipality) + " has joined; it can withdraw, but not decline.");
            case DECLINED ->
                throw refuse(
                        ErrorCode.MUNICIPALITY_ALREADY_DECLINED, describe(municipality) + " has already declined.");
            case WITHDRAWN ->
                throw refuse(
                        ErrorCode.MUNICIPALITY_NOT_PARTICIPATING, describe(municipality) + " has already withdrawn.");
            case INVITED -> {
                // an invited municipality may decline
            }
        }
    }

    static void corrects(Membership membership, DecisionReference corrected, DecisionReference replacement) {
        if (!corrected.equals(membership.decision())) {
            throw refuse(
                    ErrorCode.DECISION_REFERENCE_MISMATCH,
                    "The reference to correct is not the one recorded for " + describe(membership.municipality())
                            + ".");
        }
        if (replacement.equals(membership.decision())) {
            throw refuse(
                    ErrorCode.DECISION_REFERENCE_UNCHANGED,
                    "The new decision reference is the same as the recorded one; there is nothing to correct.");
        }
    }
}
