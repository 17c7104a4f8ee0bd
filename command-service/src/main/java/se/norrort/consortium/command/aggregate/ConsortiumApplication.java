package se.norrort.consortium.command.aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;
import se.norrort.consortium.api.MetadataKeys;
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
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.BusinessZone;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.ReportDueDate;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.command.documents.DocumentRules;
import se.norrort.consortium.command.domain.DomainRuleViolation;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.command.funding.FollowUpRules;
import se.norrort.consortium.command.funding.FundingDecisionRules;
import se.norrort.consortium.command.membership.MembershipRules;
import se.norrort.consortium.command.opening.OpeningRules;
import se.norrort.consortium.command.signing.SigningRules;
import se.norrort.consortium.command.submission.SubmissionRules;
import se.norrort.consortium.model.ApplicationState;
import se.norrort.consortium.model.ApplicationState.Delegation;
import se.norrort.consortium.model.ApplicationState.Membership;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;

/**
 * A consortium application: one joint application by several municipalities for a funding call, from opening via
 * the municipalities' decisions, delegations and signatures to submission, the funder's decision and the follow-up.
 * <p>
 * Each command handler asks its phase's rules ({@link OpeningRules}, {@link MembershipRules}, {@link SigningRules},
 * {@link SubmissionRules}, {@link DocumentRules}, {@link FundingDecisionRules}, {@link FollowUpRules}: pure checks on
 * {@link ApplicationState} that throw {@link DomainRuleViolation}), then applies events. The single event sourcing
 * handler only folds events into {@link ApplicationState}. "Today" comes from an injected {@link Clock} and is a date
 * in Europe/Stockholm ({@link BusinessZone}); deadlines are scheduled with the injected {@link DeadlineManager} for
 * the start of the day after the deadline date.
 * <p>
 * Snapshots serialize the aggregate with the store's Jackson serializer; Jackson reads and writes its fields directly.
 */
