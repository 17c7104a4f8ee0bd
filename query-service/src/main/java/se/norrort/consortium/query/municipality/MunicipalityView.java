package se.norrort.consortium.query.municipality;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.bson.Document;
import se.norrort.consortium.api.events.ApplicationOpened;
import se.norrort.consortium.api.events.BudgetLineSet;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.CooperationFormSigned;
import se.norrort.consortium.api.events.DecisionReferenceCorrected;
import se.norrort.consortium.api.events.DocumentAttached;
import se.norrort.consortium.api.events.MunicipalityInvited;
import se.norrort.consortium.api.events.MunicipalityJoined;
import se.norrort.consortium.api.events.MunicipalityWithdrew;
import se.norrort.consortium.api.events.ParticipationDeclined;
import se.norrort.consortium.api.events.SignatureDelegated;
import se.norrort.consortium.api.events.SignatureDelegationRevoked;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;
import se.norrort.consortium.query.municipality.MunicipalityDocument.Counts;
import se.norrort.consortium.query.municipality.MunicipalityDocument.Task;
import se.norrort.consortium.query.municipality.MunicipalityEntry.Action;
import se.norrort.consortium.query.municipality.MunicipalityEntry.Application;
import se.norrort.consortium.query.municipality.MunicipalityEntry.Attachment;
import se.norrort.consortium.query.municipality.MunicipalityEntry.BudgetLine;
import se.norrort.consortium.query.municipality.MunicipalityEntry.Correction;
import se.norrort.consortium.query.municipality.MunicipalityEntry.Delegation;
import se.norrort.consortium.query.municipality.MunicipalityEntry.DelegationStatus;
import se.norrort.consortium.query.municipality.MunicipalityEntry.Granted;
import se.norrort.consortium.query.municipality.MunicipalityEntry.Rejected;
import se.norrort.consortium.query.municipality.MunicipalityEntry.Role;
import se.norrort.consortium.query.municipality.MunicipalityEntry.Signature;
import se.norrort.consortium.query.municipality.MunicipalityEntry.ToDo;
import se.norrort.consortium.query.projection.ApplicationFacts;
import se.norrort.consortium.query.projection.ApplicationFacts.Facts;
import se.norrort.consortium.query.projection.ApplicationFactsCodec;
import se.norrort.consortium.query.projection.Provenance;
import se.norrort.consortium.query.projection.ViewFields;

/**
 * One municipality's view, for its officers: every application it is invited to or owns, its status in each
 * ({@code INVITED}, {@code JOINED} with the committee decision and the appeal deadline, {@code DECLINED},
 * {@code WITHDRAWN}; {@code signed} apart), its signing delegations ({@code ACTIVE}, {@code REVOKED}, and when served
 * {@code EXPIRED}) and its signature, its budget lines, what the funder granted, and what it still has to do.
 * <p>
 * A pure fold over {@link MunicipalityDocument}: {@link #apply(MunicipalityDocument, String, ConsortiumEvent, long,
 * Instant, Facts)} takes the municipality's document (or {@code null}), an event with its global position, and the
 * application's facts <em>after</em> that event (see {@link ApplicationFacts}; they give a municipality invited later
 * the title, owner and deadlines it was not told in its own events). The events it reads: {@link #EVENT_TYPES}; any
 * other (the events about the application as a whole) only copies the facts again. The projection stores documents:
 * the {@link Document} overloads convert at the edges ({@link MunicipalityCodec}), where provenance is recorded.
 * <p>
 * <b>Idempotent per application entry.</b> One document may gather the events of many applications, and they do not
 * always arrive in log order: a failed event is parked in the dead-letter queue with the rest of its application's
 * events while other applications' events go on, and is applied when an operator retries it. So each application
 * entry keeps the position of the last event of <em>its</em> application it reflects, and an event at or below that
 * position changes nothing (the same instance is returned): a redelivered event is harmless, and a late one still
 * counts. The document's {@code position} is the highest position it reflects; {@code revision} counts its versions,
 * for conditional writes.
 * <p>
 * Delegation expiry depends on the day the view is read, so the fold keeps {@code ACTIVE} and {@link #asOf} marks
 * delegations past their {@code validUntil} as {@code EXPIRED} and derives the to-do list again for that day.
 */
