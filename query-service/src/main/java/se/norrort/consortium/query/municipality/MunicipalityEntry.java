package se.norrort.consortium.query.municipality;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.DocumentKind;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.PersonId;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;
import se.norrort.consortium.query.projection.ApplicationFacts;

/**
 * One application in a municipality's view ({@code applications[<applicationId>]} of a {@link MunicipalityDocument}),
 * as {@link MunicipalityView} folds it and {@link MunicipalityCodec} stores it. A list that is {@code null} is not
 * stored (no event made it yet); an empty one is stored empty.
 *
 * @param applicationId       the application
 * @param signed              whether the municipality signed its cooperation form
 * @param status              where the municipality stands, the domain's word; {@code null} when no event stated it
 *                            or when it is {@code notInvited}
 * @param notInvited          the project owner that did not invite itself: stored as {@code NOT_INVITED}, a word the
 *                            domain does not have (a later invitation does not change it, as before)
 * @param invitedAt           when it was invited (last: invited again after it declined or withdrew, the entry is
 *                            as newly invited); {@code null} if it was not
 * @param reason              why it declined or withdrew (may be {@code null} also then); kept after a later join
 * @param decisionCorrections the corrections of its committee decisions, in order; {@code null} before the first
 * @param decision            the committee decision behind its status (joined, declined, withdrawn; as corrected)
 * @param appealDeadline      the last day to appeal the join decision (set with the join or a correction)
 * @param joinedAt            when it joined
 * @param declinedAt          when it declined
 * @param withdrawnAt         when it withdrew
 * @param delegations         its signing delegations in order; {@code null} until the first, or until it joined and
 *                            had to delegate (the fold stored an empty list then)
 * @param signature           its signature of the cooperation form
 * @param budgetLines         its budget lines, one per year, by year; {@code null} before the first
 * @param budgetTotalSek      their sum, whole kronor
 * @param documents           the documents attached for it (for the owner: also those of no municipality)
 * @param application         the application's facts as of the last event of it the entry reflects; {@code null}
 *                            before any
 * @param position            the global position of the last event of its application the entry reflects
 * @param todo                what it still has to do in this application (as of the fold; {@link
 *                            MunicipalityView#asOf} derives it again for a day); {@code null} when not stored
 */
