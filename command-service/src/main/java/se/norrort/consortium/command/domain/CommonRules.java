package se.norrort.consortium.command.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Objects;
import java.util.stream.Collectors;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.Municipalities;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.api.values.Role;
import se.norrort.consortium.model.ApplicationState;
import se.norrort.consortium.model.ApplicationState.Membership;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;

/**
 * The rules every phase shares: where the application is (not closed, not yet submitted), who acts (an officer of a
 * municipality, of the project owner, of the funder), which municipalities count, whether a committee decision is
 * plausible, whether a named document is attached, amounts and quotas; and how a refusal names municipalities. Each check reads an {@link ApplicationState} and the command's values and throws a
 * {@link DomainRuleViolation} with a stable {@link ErrorCode}; none changes anything. The phases' own rules
 * ({@code OpeningRules}, {@code MembershipRules}, {@code SigningRules}, {@code SubmissionRules},
 * {@code DocumentRules}, {@code FundingDecisionRules}, {@code FollowUpRules}) are built from these.
 */
public final class CommonRules {

    private CommonRules() {}

    // --- where the application is

    public static void notClosed(ApplicationState state) {
        if (state.status() == Status.CLOSED) {
            throw refuse(ErrorCode.APPLICATION_CLOSED, "The application is closed; nothing can change any more.");
        }
    }

    public static void beforeSubmission(ApplicationState state) {
        if (!state.beforeSubmission()) {
            throw refuse(
                    ErrorCode.APPLICATION_ALREADY_SUBMITTED,
                    "The application has already been submitted; this is only possible before submission.");
        }
    }

    // --- who acts

    public static void officerOf(Actor actor, MunicipalityCode municipality) {
        if (!actor.actsAsOfficerFor(municipality)) {
            throw refuse(
                    ErrorCode.NOT_OFFICER_OF_MUNICIPALITY,
                    "Only an officer of " + describe(municipality) + " may act for " + describe(municipality) + ".");
        }
    }

    public static void projectOwner(ApplicationState state, Actor actor) {
        if (!actor.actsAsOfficerFor(state.ownerMunicipality())) {
            throw refuse(
                    ErrorCode.NOT_PROJECT_OWNER,
                    "Only an officer of the project owner, " + describe(state.ownerMunicipality()) + ", may do this.");
        }
    }

    public static void funder(Actor actor) {
        if (actor.role() != Role.FUNDER_OFFICER) {
            throw refuse(ErrorCode.NOT_FUNDER, "Only an officer of the funder may do this.");
        }
    }

    public static void funderOrProjectOwner(ApplicationState state, Actor actor) {
        if (actor.role() != Role.FUNDER_OFFICER) {
            projectOwner(state, actor);
        }
    }

    // --- municipalities

    public static void koordinationNorrort(MunicipalityCode municipality) {
        if (!Municipalities.isKoordinationNorrort(municipality)) {
            throw refuse(
                    ErrorCode.NOT_CONSORTIUM_MUNICIPALITY,
                    "Municipality " + municipality + " is not one of the 15 Koordination Norrort municipalities.");
        }
    }

    public static Membership invited(ApplicationState state, MunicipalityCode municipality) {
        return state.membership(municipality)
                .orElseThrow(() -> refuse(
                        ErrorCode.MUNICIPALITY_NOT_INVITED,
                        describe(municipality) + " has not been invited to this application."));
    }

    public static Membership joined(ApplicationState state, MunicipalityCode municipality) {
        Membership membership = state.membership(municipality).orElse(null);
        if (membership == null || membership.status() != MembershipStatus.JOINED) {
            throw refuse(
                    ErrorCode.MUNICIPALITY_NOT_JOINED, describe(municipality) + " has not joined the application.");
        }
        return membership;
    }

    // --- committee decisions

    /**
     * A decision reference must be complete and plausible: of the acting municipality, with a paragraph number, a
     * meeting not in the future, and an announcement not before the meeting.
     */
    public static void plausibleDecision(DecisionReference decision, MunicipalityCode municipality, LocalDate today) {
        if (!decision.municipality().equals(municipality)) {
            throw refuse(
                    ErrorCode.DECISION_REFERENCE_INVALID,
                    "The decision reference is a decision of " + describe(decision.municipality()) + ", not of "
                            + describe(municipality) + ".");
        }
        if (!decision.paragraph().matches(".*\\d.*")) {
            throw refuse(
                    ErrorCode.DECISION_REFERENCE_INVALID,
                    "The decision reference must name the paragraph of the minutes, e.g. \"§ 45\".");
        }
        if (decision.meetingDate().isAfter(today)) {
            throw refuse(
                    ErrorCode.MEETING_DATE_IN_FUTURE,
                    "The meeting date " + decision.meetingDate() + " of the decision is in the future.");
        }
        if (decision.announcementDate().isBefore(decision.meetingDate())) {
            throw refuse(
                    ErrorCode.DECISION_REFERENCE_INVALID,
                    "The announcement date " + decision.announcementDate() + " is before the meeting date "
                            + decision.meetingDate() + ".");
        }
    }

    // --- documents

    /** A document a report names must be attached; {@code null} names none. */
    public static void documentAttached(ApplicationState state, DocumentId documentId) {
        if (documentId != null && !state.hasDocument(documentId)) {
            throw refuse(ErrorCode.DOCUMENT_NOT_FOUND, "No document with id " + documentId + " is attached.");
        }
    }

    // --- amounts and quotas

    public static void positive(long amountSek, String what) {
        if (amountSek <= 0) {
            throw refuse(ErrorCode.AMOUNT_INVALID, what + " must be a whole number of kronor greater than zero.");
        }
    }

    public static void notNegative(long amountSek, String what) {
        if (amountSek < 0) {
            throw refuse(ErrorCode.AMOUNT_INVALID, what + " must be a whole number of kronor, not negative.");
        }
    }

    /**
     * Quotas bound what one application (and the views that copy it) can grow to; see doc/security.md. Each limit
     * refuses with its own {@code code} ({@link ErrorCode#DOCUMENT_LIMIT_REACHED},
     * {@link ErrorCode#DELEGATION_LIMIT_REACHED}), so a client can tell which one it hit.
     */
    public static void quota(ErrorCode code, int count, int max, String what) {
        if (count >= max) {
            throw refuse(code, "At most " + max + " " + what + " are allowed.");
        }
    }

    // --- wording of refusals

    public static String describe(MunicipalityCode municipality) {
        return Municipalities.byCode(municipality)
                .map(m -> m.officialName() + " (" + municipality + ")")
                .orElse("municipality " + municipality);
    }

    public static String describeAll(Collection<MunicipalityCode> municipalities) {
        return municipalities.stream().map(CommonRules::describe).collect(Collectors.joining(", "));
    }

    public static String describe(ReportKind kind) {
        return kind == ReportKind.INTERIM ? "interim report" : "final report";
    }

    public static DomainRuleViolation refuse(ErrorCode code, String message) {
        return new DomainRuleViolation(code, Objects.requireNonNull(message));
    }
}