public final class MunicipalityView {

    public static final String JOIN_OR_DECLINE = ToDo.JOIN_OR_DECLINE.name();
    public static final String DELEGATE_SIGNATORY = ToDo.DELEGATE_SIGNATORY.name();
    public static final String SIGN_COOPERATION_FORM = ToDo.SIGN_COOPERATION_FORM.name();
    public static final String SUBMIT_APPLICATION = ToDo.SUBMIT_APPLICATION.name();
    public static final String SUBMIT_INTERIM_REPORT = ToDo.SUBMIT_INTERIM_REPORT.name();
    public static final String SUBMIT_FINAL_REPORT = ToDo.SUBMIT_FINAL_REPORT.name();

    /** The event types the fold reads (besides copying the application's facts, which every event does). */
    public static final List<Class<? extends ConsortiumEvent>> EVENT_TYPES = List.of(
            ApplicationOpened.class,
            MunicipalityInvited.class,
            MunicipalityJoined.class,
            ParticipationDeclined.class,
            MunicipalityWithdrew.class,
            DecisionReferenceCorrected.class,
            SignatureDelegated.class,
            SignatureDelegationRevoked.class,
            CooperationFormSigned.class,
            BudgetLineSet.class,
            DocumentAttached.class);

    private static final String SIGNATURE_DELEGATED = "SignatureDelegated";

    private MunicipalityView() {}

    /**
     * The codes of the municipality documents an event changes, given the application's facts after the event: the
     * municipality it names (and the owner, whose consortium counts change with every answer and signature), or, for
     * events about the application as a whole, every municipality it concerns.
     */
    public static List<String> affected(ConsortiumEvent event, Document facts) {
        return affected(event, ApplicationFactsCodec.fromDocument(facts));
    }

    /** {@link #affected(ConsortiumEvent, Document)} of the facts as a record. */
    public static List<String> affected(ConsortiumEvent event, Facts facts) {
        String owner =
                facts == null || facts.owner() == null ? null : facts.owner().toString();
        List<String> codes = new ArrayList<>();
        if (event instanceof MunicipalityInvited e) {
            add(codes, e.municipality().toString(), owner);
        } else if (event instanceof MunicipalityJoined e) {
            add(codes, e.municipality().toString(), owner);
        } else if (event instanceof ParticipationDeclined e) {
            add(codes, e.municipality().toString(), owner);
        } else if (event instanceof MunicipalityWithdrew e) {
            add(codes, e.municipality().toString(), owner);
        } else if (event instanceof CooperationFormSigned e) {
            add(codes, e.municipality().toString(), owner);
        } else if (event instanceof DecisionReferenceCorrected e) {
            add(codes, e.municipality().toString());
        } else if (event instanceof SignatureDelegated e) {
            add(codes, e.municipality().toString());
        } else if (event instanceof SignatureDelegationRevoked e) {
            add(codes, e.municipality().toString());
        } else if (event instanceof BudgetLineSet e) {
            add(codes, e.municipality().toString());
        } else if (event instanceof DocumentAttached e) {
            add(codes, e.municipality() != null ? e.municipality().toString() : owner);
        } else if (facts != null) {
            // ApplicationOpened and the events about the application as a whole: every member and the owner
            facts.members().forEach(m -> add(codes, m.code().toString()));
            add(codes, owner);
        }
        return codes;
    }

    private static void add(List<String> codes, String... candidates) {
        for (String code : candidates) {
            if (code != null && !codes.contains(code)) {
                codes.add(code);
            }
        }
    }

    /** The fold on stored documents (decoded, folded, encoded in their shape); {@code view} itself when reflected. */
    public static Document apply(
            Document view, String code, ConsortiumEvent event, long position, Instant timestamp, Document facts) {
        return apply(view, code, event, position, timestamp, ApplicationFactsCodec.fromDocument(facts));
    }

    /** The fold on stored documents with the facts as a record; {@code view} itself when the event is reflected. */
    public static Document apply(
            Document view, String code, ConsortiumEvent event, long position, Instant timestamp, Facts facts) {
        return apply(view, code, event, position, timestamp, facts, MunicipalityRecords.none());
    }