@Aggregate(snapshotTriggerDefinition = "applicationSnapshotTrigger")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class ConsortiumApplication {

    /** Business dates are dates in this zone. */
    public static final ZoneId BUSINESS_ZONE = BusinessZone.ZONE;
    /** Name of the deadline that closes joining; no payload. */
    public static final String JOINING_DEADLINE = "joining-deadline";
    /** Name of the deadline for a required report; the payload is its {@link ReportDueDate}. */
    public static final String REPORT_DUE = "report-due";
    /** Quotas that bound what one application (and the views that copy it) can grow to; see doc/security.md. */
    static final int MAX_DOCUMENTS = DocumentRules.MAX_DOCUMENTS;

    static final int MAX_DELEGATIONS_PER_MUNICIPALITY = SigningRules.MAX_DELEGATIONS_PER_MUNICIPALITY;

    @AggregateIdentifier
    private ApplicationId applicationId;

    private ApplicationState state = new ApplicationState();

    /** For Axon, to rebuild the aggregate from its events. */
    protected ConsortiumApplication() {}

    // --- opening

    @CommandHandler
    public ConsortiumApplication(OpenApplication command, Clock clock, DeadlineManager deadlineManager) {
        OpeningRules.checkOpen(command, today(clock));
        List<MunicipalityCode> invited = Stream.concat(
                        command.invitedMunicipalities().stream(), Stream.of(command.ownerMunicipality()))
                .distinct()
                .sorted()
                .toList();
        apply(new ApplicationOpened(
                command.applicationId(),
                command.ownerMunicipality(),
                command.legalBasis(),
                command.funderName(),
                command.title(),
                command.targetGroups(),
                command.periodStart(),
                command.periodEnd(),
                command.joiningDeadline(),
                command.appliedAmountSek(),
                invited));
        deadlineManager.schedule(startOfDayAfter(command.joiningDeadline()), JOINING_DEADLINE);
    }

    // --- membership

    @CommandHandler
    public void handle(InviteMunicipality command, Clock clock) {
        MembershipRules.checkInvite(state, command, today(clock));
        apply(new MunicipalityInvited(applicationId, command.municipality()));
    }

    @CommandHandler
    public void handle(JoinApplication command, Clock clock) {
        MembershipRules.checkJoin(state, command, today(clock));
        apply(new MunicipalityJoined(
                applicationId,
                command.municipality(),
                command.decision(),
                command.decision().appealDeadline()));
    }

    @CommandHandler
    public void handle(DeclineParticipation command, Clock clock) {
        MembershipRules.checkDecline(state, command, today(clock));
        apply(new ParticipationDeclined(applicationId, command.municipality(), command.reason(), command.decision()));
    }

    @CommandHandler
    public void handle(WithdrawFromApplication command, Clock clock) {
        MembershipRules.checkWithdraw(state, command, today(clock));
        apply(new MunicipalityWithdrew(applicationId, command.municipality(), command.reason(), command.decision()));
    }

    @CommandHandler
    public void handle(CorrectDecisionReference command, Clock clock) {
        Membership membership = MembershipRules.checkCorrection(state, command, today(clock));
        apply(new DecisionReferenceCorrected(
                applicationId,
                command.municipality(),
                "MunicipalityJoined",
                membership.decision(),
                command.newReference(),
                command.newReference().appealDeadline(),
                command.reason()));
    }

    // --- delegation and signing

    @CommandHandler
    public void handle(DelegateSignature command, Clock clock) {
        SigningRules.checkDelegation(state, command, today(clock));
        apply(new SignatureDelegated(
                applicationId,
                command.delegationId(),
                command.municipality(),
                command.decision(),
                command.delegate(),
                command.delegateName(),
                command.delegateRole(),
                command.scope(),
                command.validUntil()));
    }

    @CommandHandler
    public void handle(RevokeSignatureDelegation command) {
        SigningRules.checkRevocation(state, command);
        apply(new SignatureDelegationRevoked(
                applicationId, command.delegationId(), command.municipality(), command.reason()));
    }

    @CommandHandler
    public void handle(SignCooperationForm command, Clock clock) {
        Delegation delegation = SigningRules.checkSignature(state, command, today(clock));
        apply(new CooperationFormSigned(
                applicationId,
                command.municipality(),
                delegation.delegate(),
                delegation.delegateName(),
                delegation.delegateRole(),
                delegation.delegationId()));
    }

    // --- preparing and submitting

    @CommandHandler
    public void handle(SetBudgetLine command) {
        SubmissionRules.checkBudgetLine(state, command);
        apply(new BudgetLineSet(applicationId, command.municipality(), command.year(), command.amountSek()));
    }

    @CommandHandler
    public void handle(AttachDocument command) {
        DocumentRules.checkAttach(state, command);
        apply(new DocumentAttached(
                applicationId,
                command.documentId(),
                command.kind(),
                command.municipality(),
                command.fileName(),
                command.mediaType(),
                command.sizeBytes(),
                command.sha256()));
    }

    @CommandHandler
    public void handle(SubmitApplication command) {
        SubmissionRules.checkSubmission(state, command);
        List<MunicipalityCode> joined = state.municipalitiesWith(MembershipStatus.JOINED);
        apply(new ApplicationSubmitted(
                applicationId,
                state.appliedAmountSek(),
                joined.stream().sorted().toList(),
                joined.size(),
                state.municipalitiesWith(MembershipStatus.DECLINED).size(),
                state.municipalitiesWith(MembershipStatus.WITHDRAWN).size(),
                state.municipalitiesWith(MembershipStatus.INVITED).size()));
    }

    // --- the funder's decision

    @CommandHandler
    public void handle(GrantAward command, Clock clock, DeadlineManager deadlineManager) {
        FundingDecisionRules.checkGrant(state, command, today(clock));
        apply(new AwardGranted(
                applicationId,
                command.amountSek(),
                state.appliedAmountSek(),
                command.caseNumber(),
                command.decisionDate(),
                command.conditions(),
                command.reportDueDates()));
        for (ReportDueDate due : command.reportDueDates()) {
            deadlineManager.schedule(startOfDayAfter(due.dueDate()), REPORT_DUE, due);
        }
    }

    @CommandHandler
    public void handle(RejectApplication command, Clock clock) {
        FundingDecisionRules.checkRejection(state, command, today(clock));
        apply(new ApplicationRejected(applicationId, command.caseNumber(), command.decisionDate(), command.reason()));
    }

    // --- after the grant

    @CommandHandler
    public void handle(RequisitionFunds command) {
        FollowUpRules.checkRequisition(state, command);
        apply(new FundsRequisitioned(
                applicationId, command.amountSek(), state.requisitionedSek() + command.amountSek()));
    }

    @CommandHandler
    public void handle(SubmitInterimReport command) {
        FollowUpRules.checkInterimReport(state, command);
        apply(new InterimReportSubmitted(
                applicationId, dueDateOf(ReportKind.INTERIM), command.usedAmountSek(), command.reportDocument()));
    }

    @CommandHandler
    public void handle(SubmitFinalReport command) {
        FollowUpRules.checkFinalReport(state, command);
        apply(new FinalReportSubmitted(
                applicationId, dueDateOf(ReportKind.FINAL), command.usedAmountSek(), command.reportDocument()));
    }

    @CommandHandler
    public void handle(ClaimRepayment command) {
        FollowUpRules.checkRepaymentClaim(state, command);
        apply(new RepaymentClaimed(
                applicationId,
                command.amountSek(),
                state.repaymentClaimedSek() + command.amountSek(),
                command.reason()));
    }

    @CommandHandler
    public void handle(CloseApplication command) {
        FollowUpRules.checkClosing(state, command);
        apply(new ApplicationClosed(applicationId, command.reason()));
    }

    // --- deadlines

    /** The joining deadline passed: close joining, unless the application has moved on already. */
    @DeadlineHandler(deadlineName = JOINING_DEADLINE)
    public void onJoiningDeadline() {
        if (state.status() == Status.OPEN) {
            apply(new JoiningClosed(
                    applicationId,
                    state.joiningDeadline(),
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
            throw new DomainRuleViolation(
                    ErrorCode.VERSION_CONFLICT,
                    "The application is at version " + current + ", not at version " + expected
                            + " that If-Match named: something was recorded since. Read the application again and"
                            + " decide on what it says now.");
        }
    }

    // --- helpers

    private LocalDate dueDateOf(ReportKind kind) {
        return state.report(kind).map(ApplicationState.Report::dueDate).orElseThrow();
    }

    /** Today's date in Europe/Stockholm. */
    static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), BUSINESS_ZONE);
    }

    /** When a deadline on the given date has passed: the start of the next day in Europe/Stockholm. */
    public static Instant startOfDayAfter(LocalDate date) {
        return date.plusDays(1).atStartOfDay(BUSINESS_ZONE).toInstant();
    }
}