public record MunicipalityEntry(
        String applicationId,
        boolean signed,
        MembershipStatus status,
        boolean notInvited,
        Instant invitedAt,
        String reason,
        List<Correction> decisionCorrections,
        DecisionReference decision,
        LocalDate appealDeadline,
        Instant joinedAt,
        Instant declinedAt,
        Instant withdrawnAt,
        List<Delegation> delegations,
        Signature signature,
        List<BudgetLine> budgetLines,
        Long budgetTotalSek,
        List<Attachment> documents,
        Application application,
        long position,
        List<Action> todo) {

    public MunicipalityEntry {
        decisionCorrections = copy(decisionCorrections);
        delegations = copy(delegations);
        budgetLines = copy(budgetLines);
        documents = copy(documents);
        todo = copy(todo);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }

    /** The application's title, or {@code null}. */
    public String title() {
        return application == null ? null : application.title();
    }

    /** The municipality's part in the application. */
    public enum Role {
        OWNER,
        MEMBER
    }

    /**
     * A signing delegation's status: {@code ACTIVE} or {@code REVOKED} as stored, {@code EXPIRED} only as served (past
     * its {@code validUntil} on the day of the read). The domain has no word for it ({@code
     * ApplicationState.Delegation} keeps {@code revoked} and answers {@code activeOn(date)}).
     */
    public enum DelegationStatus {
        ACTIVE,
        REVOKED,
        EXPIRED
    }

    /** A thing a municipality still has to do in an application. */
    public enum ToDo {
        /** An invited municipality has not yet joined or declined, and joining is still open. */
        JOIN_OR_DECLINE,
        /** A joined municipality has no active delegation to sign its cooperation form. */
        DELEGATE_SIGNATORY,
        /** A joined municipality's delegate has not yet signed its cooperation form. */
        SIGN_COOPERATION_FORM,
        /** The project owner: every joined municipality has signed, the application can be submitted. */
        SUBMIT_APPLICATION,
        /** The project owner: an interim report the grant requires is not yet submitted. */
        SUBMIT_INTERIM_REPORT,
        /** The project owner: the final report the grant requires is not yet submitted. */
        SUBMIT_FINAL_REPORT
    }

    /** One thing to do, by when ({@code null}: no date). */
    public record Action(ToDo action, LocalDate due) {}

    /** A correction of a committee decision reference. */
    public record Correction(
            String correctedEventType,
            DecisionReference previous,
            DecisionReference corrected,
            String reason,
            Instant correctedAt) {}

    /**
     * A signing delegation.
     *
     * @param revokedAt    when it was revoked, with {@code revokeReason}; {@code null} before
     * @param revokeReason why (may be {@code null})
     */
    public record Delegation(
            DelegationId delegationId,
            PersonId delegate,
            String delegateName,
            String delegateRole,
            String scope,
            LocalDate validUntil,
            DecisionReference decision,
            DelegationStatus status,
            Instant delegatedAt,
            Instant revokedAt,
            String revokeReason) {

        /** This delegation with another status. */
        public Delegation withStatus(DelegationStatus next) {
            return with(decision, next, revokedAt, revokeReason);
        }

        /** This delegation on another (corrected) decision. */
        public Delegation withDecision(DecisionReference corrected) {
            return with(corrected, status, revokedAt, revokeReason);
        }

        /** This delegation revoked. */
        public Delegation revoked(Instant at, String reason) {
            return with(decision, DelegationStatus.REVOKED, at, reason);
        }

        private Delegation with(DecisionReference d, DelegationStatus s, Instant revoked, String why) {
            return new Delegation(
                    delegationId,
                    delegate,
                    delegateName,
                    delegateRole,
                    scope,
                    validUntil,
                    d,
                    s,
                    delegatedAt,
                    revoked,
                    why);
        }

        /** Whether it may be used on {@code today} ({@code null}: as of the fold, no day). */
        public boolean activeOn(LocalDate today) {
            return status == DelegationStatus.ACTIVE
                    && (today == null || validUntil == null || !validUntil.isBefore(today));
        }
    }

    /** The signature of the cooperation form ({@code delegationId} {@code null} when signed without one). */
    public record Signature(
            PersonId signatory,
            String signatoryName,
            String signatoryRole,
            DelegationId delegationId,
            Instant signedAt) {}

    /** A budget line: a year's amount, whole kronor. */
    public record BudgetLine(int year, long amountSek) {}

    /** An attached document. */
    public record Attachment(
            DocumentId documentId, DocumentKind kind, String fileName, String sha256, Instant attachedAt) {}

    /**
     * The application's facts as the entry copies them from {@link ApplicationFacts.Facts} with every event.
     *
     * @param granted     what was granted; {@code null} unless granted
     * @param reports     the reports the grant requires; {@code null} unless granted
     * @param rejected    the rejection; {@code null} unless rejected
     * @param consortium  the consortium's counts, for the owner only ({@code null} for a member)
     */
    public record Application(
            String title,
            MunicipalityCode owner,
            String ownerName,
            Role role,
            String funder,
            LegalBasis legalBasis,
            LocalDate periodStart,
            LocalDate periodEnd,
            LocalDate joiningDeadline,
            boolean joiningClosed,
            Long appliedAmountSek,
            Status applicationStatus,
            Instant submittedAt,
            Granted granted,
            List<ApplicationFacts.Report> reports,
            Rejected rejected,
            ApplicationFacts.Counts consortium) {

        public Application {
            reports = reports == null ? null : List.copyOf(reports);
        }
    }

    /** What the funder granted. */
    public record Granted(
            Long amountSek, Long appliedAmountSek, String caseNumber, LocalDate decisionDate, String conditions) {}

    /** The funder's rejection. */
    public record Rejected(String caseNumber, LocalDate decisionDate, String reason) {}
}