    /**
     * The fold on stored documents, decoding only those whose record {@code records} does not know, and remembering
     * the record of the document it writes; what the event left as it was is shared with {@code view}.
     */
    static Document apply(
            Document view,
            String code,
            ConsortiumEvent event,
            long position,
            Instant timestamp,
            Facts facts,
            MunicipalityRecords records) {
        MunicipalityDocument before = records.of(view);
        MunicipalityDocument after = apply(before, code, event, position, timestamp, facts);
        if (after == before) {
            return view;
        }
        Document stored = MunicipalityCodec.toDocument(after, view, before);
        records.remember(stored, after);
        return stored;
    }

    /**
     * The municipality's document after {@code event} (of the application {@code facts} are of, as they are after
     * it); {@code view} itself when the event's application entry reflects it already.
     */
    public static MunicipalityDocument apply(
            MunicipalityDocument view,
            String code,
            ConsortiumEvent event,
            long position,
            Instant timestamp,
            Facts facts) {
        String applicationId = event.applicationId().toString();
        MunicipalityEntry reflected = view == null ? null : view.entry(applicationId);
        if (reflected != null && reflected.position() >= position) {
            return view;
        }
        MunicipalityEntry entry = entry(reflected, applicationId, code, event, position, timestamp, facts);
        List<MunicipalityEntry> applications = new ArrayList<>(view == null ? List.of() : view.applications());
        if (reflected == null) {
            applications.add(entry);
        } else {
            applications.replaceAll(e -> e == reflected ? entry : e);
        }
        return summarized(
                view == null ? code : view.id(),
                code,
                applications,
                Math.max(view == null ? -1 : view.position(), position),
                (view == null ? 0 : view.revision()) + 1,
                timestamp);
    }

    /**
     * The view as served on {@code today} (a date in Europe/Stockholm): active delegations whose {@code validUntil}
     * has passed are {@code EXPIRED}, and the to-do lists are derived again for that day.
     */
    public static MunicipalityDocument asOf(MunicipalityDocument view, LocalDate today) {
        List<MunicipalityEntry> applications =
                new ArrayList<>(view.applications().size());
        for (MunicipalityEntry e : view.applications()) {
            List<Delegation> delegations = new ArrayList<>();
            for (Delegation d : e.delegations() == null ? List.<Delegation>of() : e.delegations()) {
                delegations.add(
                        d.status() == DelegationStatus.ACTIVE
                                        && d.validUntil() != null
                                        && d.validUntil().isBefore(today)
                                ? d.withStatus(DelegationStatus.EXPIRED)
                                : d);
            }
            applications.add(derived(new Next(e).delegations(delegations), today));
        }
        return summarized(
                view.id(), view.code().toString(), applications, view.position(), view.revision(), view.updatedAt());
    }

    /**
     * {@link #asOf(MunicipalityDocument, LocalDate)} of a stored (or assembled) document, in its shape, with
     * {@code asOf} the day. Returns a new document.
     */
    public static Document asOf(Document view, LocalDate today) {
        Document served = MunicipalityCodec.toDocument(asOf(MunicipalityCodec.fromDocument(view), today), view);
        if (view.containsKey(Provenance.FIELD)) {
            served.put(Provenance.FIELD, view.get(Provenance.FIELD));
        }
        return served.append("asOf", today.toString());
    }

    /**
     * A municipality's document of these application entries: its {@code todo} and {@code counts} derived from the
     * entries' own to-do lists (as the fold left them), as the fold derives them; for a document assembled from entry
     * documents ({@link MunicipalityEntries#assemble}) too.
     */
    static MunicipalityDocument summarized(
            String id,
            String code,
            List<MunicipalityEntry> applications,
            long position,
            long revision,
            Instant updatedAt) {
        List<Task> todo = new ArrayList<>();
        long joined = 0;
        long signed = 0;
        for (MunicipalityEntry e : applications) {
            for (Action a : e.todo() != null ? e.todo() : actions(new Next(e), null)) {
                todo.add(new Task(e.applicationId(), e.title(), a.action(), a.due()));
            }
            if (e.status() == MembershipStatus.JOINED) {
                joined++;
                if (e.signed()) {
                    signed++;
                }
            }
        }
        todo.sort(Comparator.comparing(Task::due, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Task::applicationId));
        MunicipalityCode municipality = new MunicipalityCode(code);
        return new MunicipalityDocument(
                id,
                municipality,
                ViewFields.name(municipality),
                applications,
                todo,
                new Counts(applications.size(), joined, signed, todo.size()),
                position,
                revision,
                updatedAt);
    }

