package se.norrort.consortium.command.signing;

import static se.norrort.consortium.command.domain.CommonRules.describe;
import static se.norrort.consortium.command.domain.CommonRules.refuse;

import java.time.LocalDate;
import java.util.List;
import se.norrort.consortium.api.commands.DelegateSignature;
import se.norrort.consortium.api.commands.RevokeSignatureDelegation;
import se.norrort.consortium.api.commands.SignCooperationForm;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.Role;
import se.norrort.consortium.command.domain.CommonRules;
import se.norrort.consortium.command.domain.DomainRuleViolation;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.model.ApplicationState;
import se.norrort.consortium.model.ApplicationState.Delegation;
import se.norrort.consortium.model.ApplicationState.Membership;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;

/**
 * The signing phase: delegating the signing of a municipality's cooperation form, revoking a delegation, and signing
 * under one. Four eyes: the officer who records a delegation may not name themselves, and only a signatory of the
 * municipality itself signs.
 */
public final class SigningRules {

    /** At most this many delegations per municipality in one application (doc/security.md). */
    public static final int MAX_DELEGATIONS_PER_MUNICIPALITY = 20;

    private SigningRules() {}

    public static void checkDelegation(ApplicationState state, DelegateSignature command, LocalDate today) {
        CommonRules.notClosed(state);
        CommonRules.officerOf(command.actor(), command.municipality());
        CommonRules.beforeSubmission(state);
        takesPart(state, command.municipality());
        newDelegation(state, command);
        CommonRules.quota(
                ErrorCode.DELEGATION_LIMIT_REACHED,
                state.delegationsOf(command.municipality()).size(),
                MAX_DELEGATIONS_PER_MUNICIPALITY,
                "delegations of one municipality in one application");
        fourEyes(command);
        CommonRules.plausibleDecision(command.decision(), command.municipality(), today);
        validUntil(command.validUntil(), today);
    }

    public static void checkRevocation(ApplicationState state, RevokeSignatureDelegation command) {
        CommonRules.notClosed(state);
        CommonRules.officerOf(command.actor(), command.municipality());
        Delegation delegation = delegationOf(state, command.delegationId(), command.municipality());
        notRevoked(delegation);
    }

    /** Checks a signature and answers the delegation it is made under. */
    public static Delegation checkSignature(ApplicationState state, SignCooperationForm command, LocalDate today) {
        CommonRules.notClosed(state);
        CommonRules.beforeSubmission(state);
        Membership membership = CommonRules.joined(state, command.municipality());
        notSigned(membership);
        Delegation delegation = signingDelegation(state, command, today);
        signatoryOf(command.actor(), command.municipality());
        return delegation;
    }

    static void takesPart(ApplicationState state, MunicipalityCode municipality) {
        MembershipStatus status = CommonRules.invited(state, municipality).status();
        if (status == MembershipStatus.DECLINED || status == MembershipStatus.WITHDRAWN) {
            throw refuse(
                    ErrorCode.MUNICIPALITY_NOT_PARTICIPATING,
                    describe(municipality) + " has " + (status == MembershipStatus.DECLINED ? "declined" : "withdrawn")
                            + " and does not take part.");
        }
    }

    static void newDelegation(ApplicationState state, DelegateSignature command) {
        if (state.delegation(command.delegationId()).isPresent()) {
            throw refuse(
                    ErrorCode.DELEGATION_ALREADY_EXISTS,
                    "A delegation with id " + command.delegationId() + " already exists.");
        }
    }

    /**
     * Four eyes: the officer who records a delegation may not name themselves as the delegate, so no one person both
     * records who may sign and signs under it.
     */
    static void fourEyes(DelegateSignature command) {
        if (command.delegate().equals(command.actor().personId())) {
            throw refuse(
                    ErrorCode.SELF_DELEGATION_NOT_ALLOWED,
                    "The officer who records a delegation may not name"
                            + " themselves as the delegate; another officer of " + describe(command.municipality())
                            + " records it.");
        }
    }

