package se.norrort.consortium.command.aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import se.norrort.consortium.api.MetadataKeys;
import org.axonframework.spring.stereotype.Aggregate;
import se.norrort.consortium.api.commands.AttachDocument;
import se.norrort.consortium.api.commands.ClaimRepayment;
import se.norrort.consortium.api.commands.CloseApplication;
import se.norrort.consortium.api.commands.CorrectDecisionReference;
import se.norrort.consortium.api.commands.DeclineParticipation;
import se.norrort.consortium.api.commands.DelegateSignature;
import se.norrort.consortium.api.commands.GrantAward;
import se.norrort.consortium.api.commands.InviteMunicipality;
import se.norrort.consortium.api.commands.JoinApplication;
import se.norrort.consortium.api.commands.OpenApplication;
import se.norrort.consortium.api.commands.RejectApplication;
import se.norrort.consortium.api.commands.RequisitionFunds;
import se.norrort.consortium.api.commands.RevokeSignatureDelegation;
import se.norrort.consortium.api.commands.SetBudgetLine;
import se.norrort.consortium.api.commands.SignCooperationForm;
import se.norrort.consortium.api.commands.SubmitApplication;
import se.norrort.consortium.api.commands.SubmitFinalReport;
import se.norrort.consortium.api.commands.SubmitInterimReport;
import se.norrort.consortium.api.commands.WithdrawFromApplication;
import se.norrort.consortium.api.events.ApplicationClosed;
import se.norrort.consortium.api.events.ApplicationOpened;
import se.norrort.consortium.api.events.ApplicationRejected;
import se.norrort.consortium.api.events.ApplicationSubmitted;
import se.norrort.consortium.api.events.AwardGranted;
import se.norrort.consortium.api.events.BudgetLineSet;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.CooperationFormSigned;
import se.norrort.consortium.api.events.DecisionReferenceCorrected;
import se.norrort.consortium.api.events.DocumentAttached;
import se.norrort.consortium.api.events.FinalReportSubmitted;
import se.norrort.consortium.api.events.FundsRequisitioned;
import se.norrort.consortium.api.events.InterimReportSubmitted;
import se.norrort.consortium.api.events.JoiningClosed;
import se.norrort.consortium.api.events.MunicipalityInvited;
import se.norrort.consortium.api.events.MunicipalityJoined;
import se.norrort.consortium.api.events.MunicipalityWithdrew;
import se.norrort.consortium.api.events.ParticipationDeclined;
import se.norrort.consortium.api.events.RepaymentClaimed;
import se.norrort.consortium.api.events.ReportOverdue;
import se.norrort.consortium.api.events.SignatureDelegated;
import se.norrort.consortium.api.events.SignatureDelegationRevoked;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.Municipalities;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.ReportDueDate;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.api.values.Role;
import se.norrort.consortium.model.ApplicationState.Delegation;
import se.norrort.consortium.model.ApplicationState.Membership;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;
import se.norrort.consortium.command.domain.DomainRuleViolation;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.model.ApplicationState;

/**
 * A consortium application: one joint application by several municipalities for a funding call, from opening via
 * the municipalities' decisions, delegations and signatures to submission, the funder's decision and the follow-up.
 * <p>
 * Each command handler checks the rules with small named guards that throw {@link DomainRuleViolation}, then applies
 * events. The single event sourcing handler only folds events into {@link ApplicationState}. "Today" comes from an
 * injected {@link Clock} and is a date in Europe/Stockholm; deadlines are scheduled with the injected
 * {@link DeadlineManager} for the start of the day after the deadline date.
 * <p>
 * Snapshots serialize the aggregate with the store's Jackson serializer; Jackson reads and writes its fields directly.
 */
