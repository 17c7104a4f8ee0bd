package se.norrort.consortium.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
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
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.DocumentKind;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.PersonId;
import se.norrort.consortium.api.values.ReportDueDate;
import se.norrort.consortium.api.values.ReportKind;

/**
 * The state of one consortium application, folded from its events. Pure: no framework, no I/O, no clock.
 * <p>
 * The aggregate keeps one of these and feeds it every event; the same fold, fed the events up to a moment, gives the
 * state as it was then (for auditors). {@link #evolve(ConsortiumEvent)} never refuses an event: events are facts.
 * It lives in the {@code application-model} module so that the command-service's aggregate and the query-service's
 * auditor tools ("state as of") use one copy of these rules.
 * <p>
 * Jackson reads and writes the fields directly (aggregate snapshots); the accessors are for readers.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public final class ApplicationState {

    /** Where the application is in its life. */
    public enum Status {
        /** Municipalities may join until the joining deadline. */
        OPEN,
        /** The joining deadline passed; the owner may still submit. */
        JOINING_CLOSED,
        /** Submitted to the funder, awaiting a decision. */
        SUBMITTED,
        /** The funder granted funds; requisitions and reports follow. */
        GRANTED,
        /** The funder rejected the application. */
        REJECTED,
        /** Closed; nothing changes any more. */
        CLOSED
    }

    /** Where a municipality stands in the consortium. */
    public enum MembershipStatus {
        INVITED,
        JOINED,
        DECLINED,
        WITHDRAWN
    }

    /**
     * One municipality's membership.
     *
     * @param decision       the committee decision behind the current status (the join decision while joined; the
     *                       decline or withdrawal decision, if any, afterwards); null when there is none
     * @param appealDeadline the last day to appeal the join decision, while joined
     * @param signature      the signature of the cooperation form, while joined and signed
     * @param reason         why the municipality declined or withdrew
     */
    public record Membership(
            MunicipalityCode municipality,
            MembershipStatus status,
            DecisionReference decision,
            LocalDate appealDeadline,
            Signature signature,
            String reason) {

        static Membership invited(MunicipalityCode municipality) {
            return new Membership(municipality, MembershipStatus.INVITED, null, null, null, null);
        }

        /** Whether the municipality's cooperation form is signed. */
        public boolean signed() {
            return signature != null;
        }
    }

    /** A signed cooperation form (samverkansblankett). */
    public record Signature(
            MunicipalityCode municipality,
            PersonId signatory,
            String signatoryName,
            String signatoryRole,
            DelegationId delegationId) {}

    /** A signing delegation and whether it was revoked. */
    public record Delegation(
            DelegationId delegationId,
            MunicipalityCode municipality,
            DecisionReference decision,
            PersonId delegate,
            String delegateName,
            String delegateRole,
            String scope,
            LocalDate validUntil,
            boolean revoked,
            String revocationReason) {

        /** Whether the delegation is past its last valid day on the given date. */
        public boolean expiredOn(LocalDate date) {
            return validUntil != null && date.isAfter(validUntil);
        }

        /** Whether the delegation may be used on the given date: not revoked and not expired. */
        public boolean activeOn(LocalDate date) {
            return !revoked && !expiredOn(date);
        }
    }

    /** An attached document. */
    public record Document(
            DocumentId documentId,
            DocumentKind kind,
            MunicipalityCode municipality,
            String fileName,
            String mediaType,
            long sizeBytes,
            String sha256) {}

    /** A report the grant requires, and what became of it. */
    public record Report(
            ReportKind report,
            LocalDate dueDate,
            boolean submitted,
            boolean overdue,
            Long usedAmountSek,
            DocumentId reportDocument) {}

    private ApplicationId applicationId;
    private MunicipalityCode ownerMunicipality;
    private LegalBasis legalBasis;
    private String funderName;
    private String title;
    private List<String> targetGroups = List.of();
    private LocalDate periodStart;
    private LocalDate periodEnd;
    private LocalDate joiningDeadline;
    private long appliedAmountSek;
    private Status status;
    private Status statusBeforeClosing;
    private String closingReason;
    // Concrete map types, so a restored snapshot keeps the same kind of map (and its order).
    private final LinkedHashMap<MunicipalityCode, Membership> memberships = new LinkedHashMap<>();
    private final LinkedHashMap<DelegationId, Delegation> delegations = new LinkedHashMap<>();
    private final TreeMap<MunicipalityCode, TreeMap<Integer, Long>> budgetLines = new TreeMap<>();
    private final LinkedHashMap<DocumentId, Document> documents = new LinkedHashMap<>();
    private long grantedAmountSek;
    private String caseNumber;
    private LocalDate fundingDecisionDate;
    private String conditions;
    private String rejectionReason;
    private final EnumMap<ReportKind, Report> reports = new EnumMap<>(ReportKind.class);
    private long requisitionedSek;
    private Long usedAmountSek;
    private long repaymentClaimedSek;

    /** The state of an application of which nothing has happened yet. */
    public ApplicationState() {}

    /** The state after the given events, in order. */
    public static ApplicationState replay(Iterable<? extends ConsortiumEvent> events) {
        ApplicationState state = new ApplicationState();
        events.forEach(state::evolve);
        return state;
    }

    /**
     * Folds one event into the state. Java 17 has no pattern matching in {@code switch}, so the fold is a table from
     * event type to its step ({@link #FOLD}), one entry per type the sealed {@link ConsortiumEvent} permits
     * ({@code ApplicationStateFoldTest} checks that none is missing).
     */
    public void evolve(ConsortiumEvent event) {
        BiConsumer<ApplicationState, ConsortiumEvent> step = FOLD.get(event.getClass());
        if (step == null) {
            throw new IllegalArgumentException(
                    "Unknown consortium event " + event.getClass().getName());
        }
        step.accept(this, event);
    }

    /** The event types this fold handles (one step each). */
    public static Set<Class<? extends ConsortiumEvent>> foldedEventTypes() {
        return FOLD.keySet();
    }

    private static final Map<Class<? extends ConsortiumEvent>, BiConsumer<ApplicationState, ConsortiumEvent>> FOLD =
            new Fold()
                    .on(ApplicationOpened.class, ApplicationState::opened)
                    .on(MunicipalityInvited.class, ApplicationState::on)
                    .on(MunicipalityJoined.class, ApplicationState::on)
                    .on(ParticipationDeclined.class, ApplicationState::on)
                    .on(MunicipalityWithdrew.class, ApplicationState::on)
                    .on(DecisionReferenceCorrected.class, ApplicationState::on)
                    .on(SignatureDelegated.class, ApplicationState::on)
                    .on(SignatureDelegationRevoked.class, ApplicationState::on)
                    .on(CooperationFormSigned.class, ApplicationState::on)
                    .on(BudgetLineSet.class, ApplicationState::on)
                    .on(DocumentAttached.class, ApplicationState::on)
                    .on(ApplicationSubmitted.class, ApplicationState::on)
                    .on(JoiningClosed.class, ApplicationState::on)
                    .on(AwardGranted.class, ApplicationState::granted)
                    .on(ApplicationRejected.class, ApplicationState::on)
                    .on(FundsRequisitioned.class, ApplicationState::on)
                    .on(InterimReportSubmitted.class, ApplicationState::on)
                    .on(FinalReportSubmitted.class, ApplicationState::on)
                    .on(ReportOverdue.class, ApplicationState::on)
                    .on(RepaymentClaimed.class, ApplicationState::on)
                    .on(ApplicationClosed.class, ApplicationState::on)
                    .table();

    private void on(MunicipalityInvited e) {
        memberships.put(e.municipality(), Membership.invited(e.municipality()));
    }

    private void on(MunicipalityJoined e) {
        memberships.put(
                e.municipality(),
                new Membership(
                        e.municipality(), MembershipStatus.JOINED, e.decision(), e.appealDeadline(), null, null));
    }

    private void on(ParticipationDeclined e) {
        memberships.put(
                e.municipality(),
                new Membership(e.municipality(), MembershipStatus.DECLINED, e.decision(), null, null, e.reason()));
    }

    private void on(MunicipalityWithdrew e) {
        memberships.put(
                e.municipality(),
                new Membership(e.municipality(), MembershipStatus.WITHDRAWN, e.decision(), null, null, e.reason()));
    }

    private void on(DecisionReferenceCorrected e) {
        memberships.computeIfPresent(
                e.municipality(),
                (code, m) -> new Membership(
                        code, m.status(), e.newReference(), e.appealDeadline(), m.signature(), m.reason()));
    }

    private void on(SignatureDelegated e) {
        delegations.put(
                e.delegationId(),
                new Delegation(
                        e.delegationId(),
                        e.municipality(),
                        e.decision(),
                        e.delegate(),
                        e.delegateName(),
                        e.delegateRole(),
                        e.scope(),
                        e.validUntil(),
                        false,
                        null));
    }

    private void on(SignatureDelegationRevoked e) {
        delegations.computeIfPresent(
                e.delegationId(),
                (id, d) -> new Delegation(
                        id,
                        d.municipality(),
                        d.decision(),
                        d.delegate(),
                        d.delegateName(),
                        d.delegateRole(),
                        d.scope(),
                        d.validUntil(),
                        true,
                        e.reason()));
    }

    private void on(CooperationFormSigned e) {
        Signature signature =
                new Signature(e.municipality(), e.signatory(), e.signatoryName(), e.signatoryRole(), e.delegationId());
        memberships.computeIfPresent(
                e.municipality(),
                (code, m) -> new Membership(code, m.status(), m.decision(), m.appealDeadline(), signature, m.reason()));
    }

    private void on(BudgetLineSet e) {
        budgetLines.computeIfAbsent(e.municipality(), code -> new TreeMap<>()).put(e.year(), e.amountSek());
    }

    private void on(DocumentAttached e) {
        documents.put(
                e.documentId(),
                new Document(
                        e.documentId(),
                        e.kind(),
                        e.municipality(),
                        e.fileName(),
                        e.mediaType(),
                        e.sizeBytes(),
                        e.sha256()));
    }

    private void on(ApplicationSubmitted e) {
        status = Status.SUBMITTED;
    }

    private void on(JoiningClosed e) {
        status = Status.JOINING_CLOSED;
    }

    private void on(ApplicationRejected e) {
        status = Status.REJECTED;
        caseNumber = e.caseNumber();
        fundingDecisionDate = e.decisionDate();
        rejectionReason = e.reason();
    }

    private void on(FundsRequisitioned e) {
        requisitionedSek += e.amountSek();
    }

    private void on(InterimReportSubmitted e) {
        reportSubmitted(ReportKind.INTERIM, e.dueDate(), e.usedAmountSek(), e.reportDocument());
    }

    private void on(FinalReportSubmitted e) {
        reportSubmitted(ReportKind.FINAL, e.dueDate(), e.usedAmountSek(), e.reportDocument());
    }

    private void on(ReportOverdue e) {
        reports.computeIfPresent(
                e.report(),
                (kind, r) -> new Report(kind, r.dueDate(), r.submitted(), true, r.usedAmountSek(), r.reportDocument()));
    }

    private void on(RepaymentClaimed e) {
        repaymentClaimedSek += e.amountSek();
    }

    private void on(ApplicationClosed e) {
        statusBeforeClosing = status;
        status = Status.CLOSED;
        closingReason = e.reason();
    }

    /** Builds {@link #FOLD}: each step is typed to its event, so a step cannot be registered for the wrong type. */
    private static final class Fold {

        private final Map<Class<? extends ConsortiumEvent>, BiConsumer<ApplicationState, ConsortiumEvent>> steps =
                new HashMap<>();

        <E extends ConsortiumEvent> Fold on(Class<E> type, BiConsumer<ApplicationState, E> step) {
            if (steps.putIfAbsent(type, (state, event) -> step.accept(state, type.cast(event))) != null) {
                throw new IllegalStateException("Two fold steps for " + type.getSimpleName());
            }
            return this;
        }

        Map<Class<? extends ConsortiumEvent>, BiConsumer<ApplicationState, ConsortiumEvent>> table() {
            return Map.copyOf(steps);
        }
    }

    private void opened(ApplicationOpened e) {
        applicationId = e.applicationId();
        ownerMunicipality = e.ownerMunicipality();
        legalBasis = e.legalBasis();
        funderName = e.funderName();
        title = e.title();
        targetGroups = e.targetGroups();
        periodStart = e.periodStart();
        periodEnd = e.periodEnd();
        joiningDeadline = e.joiningDeadline();
        appliedAmountSek = e.appliedAmountSek();
        status = Status.OPEN;
        e.invitedMunicipalities().forEach(code -> memberships.put(code, Membership.invited(code)));
    }

    private void granted(AwardGranted e) {
        status = Status.GRANTED;
        grantedAmountSek = e.amountSek();
        caseNumber = e.caseNumber();
        fundingDecisionDate = e.decisionDate();
        conditions = e.conditions();
        for (ReportDueDate due : e.reportDueDates()) {
            reports.put(due.report(), new Report(due.report(), due.dueDate(), false, false, null, null));
        }
    }

    private void reportSubmitted(ReportKind kind, LocalDate dueDate, long used, DocumentId document) {
        Report before = reports.get(kind);
        boolean overdue = before != null && before.overdue();
        reports.put(kind, new Report(kind, dueDate, true, overdue, used, document));
        usedAmountSek = used;
    }

    // --- read accessors

    public ApplicationId applicationId() {
        return applicationId;
    }

    public MunicipalityCode ownerMunicipality() {
        return ownerMunicipality;
    }

    public LegalBasis legalBasis() {
        return legalBasis;
    }

    public String funderName() {
        return funderName;
    }

    public String title() {
        return title;
    }

    public List<String> targetGroups() {
        return targetGroups;
    }

    public LocalDate periodStart() {
        return periodStart;
    }

    public LocalDate periodEnd() {
        return periodEnd;
    }

    public LocalDate joiningDeadline() {
        return joiningDeadline;
    }

    public long appliedAmountSek() {
        return appliedAmountSek;
    }

    /** The status; null before the application was opened. */
    public Status status() {
        return status;
    }

    /** The status the application had when it was closed (GRANTED or REJECTED); null while not closed. */
    public Status statusBeforeClosing() {
        return statusBeforeClosing;
    }

    public String closingReason() {
        return closingReason;
    }

    /** Whether the application is before submission: open, or with joining closed. */
    public boolean beforeSubmission() {
        return status == Status.OPEN || status == Status.JOINING_CLOSED;
    }

    /** Every municipality that was ever invited, in invitation order. */
    public List<Membership> memberships() {
        return List.copyOf(memberships.values());
    }

    public Optional<Membership> membership(MunicipalityCode municipality) {
        return Optional.ofNullable(memberships.get(municipality));
    }

    public Optional<MembershipStatus> membershipStatus(MunicipalityCode municipality) {
        return membership(municipality).map(Membership::status);
    }

    /** The municipalities with the given status, in invitation order. */
    public List<MunicipalityCode> municipalitiesWith(MembershipStatus membershipStatus) {
        return memberships.values().stream()
                .filter(m -> m.status() == membershipStatus)
                .map(Membership::municipality)
                .toList();
    }

    /** The joined municipalities whose cooperation form is not yet signed. */
    public List<MunicipalityCode> joinedButUnsigned() {
        return memberships.values().stream()
                .filter(m -> m.status() == MembershipStatus.JOINED && !m.signed())
                .map(Membership::municipality)
                .toList();
    }

    /** The decision reference currently recorded for each municipality that has one. */
    public Map<MunicipalityCode, DecisionReference> decisionReferences() {
        Map<MunicipalityCode, DecisionReference> references = new LinkedHashMap<>();
        memberships.values().stream()
                .filter(m -> m.decision() != null)
                .forEach(m -> references.put(m.municipality(), m.decision()));
        return Collections.unmodifiableMap(references);
    }

    public List<Delegation> delegations() {
        return List.copyOf(delegations.values());
    }

    public Optional<Delegation> delegation(DelegationId delegationId) {
        return Optional.ofNullable(delegations.get(delegationId));
    }

    public List<Delegation> delegationsOf(MunicipalityCode municipality) {
        return delegations.values().stream()
                .filter(d -> d.municipality().equals(municipality))
                .toList();
    }

    /** The signed cooperation forms of the municipalities currently joined. */
    public List<Signature> signatures() {
        return memberships.values().stream()
                .map(Membership::signature)
                .filter(s -> s != null)
                .toList();
    }

    /** Budget lines per municipality, then per year. */
    public Map<MunicipalityCode, Map<Integer, Long>> budgetLines() {
        Map<MunicipalityCode, Map<Integer, Long>> copy = new LinkedHashMap<>();
        budgetLines.forEach((code, years) -> copy.put(code, Collections.unmodifiableMap(new TreeMap<>(years))));
        return Collections.unmodifiableMap(copy);
    }

    public long budgetTotalSek() {
        return budgetLines.values().stream()
                .flatMap(years -> years.values().stream())
                .mapToLong(Long::longValue)
                .sum();
    }

    public List<Document> documents() {
        return List.copyOf(documents.values());
    }

    public boolean hasDocument(DocumentId documentId) {
        return documents.containsKey(documentId);
    }

    public long grantedAmountSek() {
        return grantedAmountSek;
    }

    /** The funder's case number (diarienummer), once decided. */
    public String caseNumber() {
        return caseNumber;
    }

    /** The date of the funder's decision (grant or rejection). */
    public LocalDate fundingDecisionDate() {
        return fundingDecisionDate;
    }

    public String conditions() {
        return conditions;
    }

    public String rejectionReason() {
        return rejectionReason;
    }

    /** The reports the grant requires, with their due dates and whether they were submitted. */
    public List<Report> reports() {
        return new ArrayList<>(reports.values());
    }

    public Optional<Report> report(ReportKind kind) {
        return Optional.ofNullable(reports.get(kind));
    }

    /** Whether the grant requires the report. */
    public boolean reportRequired(ReportKind kind) {
        return reports.containsKey(kind);
    }

    public boolean reportSubmitted(ReportKind kind) {
        return report(kind).map(Report::submitted).orElse(false);
    }

    public long requisitionedSek() {
        return requisitionedSek;
    }

    /** The funds used according to the latest report; empty before any report. */
    public Optional<Long> usedAmountSek() {
        return Optional.ofNullable(usedAmountSek);
    }

    public long repaymentClaimedSek() {
        return repaymentClaimedSek;
    }
}