    /** The application entry after the event: its own fields, the application's facts, its position and to-do. */
    private static MunicipalityEntry entry(
            MunicipalityEntry reflected,
            String applicationId,
            String code,
            ConsortiumEvent event,
            long position,
            Instant at,
            Facts facts) {
        Next n = reflected == null ? new Next(applicationId) : new Next(reflected);
        if (event instanceof ApplicationOpened e) {
            if (e.invitedMunicipalities().contains(new MunicipalityCode(code))) {
                n.status(MembershipStatus.INVITED);
                n.invitedAt = at;
            } else if (!n.statusStated()) {
                n.notInvited = true;
            }
        } else if (event instanceof MunicipalityInvited e) {
            if (!n.statusStated()) {
                n.status(MembershipStatus.INVITED);
                n.invitedAt = at;
            } else if (concerns(e.municipality(), code)
                    && (n.status == MembershipStatus.DECLINED || n.status == MembershipStatus.WITHDRAWN)) {
                reinvited(n, at);
            }
        } else if (event instanceof MunicipalityJoined e && concerns(e.municipality(), code)) {
            n.status(MembershipStatus.JOINED);
            n.decision = e.decision();
            n.appealDeadline = e.appealDeadline();
            n.joinedAt = at;
        } else if (event instanceof ParticipationDeclined e && concerns(e.municipality(), code)) {
            n.status(MembershipStatus.DECLINED);
            n.reason = e.reason();
            n.decision = e.decision();
            n.declinedAt = at;
        } else if (event instanceof MunicipalityWithdrew e && concerns(e.municipality(), code)) {
            n.status(MembershipStatus.WITHDRAWN);
            n.reason = e.reason();
            n.decision = e.decision();
            n.withdrawnAt = at;
            // a form it signed no longer counts, as in ApplicationState (the signature is in the audit trail)
            n.signed = false;
            n.signature = null;
        } else if (event instanceof DecisionReferenceCorrected e && concerns(e.municipality(), code)) {
            corrected(n, e, at);
        } else if (event instanceof SignatureDelegated e && concerns(e.municipality(), code)) {
            List<Delegation> delegations = n.delegations();
            delegations.removeIf(d -> d.delegationId().equals(e.delegationId()));
            delegations.add(new Delegation(
                    e.delegationId(),
                    e.delegate(),
                    e.delegateName(),
                    e.delegateRole(),
                    e.scope(),
                    e.validUntil(),
                    e.decision(),
                    DelegationStatus.ACTIVE,
                    at,
                    null,
                    null));
        } else if (event instanceof SignatureDelegationRevoked e && concerns(e.municipality(), code)) {
            n.delegations().replaceAll(d -> d.delegationId().equals(e.delegationId()) ? d.revoked(at, e.reason()) : d);
        } else if (event instanceof CooperationFormSigned e && concerns(e.municipality(), code)) {
            n.signed = true;
            n.signature = new Signature(e.signatory(), e.signatoryName(), e.signatoryRole(), e.delegationId(), at);
        } else if (event instanceof BudgetLineSet e && concerns(e.municipality(), code)) {
            List<BudgetLine> lines = n.budgetLines == null ? new ArrayList<>() : new ArrayList<>(n.budgetLines);
            lines.removeIf(l -> l.year() == e.year());
            lines.add(new BudgetLine(e.year(), e.amountSek()));
            lines.sort(Comparator.comparingInt(BudgetLine::year));
            n.budgetLines = lines;
            n.budgetTotalSek = lines.stream().mapToLong(BudgetLine::amountSek).sum();
        } else if (event instanceof DocumentAttached e) {
            List<Attachment> documents = n.documents == null ? new ArrayList<>() : new ArrayList<>(n.documents);
            documents.add(new Attachment(e.documentId(), e.kind(), e.fileName(), e.sha256(), at));
            n.documents = documents;
        }
        if (facts != null) {
            n.application = application(code, facts, n.application);
        }
        n.position = position;
        return derived(n, null);
    }