@Aggregate(snapshotTriggerDefinition = "applicationSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class ConsortiumApplication {

    /** Business dates are dates in this zone. */
    public static final ZoneId BUSINESS_ZONE = ZoneId.of("Europe/Stockholm");
    /** Name of the deadline that closes joining; no payload. */
    public static final String JOINING_DEADLINE = "joining-deadline";
    /** Name of the deadline for a required report; the payload is its {@link ReportDueDate}. */
    public static final String REPORT_DUE = "report-due";
    /** A consortium needs at least this many participating municipalities. */
    public static final int MINIMUM_PARTICIPANTS = 2;

    @AggregateIdentifier
    private ApplicationId applicationId;
    private ApplicationState state = new ApplicationState();

    /** For Axon, to rebuild the aggregate from its events. */
    protected ConsortiumApplication() {
    }

    @CommandHandler
    public ConsortiumApplication(OpenApplication command, Clock clock, DeadlineManager deadlineManager) {
        LocalDate today = today(clock);
        ensureKoordinationNorrort(command.ownerMunicipality());
        ensureOfficerOf(command.actor(), command.ownerMunicipality());
        command.invitedMunicipalities().forEach(ConsortiumApplication::ensureKoordinationNorrort);
        ensurePositive(command.appliedAmountSek(), "The applied amount");
        ensurePeriod(command.periodStart(), command.periodEnd());
        ensureJoiningDeadline(command.joiningDeadline(), command.periodEnd(), today);

        List<MunicipalityCode> invited = Stream.concat(command.invitedMunicipalities().stream(),
                Stream.of(command.ownerMunicipality())).distinct().sorted().toList();
        apply(new ApplicationOpened(command.applicationId(), command.ownerMunicipality(), command.legalBasis(),
                command.funderName(), command.title(), command.targetGroups(), command.periodStart(),
                command.periodEnd(), command.joiningDeadline(), command.appliedAmountSek(), invited));
        deadlineManager.schedule(startOfDayAfter(command.joiningDeadline()), JOINING_DEADLINE);
    }

    // --- membership

    @CommandHandler
    public void handle(InviteMunicipality command, Clock clock) {
        ensureNotClosed();
        ensureProjectOwner(command.actor());
        ensureBeforeSubmission();
        ensureJoiningOpen(today(clock));
        ensureKoordinationNorrort(command.municipality());
        ensureInvitable(command.municipality());
        apply(new MunicipalityInvited(applicationId, command.municipality()));
    }

    @CommandHandler
    public void handle(JoinApplication command, Clock clock) {
        LocalDate today = today(clock);
        ensureNotClosed();
        ensureOfficerOf(command.actor(), command.municipality());
        ensureBeforeSubmission();
        ensureJoiningOpen(today);
        ensureMayJoin(command.municipality());
        ensurePlausibleDecision(command.decision(), command.municipality(), today);
        apply(new MunicipalityJoined(applicationId, command.municipality(), command.decision(),
                command.decision().appealDeadline()));
    }

    @CommandHandler
    public void handle(DeclineParticipation command, Clock clock) {
        ensureNotClosed();
        ensureOfficerOf(command.actor(), command.municipality());
        ensureBeforeSubmission();
        ensureMayDecline(command.municipality());
        if (command.decision() != null) {
            ensurePlausibleDecision(command.decision(), command.municipality(), today(clock));
        }
        apply(new ParticipationDeclined(applicationId, command.municipality(), command.reason(),
                command.decision()));
    }

    @CommandHandler
    public void handle(WithdrawFromApplication command, Clock clock) {
        ensureNotClosed();
        ensureOfficerOf(command.actor(), command.municipality());
        ensureBeforeSubmission();
        ensureJoined(command.municipality());
        if (command.decision() != null) {
            ensurePlausibleDecision(command.decision(), command.municipality(), today(clock));
        }
        apply(new MunicipalityWithdrew(applicationId, command.municipality(), command.reason(),
                command.decision()));
    }

    @CommandHandler
    public void handle(CorrectDecisionReference command, Clock clock) {
        ensureNotClosed();
        ensureOfficerOf(command.actor(), command.municipality());
        Membership membership = ensureJoined(command.municipality());
        ensureCorrects(membership, command.correctedReference(), command.newReference());
        ensurePlausibleDecision(command.newReference(), command.municipality(), today(clock));
        apply(new DecisionReferenceCorrected(applicationId, command.municipality(), "MunicipalityJoined",
                membership.decision(), command.newReference(), command.newReference().appealDeadline(),
                command.reason()));
    }

    // --- delegation and signing

    @CommandHandler
    public void handle(DelegateSignature command, Clock clock) {
        LocalDate today = today(clock);
        ensureNotClosed();
        ensureOfficerOf(command.actor(), command.municipality());
        ensureBeforeSubmission();
        ensureTakesPart(command.municipality());
        ensureNewDelegation(command);
        ensureQuota(state.delegationsOf(command.municipality()).size(), MAX_DELEGATIONS_PER_MUNICIPALITY,
                "delegations of one municipality in one application");
        ensureFourEyes(command);
        ensurePlausibleDecision(command.decision(), command.municipality(), today);
        ensureValidUntil(command.validUntil(), today);
        apply(new SignatureDelegated(applicationId, command.delegationId(), command.municipality(),
                command.decision(), command.delegate(), command.delegateName(), command.delegateRole(),
                command.scope(), command.validUntil()));
    }

    @CommandHandler
    public void handle(RevokeSignatureDelegation command) {
        ensureNotClosed();
        ensureOfficerOf(command.actor(), command.municipality());
        Delegation delegation = ensureDelegationOf(command.delegationId(), command.municipality());
        ensureNotRevoked(delegation);
        apply(new SignatureDelegationRevoked(applicationId, command.delegationId(), command.municipality(),
                command.reason()));
    }

    @CommandHandler
    public void handle(SignCooperationForm command, Clock clock) {
        LocalDate today = today(clock);
        ensureNotClosed();
        ensureBeforeSubmission();
        Membership membership = ensureJoined(command.municipality());
        ensureNotSigned(membership);
        Delegation delegation = ensureSigningDelegation(command, today);
        ensureSignatoryOf(command.actor(), command.municipality());
        apply(new CooperationFormSigned(applicationId, command.municipality(), delegation.delegate(),
                delegation.delegateName(), delegation.delegateRole(), delegation.delegationId()));
    }

    // --- preparing and submitting

    @CommandHandler
    public void handle(SetBudgetLine command) {
        ensureNotClosed();
        ensureOfficerOf(command.actor(), command.municipality());
        ensureBeforeSubmission();
        ensureJoined(command.municipality());
        ensureNotNegative(command.amountSek(), "A budget line");
        ensureYearWithinPeriod(command.year());
        apply(new BudgetLineSet(applicationId, command.municipality(), command.year(), command.amountSek()));
    }

    @CommandHandler
    public void handle(AttachDocument command) {
        ensureNotClosed();
        ensureMayAttach(command.actor(), command.municipality());
        ensureNewDocument(command.documentId());
        ensureQuota(state.documents().size(), MAX_DOCUMENTS, "documents attached to one application");
        apply(new DocumentAttached(applicationId, command.documentId(), command.kind(), command.municipality(),
                command.fileName(), command.mediaType(), command.sizeBytes(), command.sha256()));
    }

    @CommandHandler
    public void handle(SubmitApplication command) {
        ensureNotClosed();
        ensureProjectOwner(command.actor());
        ensureBeforeSubmission();
        ensureOwnerJoined();
        ensureEnoughParticipants();
        ensureAllSigned();
        apply(new ApplicationSubmitted(applicationId, state.appliedAmountSek(),
                state.municipalitiesWith(MembershipStatus.JOINED).stream().sorted().toList(),
                state.municipalitiesWith(MembershipStatus.JOINED).size(),
                state.municipalitiesWith(MembershipStatus.DECLINED).size(),
                state.municipalitiesWith(MembershipStatus.WITHDRAWN).size(),
                state.municipalitiesWith(MembershipStatus.INVITED).size()));
    }

    // --- the funder's decision

    @CommandHandler
    public void handle(GrantAward command, Clock clock, DeadlineManager deadlineManager) {
        ensureNotClosed();
        ensureFunder(command.actor());
        ensureSubmitted();
        ensurePositive(command.amountSek(), "The granted amount");
        ensureWithinApplied(command.amountSek());
        ensureDecisionDateNotInFuture(command.decisionDate(), today(clock));
        ensureReportDueDates(command.reportDueDates(), command.decisionDate());
        apply(new AwardGranted(applicationId, command.amountSek(), state.appliedAmountSek(), command.caseNumber(),
                command.decisionDate(), command.conditions(), command.reportDueDates()));
        for (ReportDueDate due : command.reportDueDates()) {
            deadlineManager.schedule(startOfDayAfter(due.dueDate()), REPORT_DUE, due);
        }
    }

    @CommandHandler
    public void handle(RejectApplication command, Clock clock) {
        ensureNotClosed();
        ensureFunder(command.actor());
        ensureSubmitted();
        ensureDecisionDateNotInFuture(command.decisionDate(), today(clock));
        apply(new ApplicationRejected(applicationId, command.caseNumber(), command.decisionDate(),
                command.reason()));
    }

    // --- after the grant

    @CommandHandler
    public void handle(RequisitionFunds command) {
        ensureNotClosed();
        ensureProjectOwner(command.actor());
        ensureGranted("Funds can be requisitioned");
        ensureReportNotSubmitted(ReportKind.FINAL, "Funds can no longer be requisitioned");
        ensurePositive(command.amountSek(), "A requisition");
        ensureRequisitionWithinGrant(command.amountSek());
        apply(new FundsRequisitioned(applicationId, command.amountSek(),
                state.requisitionedSek() + command.amountSek()));
    }

    @CommandHandler
    public void handle(SubmitInterimReport command) {
        ensureNotClosed();
        ensureProjectOwner(command.actor());
        ensureGranted("An interim report can be submitted");
        ensureReportRequired(ReportKind.INTERIM);
        ensureReportNotYetSubmitted(ReportKind.INTERIM);
        ensureNotNegative(command.usedAmountSek(), "The used amount");
        ensureDocumentExists(command.reportDocument());
        apply(new InterimReportSubmitted(applicationId, dueDateOf(ReportKind.INTERIM), command.usedAmountSek(),
                command.reportDocument()));
    }

    @CommandHandler
    public void handle(SubmitFinalReport command) {
        ensureNotClosed();
        ensureProjectOwner(command.actor());
        ensureGranted("The final report can be submitted");
        ensureReportRequired(ReportKind.FINAL);
        ensureReportNotYetSubmitted(ReportKind.FINAL);
        ensureInterimReportFirst();
        ensureNotNegative(command.usedAmountSek(), "The used amount");
        ensureDocumentExists(command.reportDocument());
        apply(new FinalReportSubmitted(applicationId, dueDateOf(ReportKind.FINAL), command.usedAmountSek(),
                command.reportDocument()));
    }

    @CommandHandler
    public void handle(ClaimRepayment command) {
        ensureNotClosed();
        ensureFunder(command.actor());
        ensureGranted("Repayment can be claimed");
        ensureRepaymentDue();
        ensurePositive(command.amountSek(), "A repayment claim");
        ensureRepaymentWithinRequisitioned(command.amountSek());
        apply(new RepaymentClaimed(applicationId, command.amountSek(),
                state.repaymentClaimedSek() + command.amountSek(), command.reason()));
    }

    @CommandHandler
    public void handle(CloseApplication command) {
        ensureNotClosed();
        ensureFunderOrProjectOwner(command.actor());
        ensureClosable();
        apply(new ApplicationClosed(applicationId, command.reason()));
    }

    // --- deadlines

    /** The joining deadline passed: close joining, unless the application has moved on already. */
    @DeadlineHandler(deadlineName = JOINING_DEADLINE)
    public void onJoiningDeadline() {
        if (state.status() == Status.OPEN) {
            apply(new JoiningClosed(applicationId, state.joiningDeadline(),
                    state.municipalitiesWith(MembershipStatus.JOINED).size()));
        }
    }

    /** A report's due date passed: record it as overdue, unless it was submitted. */
    @DeadlineHandler(deadlineName = REPORT_DUE)
    public void onReportDue(ReportDueDate due) {
        if (state.status() == Status.GRANTED && !state.reportSubmitted(due.report())) {
            apply(new ReportOverdue(applicationId, due.report(), due.dueDate()));
        }
    }

    // --- state

    @EventSourcingHandler
    void on(ConsortiumEvent event) {
        if (event instanceof ApplicationOpened opened) {
            applicationId = opened.applicationId();
        }
        state.evolve(event);
    }

    /** The current state, read-only by convention (for tests and diagnostics). */
    ApplicationState state() {
        return state;
    }

    /**
     * A command sent with {@code If-Match} (see {@link MetadataKeys#EXPECTED_VERSION}) is decided only on the version
     * its sender saw: if any event was recorded since, it is refused before its handler runs. Two senders that saw
     * the same version both pass here; the event store's optimistic concurrency then lets only one of them append.
     */
    @CommandHandlerInterceptor
    public void ensureExpectedVersion(CommandMessage<?> command) {
        Object expected = command.getMetaData().get(MetadataKeys.EXPECTED_VERSION);
        if (expected == null) {
            return;
        }
        Long current = AggregateLifecycle.getVersion();
        if (current == null || current != ((Number) expected).longValue()) {
            throw new DomainRuleViolation(ErrorCode.VERSION_CONFLICT,
                    "The application is at version " + current + ", not at version " + expected
                            + " that If-Match named: something was recorded since. Read the application again and"
                            + " decide on what it says now.");
        }
    }

    // --- guards: where the application is

    private void ensureNotClosed() {
        if (state.status() == Status.CLOSED) {
            throw refuse(ErrorCode.APPLICATION_CLOSED, "The application is closed; nothing can change any more.");
        }
    }

    private void ensureBeforeSubmission() {
        if (!state.beforeSubmission()) {
            throw refuse(ErrorCode.APPLICATION_NOT_OPEN,
                    "The application has already been submitted; this is only possible before submission.");
        }
    }

    private void ensureJoiningOpen(LocalDate today) {
        if (state.status() == Status.JOINING_CLOSED || today.isAfter(state.joiningDeadline())) {
            throw refuse(ErrorCode.JOINING_DEADLINE_PASSED,
                    "The joining deadline " + state.joiningDeadline() + " has passed.");
        }
    }

    private void ensureSubmitted() {
        if (state.status() != Status.SUBMITTED) {
            throw refuse(ErrorCode.APPLICATION_NOT_SUBMITTED, state.status() == Status.GRANTED
                    || state.status() == Status.REJECTED
                    ? "The funder has already decided on this application."
                    : "The application has not been submitted to the funder.");
        }
    }

    private void ensureGranted(String whatIsPossible) {
        if (state.status() != Status.GRANTED) {
            throw refuse(ErrorCode.WRONG_STEP_ORDER, whatIsPossible + " only after the funds have been granted.");
        }
    }

    // --- guards: who acts

    private static void ensureOfficerOf(Actor actor, MunicipalityCode municipality) {
        if (!actor.actsAsOfficerFor(municipality)) {
            throw refuse(ErrorCode.NOT_OFFICER_OF_MUNICIPALITY,
                    "Only an officer of " + describe(municipality) + " may act for " + describe(municipality) + ".");
        }
    }

    private void ensureProjectOwner(Actor actor) {
        if (!actor.actsAsOfficerFor(state.ownerMunicipality())) {
            throw refuse(ErrorCode.NOT_PROJECT_OWNER, "Only an officer of the project owner, "
                    + describe(state.ownerMunicipality()) + ", may do this.");
        }
    }

    private static void ensureFunder(Actor actor) {
        if (actor.role() != Role.FUNDER_OFFICER) {
            throw refuse(ErrorCode.NOT_FUNDER, "Only an officer of the funder may do this.");
        }
    }

    private void ensureFunderOrProjectOwner(Actor actor) {
        if (actor.role() != Role.FUNDER_OFFICER) {
            ensureProjectOwner(actor);
        }
    }

    private void ensureMayAttach(Actor actor, MunicipalityCode municipality) {
        if (actor.role() == Role.FUNDER_OFFICER) {
            return;
        }
        if (actor.role() != Role.MUNICIPALITY_OFFICER) {
            throw refuse(ErrorCode.ROLE_NOT_ALLOWED,
                    "Only municipality officers and the funder's officers may attach documents.");
        }
        if (municipality == null) {
            ensureProjectOwner(actor);
        } else {
            ensureOfficerOf(actor, municipality);
            ensureInvited(municipality);
        }
    }

    // --- guards: municipalities

    private static void ensureKoordinationNorrort(MunicipalityCode municipality) {
        if (!Municipalities.isKoordinationNorrort(municipality)) {
            throw refuse(ErrorCode.NOT_CONSORTIUM_MUNICIPALITY,
                    "Municipality " + municipality + " is not one of the 15 Koordination Norrort municipalities.");
        }
    }

    private Membership ensureInvited(MunicipalityCode municipality) {
        return state.membership(municipality).orElseThrow(() -> refuse(ErrorCode.MUNICIPALITY_NOT_INVITED,
                describe(municipality) + " has not been invited to this application."));
    }

    private void ensureInvitable(MunicipalityCode municipality) {
        MembershipStatus status = state.membershipStatus(municipality).orElse(null);
        if (status == MembershipStatus.INVITED) {
            throw refuse(ErrorCode.MUNICIPALITY_ALREADY_INVITED, describe(municipality) + " is already invited.");
        }
        if (status == MembershipStatus.JOINED) {
            throw refuse(ErrorCode.MUNICIPALITY_ALREADY_JOINED, describe(municipality) + " has already joined.");
        }
    }

    private void ensureMayJoin(MunicipalityCode municipality) {
        switch (ensureInvited(municipality).status()) {
            case JOINED -> throw refuse(ErrorCode.MUNICIPALITY_ALREADY_JOINED,
                    describe(municipality) + " has already joined.");
            case WITHDRAWN -> throw refuse(ErrorCode.MUNICIPALITY_NOT_INVITED, describe(municipality)
                    + " has withdrawn; the project owner must invite it again before it can rejoin.");
            case INVITED, DECLINED -> {
                // an invited municipality joins; one that declined may reconsider by a new decision
            }
        }
    }

    private void ensureMayDecline(MunicipalityCode municipality) {
        switch (ensureInvited(municipality).status()) {
            case JOINED -> throw refuse(ErrorCode.MUNICIPALITY_ALREADY_JOINED,
                    describe(municipality) + " has joined; it can withdraw, but not decline.");
            case DECLINED -> throw refuse(ErrorCode.MUNICIPALITY_ALREADY_DECLINED,
                    describe(municipality) + " has already declined.");
            case WITHDRAWN -> throw refuse(ErrorCode.MUNICIPALITY_NOT_PARTICIPATING,
                    describe(municipality) + " has already withdrawn.");
            case INVITED -> {
                // an invited municipality may decline
            }
        }
    }

    private Membership ensureJoined(MunicipalityCode municipality) {
        Membership membership = state.membership(municipality).orElse(null);
        if (membership == null || membership.status() != MembershipStatus.JOINED) {
            throw refuse(ErrorCode.MUNICIPALITY_NOT_JOINED, describe(municipality) + " has not joined the application.");
        }
        return membership;
    }

    private void ensureTakesPart(MunicipalityCode municipality) {
        MembershipStatus status = ensureInvited(municipality).status();
        if (status == MembershipStatus.DECLINED || status == MembershipStatus.WITHDRAWN) {
            throw refuse(ErrorCode.MUNICIPALITY_NOT_PARTICIPATING,
                    describe(municipality) + " has " + (status == MembershipStatus.DECLINED ? "declined" : "withdrawn")
                            + " and does not take part.");
        }
    }

    // --- guards: committee decisions

    /**
     * A decision reference must be complete and plausible: of the acting municipality, with a paragraph number, a
     * meeting not in the future, and an announcement not before the meeting.
     */
    private static void ensurePlausibleDecision(DecisionReference decision, MunicipalityCode municipality,
            LocalDate today) {
        if (!decision.municipality().equals(municipality)) {
            throw refuse(ErrorCode.DECISION_REFERENCE_INVALID, "The decision reference is a decision of "
                    + describe(decision.municipality()) + ", not of " + describe(municipality) + ".");
        }
        if (!decision.paragraph().matches(".*\\d.*")) {
            throw refuse(ErrorCode.DECISION_REFERENCE_INVALID,
                    "The decision reference must name the paragraph of the minutes, e.g. \"§ 45\".");
        }
        if (decision.meetingDate().isAfter(today)) {
            throw refuse(ErrorCode.MEETING_DATE_IN_FUTURE,
                    "The meeting date " + decision.meetingDate() + " of the decision is in the future.");
        }
        if (decision.announcementDate().isBefore(decision.meetingDate())) {
            throw refuse(ErrorCode.DECISION_REFERENCE_INVALID, "The announcement date "
                    + decision.announcementDate() + " is before the meeting date " + decision.meetingDate() + ".");
        }
    }

    private static void ensureCorrects(Membership membership, DecisionReference corrected,
            DecisionReference replacement) {
        if (!corrected.equals(membership.decision())) {
            throw refuse(ErrorCode.DECISION_REFERENCE_MISMATCH,
                    "The reference to correct is not the one recorded for " + describe(membership.municipality())
                            + ".");
        }
        if (replacement.equals(membership.decision())) {
            throw refuse(ErrorCode.DECISION_REFERENCE_INVALID,
                    "The new decision reference is the same as the recorded one; there is nothing to correct.");
        }
    }

    // --- guards: delegations and signatures

    private void ensureNewDelegation(DelegateSignature command) {
        if (state.delegation(command.delegationId()).isPresent()) {
            throw refuse(ErrorCode.DELEGATION_ALREADY_EXISTS,
                    "A delegation with id " + command.delegationId() + " already exists.");
        }
    }

    /** Quotas that bound what one application (and the views that copy it) can grow to; see doc/security.md. */
    static final int MAX_DOCUMENTS = 100;
    static final int MAX_DELEGATIONS_PER_MUNICIPALITY = 20;

    private static void ensureQuota(int count, int max, String what) {
        if (count >= max) {
            throw refuse(ErrorCode.QUOTA_EXCEEDED, "At most " + max + " " + what + " are allowed.");
        }
    }

    /**
     * Four eyes: the officer who records a delegation may not name themselves as the delegate, so no one person both
     * records who may sign and signs under it.
     */
    private static void ensureFourEyes(DelegateSignature command) {
        if (command.delegate().equals(command.actor().personId())) {
            throw refuse(ErrorCode.SELF_DELEGATION_NOT_ALLOWED, "The officer who records a delegation may not name"
                    + " themselves as the delegate; another officer of " + describe(command.municipality())
                    + " records it.");
        }
    }

    /**
     * Only a signatory of the municipality itself signs its form: a person named in a delegation of Danderyd who
     * signs with a token as signatory of another municipality (or as an officer) is refused.
     */
    private static void ensureSignatoryOf(Actor actor, MunicipalityCode municipality) {
        if (actor.role() != Role.SIGNATORY || !municipality.equals(actor.municipality())) {
            throw refuse(ErrorCode.NOT_SIGNATORY_OF_MUNICIPALITY, "Only a signatory of " + describe(municipality)
                    + " may sign its cooperation form.");
        }
    }

    private static void ensureValidUntil(LocalDate validUntil, LocalDate today) {
        if (validUntil != null && validUntil.isBefore(today)) {
            throw refuse(ErrorCode.DELEGATION_VALIDITY_INVALID,
                    "The delegation would be valid only until " + validUntil + ", which has passed.");
        }
    }

    private Delegation ensureDelegationOf(DelegationId delegationId, MunicipalityCode municipality) {
        return state.delegations().stream()
                .filter(d -> d.delegationId().equals(delegationId) && d.municipality().equals(municipality))
                .findFirst()
                .orElseThrow(() -> refuse(ErrorCode.DELEGATION_NOT_FOUND,
                        describe(municipality) + " has no delegation with id " + delegationId + "."));
    }

    private static void ensureNotRevoked(Delegation delegation) {
        if (delegation.revoked()) {
            throw refuse(ErrorCode.DELEGATION_REVOKED,
                    "The delegation " + delegation.delegationId() + " has been revoked.");
        }
    }

    private static void ensureNotSigned(Membership membership) {
        if (membership.signed()) {
            throw refuse(ErrorCode.ALREADY_SIGNED, "The cooperation form of " + describe(membership.municipality())
                    + " has already been signed.");
        }
    }

    /**
     * Finds the delegation the signatory signs under: the one named in the command, or else the signatory's own
     * usable delegation from that municipality. It must name the signatory, be unrevoked, unexpired and in effect.
     */
    private Delegation ensureSigningDelegation(SignCooperationForm command, LocalDate today) {
        MunicipalityCode municipality = command.municipality();
        Delegation delegation;
        if (command.delegationId() != null) {
            delegation = ensureDelegationOf(command.delegationId(), municipality);
        } else {
            List<Delegation> ofMunicipality = state.delegationsOf(municipality);
            if (ofMunicipality.isEmpty()) {
                throw refuse(ErrorCode.DELEGATION_REQUIRED, describe(municipality)
                        + " has delegated the signing of its cooperation form to nobody.");
            }
            List<Delegation> naming = ofMunicipality.stream()
                    .filter(d -> d.delegate().equals(command.actor().personId())).toList();
            if (naming.isEmpty()) {
                throw notTheDelegate(municipality);
            }
            delegation = naming.stream().filter(d -> d.activeOn(today)).findFirst().orElse(naming.get(0));
        }
        ensureNotRevoked(delegation);
        if (delegation.expiredOn(today)) {
            throw refuse(ErrorCode.DELEGATION_EXPIRED,
                    "The delegation " + delegation.delegationId() + " expired on " + delegation.validUntil() + ".");
        }
        if (!delegation.delegate().equals(command.actor().personId())) {
            throw notTheDelegate(municipality);
        }
        DecisionReference decision = delegation.decision();
        if (!decision.immediateAdjustment() && today.isBefore(decision.announcementDate())) {
            // Without immediate adjustment (omedelbar justering) the decision can be acted upon only once the minutes
            // are approved; their announcement on the notice board is the recorded sign of that.
            throw refuse(ErrorCode.DELEGATION_NOT_YET_IN_EFFECT, "The delegation takes effect when the minutes are "
                    + "approved and announced on " + decision.announcementDate() + ".");
        }
        return delegation;
    }

    private static DomainRuleViolation notTheDelegate(MunicipalityCode municipality) {
        return refuse(ErrorCode.NOT_THE_DELEGATE, "Only a person to whom " + describe(municipality)
                + " has delegated the signing may sign its cooperation form.");
    }

    // --- guards: submission

    private void ensureOwnerJoined() {
        if (state.membershipStatus(state.ownerMunicipality()).orElse(null) != MembershipStatus.JOINED) {
            throw refuse(ErrorCode.OWNER_NOT_JOINED, "The project owner, " + describe(state.ownerMunicipality())
                    + ", must itself join before submitting.");
        }
    }

    private void ensureEnoughParticipants() {
        int participants = state.municipalitiesWith(MembershipStatus.JOINED).size();
        if (participants < MINIMUM_PARTICIPANTS) {
            throw refuse(ErrorCode.TOO_FEW_PARTICIPANTS, "A consortium application needs at least "
                    + MINIMUM_PARTICIPANTS + " participating municipalities, but " + participants + " joined.");
        }
    }

    private void ensureAllSigned() {
        List<MunicipalityCode> unsigned = state.joinedButUnsigned();
        if (!unsigned.isEmpty()) {
            throw refuse(ErrorCode.NOT_ALL_SIGNED,
                    "Every participating municipality must sign its cooperation form first; not yet signed: "
                            + describeAll(unsigned) + ".");
        }
    }

    private void ensureYearWithinPeriod(int year) {
        if (year < state.periodStart().getYear() || year > state.periodEnd().getYear()) {
            throw refuse(ErrorCode.BUDGET_YEAR_OUTSIDE_PERIOD, "The year " + year
                    + " is outside the project period " + state.periodStart() + " to " + state.periodEnd() + ".");
        }
    }

    private void ensureNewDocument(DocumentId documentId) {
        if (state.hasDocument(documentId)) {
            throw refuse(ErrorCode.DOCUMENT_ALREADY_ATTACHED,
                    "A document with id " + documentId + " is already attached.");
        }
    }

    private void ensureDocumentExists(DocumentId documentId) {
        if (documentId != null && !state.hasDocument(documentId)) {
            throw refuse(ErrorCode.DOCUMENT_NOT_FOUND, "No document with id " + documentId + " is attached.");
        }
    }

    // --- guards: amounts and dates

    private static void ensurePositive(long amountSek, String what) {
        if (amountSek <= 0) {
            throw refuse(ErrorCode.AMOUNT_INVALID, what + " must be a whole number of kronor greater than zero.");
        }
    }

    private static void ensureNotNegative(long amountSek, String what) {
        if (amountSek < 0) {
            throw refuse(ErrorCode.AMOUNT_INVALID, what + " must be a whole number of kronor, not negative.");
        }
    }

    private static void ensurePeriod(LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw refuse(ErrorCode.PERIOD_INVALID, "The project period must not end (" + end
                    + ") before it starts (" + start + ").");
        }
    }

    private static void ensureJoiningDeadline(LocalDate deadline, LocalDate periodEnd, LocalDate today) {
        if (deadline.isBefore(today)) {
            throw refuse(ErrorCode.JOINING_DEADLINE_INVALID, "The joining deadline " + deadline + " has passed.");
        }
        if (deadline.isAfter(periodEnd)) {
            throw refuse(ErrorCode.JOINING_DEADLINE_INVALID,
                    "The joining deadline " + deadline + " is after the end of the project period.");
        }
    }

    private void ensureWithinApplied(long amountSek) {
        if (amountSek > state.appliedAmountSek()) {
            throw refuse(ErrorCode.GRANT_EXCEEDS_APPLIED, "The granted amount " + amountSek
                    + " SEK exceeds the applied amount " + state.appliedAmountSek() + " SEK.");
        }
    }

    private static void ensureDecisionDateNotInFuture(LocalDate decisionDate, LocalDate today) {
        if (decisionDate.isAfter(today)) {
            throw refuse(ErrorCode.DECISION_DATE_IN_FUTURE,
                    "The decision date " + decisionDate + " is in the future.");
        }
    }

    /** Exactly one final report, at most one interim report before it, all due after the decision. */
    private static void ensureReportDueDates(List<ReportDueDate> dueDates, LocalDate decisionDate) {
        List<ReportDueDate> finals = ofKind(dueDates, ReportKind.FINAL);
        List<ReportDueDate> interims = ofKind(dueDates, ReportKind.INTERIM);
        if (finals.size() != 1 || interims.size() > 1) {
            throw refuse(ErrorCode.REPORT_DUE_DATES_INVALID,
                    "A grant requires exactly one final report and at most one interim report.");
        }
        if (dueDates.stream().anyMatch(due -> !due.dueDate().isAfter(decisionDate))) {
            throw refuse(ErrorCode.REPORT_DUE_DATES_INVALID, "Reports must be due after the decision date.");
        }
        if (!interims.isEmpty() && !interims.get(0).dueDate().isBefore(finals.get(0).dueDate())) {
            throw refuse(ErrorCode.REPORT_DUE_DATES_INVALID,
                    "The interim report must be due before the final report.");
        }
    }

    // --- guards: after the grant

    private void ensureRequisitionWithinGrant(long amountSek) {
        if (state.requisitionedSek() + amountSek > state.grantedAmountSek()) {
            throw refuse(ErrorCode.REQUISITION_EXCEEDS_GRANT, "Requisitioning " + amountSek + " SEK would exceed "
                    + "the granted " + state.grantedAmountSek() + " SEK; already requisitioned "
                    + state.requisitionedSek() + " SEK.");
        }
    }

    private void ensureReportRequired(ReportKind kind) {
        if (!state.reportRequired(kind)) {
            throw refuse(ErrorCode.WRONG_STEP_ORDER, "The grant requires no " + describe(kind) + ".");
        }
    }

    private void ensureReportNotYetSubmitted(ReportKind kind) {
        if (state.reportSubmitted(kind)) {
            throw refuse(ErrorCode.REPORT_ALREADY_SUBMITTED, "The " + describe(kind) + " has already been submitted.");
        }
    }

    private void ensureReportNotSubmitted(ReportKind kind, String whatIsNoLongerPossible) {
        if (state.reportSubmitted(kind)) {
            throw refuse(ErrorCode.WRONG_STEP_ORDER,
                    whatIsNoLongerPossible + " after the " + describe(kind) + " has been submitted.");
        }
    }

    private void ensureInterimReportFirst() {
        if (state.reportRequired(ReportKind.INTERIM) && !state.reportSubmitted(ReportKind.INTERIM)) {
            throw refuse(ErrorCode.WRONG_STEP_ORDER, "The interim report must be submitted before the final report.");
        }
    }

    /** Repayment is due after the final report, or once a report shows more requisitioned than used. */
    private void ensureRepaymentDue() {
        boolean unusedFundsReported = state.usedAmountSek().map(used -> state.requisitionedSek() > used)
                .orElse(false);
        if (!state.reportSubmitted(ReportKind.FINAL) && !unusedFundsReported) {
            throw refuse(ErrorCode.WRONG_STEP_ORDER, "Repayment can be claimed after the final report, or once a "
                    + "report shows that less was used than requisitioned.");
        }
    }

    private void ensureRepaymentWithinRequisitioned(long amountSek) {
        if (state.repaymentClaimedSek() + amountSek > state.requisitionedSek()) {
            throw refuse(ErrorCode.REPAYMENT_EXCEEDS_REQUISITIONED, "Claiming " + amountSek + " SEK would exceed "
                    + "the " + state.requisitionedSek() + " SEK paid out; already claimed "
                    + state.repaymentClaimedSek() + " SEK.");
        }
    }

    private void ensureClosable() {
        boolean rejected = state.status() == Status.REJECTED;
        boolean reportedInFull = state.status() == Status.GRANTED && state.reportSubmitted(ReportKind.FINAL);
        if (!rejected && !reportedInFull) {
            throw refuse(ErrorCode.WRONG_STEP_ORDER,
                    "The application can be closed only after the final report, or after a rejection.");
        }
    }

    // --- helpers

    private LocalDate dueDateOf(ReportKind kind) {
        return state.report(kind).map(ApplicationState.Report::dueDate).orElseThrow();
    }

    private static List<ReportDueDate> ofKind(Collection<ReportDueDate> dueDates, ReportKind kind) {
        return dueDates.stream().filter(due -> due.report() == kind).toList();
    }

    /** Today's date in Europe/Stockholm. */
    static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), BUSINESS_ZONE);
    }

    /** When a deadline on the given date has passed: the start of the next day in Europe/Stockholm. */
    public static Instant startOfDayAfter(LocalDate date) {
        return date.plusDays(1).atStartOfDay(BUSINESS_ZONE).toInstant();
    }

    private static String describe(MunicipalityCode municipality) {
        return Municipalities.byCode(municipality)
                .map(m -> m.officialName() + " (" + municipality + ")")
                .orElse("municipality " + municipality);
    }

    private static String describeAll(Collection<MunicipalityCode> municipalities) {
        return municipalities.stream().map(ConsortiumApplication::describe).collect(Collectors.joining(", "));
    }

    private static String describe(ReportKind kind) {
        return kind == ReportKind.INTERIM ? "interim report" : "final report";
    }

    private static DomainRuleViolation refuse(ErrorCode code, String message) {
        return new DomainRuleViolation(code, Objects.requireNonNull(message));
    }
}