    /**
     * Only a signatory of the municipality itself signs its form: a person named in a delegation of Danderyd who
     * signs with a token as signatory of another municipality (or as an officer) is refused.
     */
    static void signatoryOf(Actor actor, MunicipalityCode municipality) {
        if (actor.role() != Role.SIGNATORY || !municipality.equals(actor.municipality())) {
            throw refuse(
                    ErrorCode.NOT_SIGNATORY_OF_MUNICIPALITY,
                    "Only a signatory of " + describe(municipality) + " may sign its cooperation form.");
        }
    }

    static void validUntil(LocalDate validUntil, LocalDate today) {
        if (validUntil != null && validUntil.isBefore(today)) {
            throw refuse(
                    ErrorCode.DELEGATION_VALIDITY_INVALID,
                    "The delegation would be valid only until " + validUntil + ", which has passed.");
        }
    }

    static Delegation delegationOf(ApplicationState state, DelegationId delegationId, MunicipalityCode municipality) {
        return state.delegations().stream()
                .filter(d -> d.delegationId().equals(delegationId)
                        && d.municipality().equals(municipality))
                .findFirst()
                .orElseThrow(() -> refuse(
                        ErrorCode.DELEGATION_NOT_FOUND,
                        describe(municipality) + " has no delegation with id " + delegationId + "."));
    }

    static void notRevoked(Delegation delegation) {
        if (delegation.revoked()) {
            throw refuse(
                    ErrorCode.DELEGATION_REVOKED, "The delegation " + delegation.delegationId() + " has been revoked.");
        }
    }

    static void notSigned(Membership membership) {
        if (membership.signed()) {
            throw refuse(
                    ErrorCode.ALREADY_SIGNED,
                    "The cooperation form of " + describe(membership.municipality()) + " has already been signed.");
        }
    }

    /**
     * Finds the delegation the signatory signs under: the one named in the command, or else the signatory's own
     * usable delegation from that municipality. It must name the signatory, be unrevoked, unexpired and in effect.
     */
    static Delegation signingDelegation(ApplicationState state, SignCooperationForm command, LocalDate today) {
        MunicipalityCode municipality = command.municipality();
        Delegation delegation;
        if (command.delegationId() != null) {
            delegation = delegationOf(state, command.delegationId(), municipality);
        } else {
            List<Delegation> ofMunicipality = state.delegationsOf(municipality);
            if (ofMunicipality.isEmpty()) {
                throw refuse(
                        ErrorCode.DELEGATION_REQUIRED,
                        describe(municipality) + " has delegated the signing of its cooperation form to nobody.");
            }
            List<Delegation> naming = ofMunicipality.stream()
                    .filter(d -> d.delegate().equals(command.actor().personId()))
                    .toList();
            if (naming.isEmpty()) {
                throw notTheDelegate(municipality);
            }
            delegation =
                    naming.stream().filter(d -> d.activeOn(today)).findFirst().orElse(naming.get(0));
        }
        notRevoked(delegation);
        if (delegation.expiredOn(today)) {
            throw refuse(
                    ErrorCode.DELEGATION_EXPIRED,
                    "The delegation " + delegation.delegationId() + " expired on " + delegation.validUntil() + ".");
        }
        if (!delegation.delegate().equals(command.actor().personId())) {
            throw notTheDelegate(municipality);
        }
        DecisionReference decision = delegation.decision();
        if (!decision.immediateAdjustment() && today.isBefore(decision.announcementDate())) {
            // Without immediate adjustment (omedelbar justering) the decision can be acted upon only once the minutes
            // are approved; their announcement on the notice board is the recorded sign of that.
            throw refuse(
                    ErrorCode.DELEGATION_NOT_YET_IN_EFFECT,
                    "The delegation takes effect when the minutes are " + "approved and announced on "
                            + decision.announcementDate() + ".");
        }
        return delegation;
    }

    private static DomainRuleViolation notTheDelegate(MunicipalityCode municipality) {
        return refuse(
                ErrorCode.NOT_THE_DELEGATE,
                "Only a person to whom " + describe(municipality)
                        + " has delegated the signing may sign its cooperation form.");
    }
}