    /**
     * Invited again after it declined or withdrew: invited as new, as in {@code ApplicationState} (no decision, appeal
     * deadline, signature or reason, and no times of the answers it gave before); what the domain keeps of the
     * application apart from the membership stays: its delegations, budget lines and documents, and the corrections
     * recorded (the audit trail keeps the earlier answers).
     */
    private static void reinvited(Next n, Instant at) {
        n.status(MembershipStatus.INVITED);
        n.invitedAt = at;
        n.signed = false;
        n.signature = null;
        n.decision = null;
        n.appealDeadline = null;
        n.reason = null;
        n.joinedAt = null;
        n.declinedAt = null;
        n.withdrawnAt = null;
    }

    private static boolean concerns(MunicipalityCode municipality, String code) {
        return municipality != null && municipality.toString().equals(code);
    }

    private static void corrected(Next n, DecisionReferenceCorrected e, Instant at) {
        List<Correction> corrections =
                n.decisionCorrections == null ? new ArrayList<>() : new ArrayList<>(n.decisionCorrections);
        corrections.add(
                new Correction(e.correctedEventType(), e.previousReference(), e.newReference(), e.reason(), at));
        n.decisionCorrections = corrections;
        if (SIGNATURE_DELEGATED.equals(e.correctedEventType())) {
            DecisionReference previous = e.previousReference();
            n.delegations()
                    .replaceAll(d -> Objects.equals(previous, d.decision()) ? d.withDecision(e.newReference()) : d);
        } else {
            n.decision = e.newReference();
            n.appealDeadline = e.appealDeadline();
        }
    }

    /**
     * The application's facts as the entry copies them; a grant, rejection or the owner's counts once copied stay
     * (as they always did) when the facts no longer give them.
     */
    private static Application application(String code, Facts facts, Application before) {
        boolean owner = facts.owner() != null && code.equals(facts.owner().toString());
        Granted granted = before == null ? null : before.granted();
        List<ApplicationFacts.Report> reports = before == null ? null : before.reports();
        Rejected rejected = before == null ? null : before.rejected();
        if (facts.decision() == Status.GRANTED) {
            granted = new Granted(
                    facts.grantedAmountSek(),
                    facts.appliedAmountSek(),
                    facts.caseNumber(),
                    facts.decisionDate(),
                    facts.conditions());
            reports = facts.reports();
        } else if (facts.decision() == Status.REJECTED) {
            rejected = new Rejected(facts.caseNumber(), facts.decisionDate(), facts.rejectionReason());
        }
        LegalBasis legalBasis = facts.legalBasis();
        return new Application(
                facts.title(),
                facts.owner(),
                facts.ownerName(),
                owner ? Role.OWNER : Role.MEMBER,
                facts.funder(),
                legalBasis,
                facts.periodStart(),
                facts.periodEnd(),
                facts.joiningDeadline(),
                Boolean.TRUE.equals(facts.joiningClosed()),
                facts.appliedAmountSek(),
                facts.status(),
                facts.submittedAt(),
                granted,
                reports,
                rejected,
                owner ? ApplicationFacts.counts(facts) : before == null ? null : before.consortium());
    }

    /** The entry with its to-do list derived for {@code today} ({@code null}: as of the fold). */
    private static MunicipalityEntry derived(Next n, LocalDate today) {
        n.todo = actions(n, today);
        return n.entry();
    }

    /**
     * What the entry still has to do. As the Document fold did, asking whether a joined municipality has an active
     * delegation stores an empty {@code delegations} list when it had none, and the owner's unsubmitted reports an
     * empty {@code reports} list: both are part of the stored shape.
     */
    private static List<Action> actions(Next n, LocalDate today) {
        List<Action> actions = new ArrayList<>();
        Application a = n.application;
        Status applicationStatus = a == null ? null : a.applicationStatus();
        boolean isOwner = a != null && a.role() == Role.OWNER;
        if (applicationStatus == null || ApplicationFacts.beforeSubmission(applicationStatus)) {
            if (n.status == MembershipStatus.INVITED && !(a != null && a.joiningClosed())) {
                actions.add(new Action(ToDo.JOIN_OR_DECLINE, a == null ? null : a.joiningDeadline()));
            } else if (n.status == MembershipStatus.JOINED && !n.signed) {
                boolean delegated = n.delegations().stream().anyMatch(d -> d.activeOn(today));
                actions.add(new Action(delegated ? ToDo.SIGN_COOPERATION_FORM : ToDo.DELEGATE_SIGNATORY, null));
            }
            ApplicationFacts.Counts consortium = a == null ? null : a.consortium();
            if (isOwner
                    && applicationStatus != null
                    && consortium != null
                    && consortium.joined() > 0
                    && consortium.signed() == consortium.joined()) {
                actions.add(new Action(ToDo.SUBMIT_APPLICATION, null));
            }
        } else if (applicationStatus == Status.GRANTED && isOwner) {
            if (a.reports() == null) {
                n.application = withReports(a, List.of());
            }
            for (ApplicationFacts.Report report : n.application.reports()) {
                if (!report.submitted()) {
                    actions.add(new Action(
                            report.report() == se.norrort.consortium.api.values.ReportKind.FINAL
                                    ? ToDo.SUBMIT_FINAL_REPORT
                                    : ToDo.SUBMIT_INTERIM_REPORT,
                            report.dueDate()));
                }
            }
        }
        return actions;
    }

    private static Application withReports(Application a, List<ApplicationFacts.Report> reports) {
        return new Application(
                a.title(),
                a.owner(),
                a.ownerName(),
                a.role(),
                a.funder(),
                a.legalBasis(),
                a.periodStart(),
                a.periodEnd(),
                a.joiningDeadline(),
                a.joiningClosed(),
                a.appliedAmountSek(),
                a.applicationStatus(),
                a.submittedAt(),
                a.granted(),
                reports,
                a.rejected(),
                a.consortium());
    }

    /** The entry being folded: a copy of its fields, changed by the event, then made a record again. */
    private static final class Next {
        final String applicationId;
        boolean signed;
        MembershipStatus status;
        boolean notInvited;
        Instant invitedAt;
        String reason;
        List<Correction> decisionCorrections;
        DecisionReference decision;
        LocalDate appealDeadline;
        Instant joinedAt;
        Instant declinedAt;
        Instant withdrawnAt;
        private List<Delegation> delegations;
        Signature signature;
        List<BudgetLine> budgetLines;
        Long budgetTotalSek;
        List<Attachment> documents;
        Application application;
        long position = -1;
        List<Action> todo;

        Next(String applicationId) {
            this.applicationId = applicationId;
        }

        Next(MunicipalityEntry e) {
            applicationId = e.applicationId();
            signed = e.signed();
            status = e.status();
            notInvited = e.notInvited();
            invitedAt = e.invitedAt();
            reason = e.reason();
            decisionCorrections = e.decisionCorrections();
            decision = e.decision();
            appealDeadline = e.appealDeadline();
            joinedAt = e.joinedAt();
            declinedAt = e.declinedAt();
            withdrawnAt = e.withdrawnAt();
            delegations = e.delegations() == null ? null : new ArrayList<>(e.delegations());
            signature = e.signature();
            budgetLines = e.budgetLines();
            budgetTotalSek = e.budgetTotalSek();
            documents = e.documents();
            application = e.application();
            position = e.position();
            todo = e.todo();
        }

        /** Whether a status is stored (the owner that did not invite itself counts). */
        boolean statusStated() {
            return status != null || notInvited;
        }

        void status(MembershipStatus next) {
            status = next;
            notInvited = false;
        }

        /** The delegations, stored (empty) from now on when there were none. */
        List<Delegation> delegations() {
            if (delegations == null) {
                delegations = new ArrayList<>();
            }
            return delegations;
        }

        Next delegations(List<Delegation> replaced) {
            delegations = new ArrayList<>(replaced);
            return this;
        }

        MunicipalityEntry entry() {
            return new MunicipalityEntry(
                    applicationId,
                    signed,
                    status,
                    notInvited,
                    invitedAt,
                    reason,
                    decisionCorrections,
                    decision,
                    appealDeadline,
                    joinedAt,
                    declinedAt,
                    withdrawnAt,
                    delegations,
                    signature,
                    budgetLines,
                    budgetTotalSek,
                    documents,
                    application,
                    position,
                    todo);
        }
    }
}
