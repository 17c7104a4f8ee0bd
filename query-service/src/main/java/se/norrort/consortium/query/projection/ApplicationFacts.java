package se.norrort.consortium.query.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bson.Document;
import se.norrort.consortium.api.events.ApplicationClosed;
import se.norrort.consortium.api.events.ApplicationOpened;
import se.norrort.consortium.api.events.ApplicationRejected;
import se.norrort.consortium.api.events.ApplicationSubmitted;
import se.norrort.consortium.api.events.AwardGranted;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.CooperationFormSigned;
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
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.ReportDueDate;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;

/**
 * The facts of one application as a whole, as the views that are not about one application need them: owner, title,
 * funder, deadlines, amounts, the application's status, the grant and its reports, and each invited municipality's
 * status (for counts). Used by the municipality view (as its per-application header) and by the funder list.
 * <p>
 * A pure fold over {@link Facts}: {@link #apply(Facts, ConsortiumEvent, long, Instant)} takes the facts (or
 * {@code null}) and an event with its global position and returns the next facts. An event at or below the position
 * the facts already reflect changes nothing (the same instance is returned), so a redelivered event is harmless. The
 * events it reads: {@link #EVENT_TYPES}; any other only moves {@code position} and {@code updatedAt} on. The
 * municipality projection stores documents: {@link #apply(Document, ConsortiumEvent, long, Instant)} converts at the
 * edges ({@link ApplicationFactsCodec}).
 * <p>
 * Status words are the domain's ({@code application-model}'s {@link Status} and {@link MembershipStatus}): the
 * application is {@code OPEN}, {@code JOINING_CLOSED} (from the {@code JoiningClosed} event on, as in the domain;
 * {@code joiningClosed: true} is kept for clients that read it), {@code SUBMITTED}, {@code GRANTED},
 * {@code REJECTED} or {@code CLOSED}; a member is {@code INVITED}, {@code JOINED}, {@code DECLINED} or
 * {@code WITHDRAWN}, and {@code INVITED} (unsigned) again when invited after it declined or withdrew. Money is whole
 * kronor ({@code ...Sek}); dates are {@code YYYY-MM-DD}; times are UTC instants.
 */
public final class ApplicationFacts {

    public static final String OPEN = Status.OPEN.name();
    public static final String JOINING_CLOSED = Status.JOINING_CLOSED.name();
    public static final String SUBMITTED = Status.SUBMITTED.name();
    public static final String GRANTED = Status.GRANTED.name();
    public static final String REJECTED = Status.REJECTED.name();
    public static final String CLOSED = Status.CLOSED.name();

    /** The event types the fold reads. */
    public static final List<Class<? extends ConsortiumEvent>> EVENT_TYPES = List.of(
            ApplicationOpened.class,
            MunicipalityInvited.class,
            MunicipalityJoined.class,
            ParticipationDeclined.class,
            MunicipalityWithdrew.class,
            CooperationFormSigned.class,
            ApplicationSubmitted.class,
            JoiningClosed.class,
            AwardGranted.class,
            ApplicationRejected.class,
            FundsRequisitioned.class,
            InterimReportSubmitted.class,
            FinalReportSubmitted.class,
            ReportOverdue.class,
            RepaymentClaimed.class,
            ApplicationClosed.class);

    private ApplicationFacts() {}

    /**
     * The facts of one application.
     *
     * @param applicationId     the application ({@code _id})
     * @param owner             the project owner; {@code null} (with the rest of the opening) before
     *                          {@code ApplicationOpened}
     * @param ownerName         the owner's official name
     * @param title             the title
     * @param funder            the funder's name
     * @param legalBasis        the legal basis applied under (may be {@code null})
     * @param targetGroups      the target groups
     * @param periodStart       the project period's first day (may be {@code null})
     * @param periodEnd         its last day (may be {@code null})
     * @param joiningDeadline   the last day to join
     * @param appliedAmountSek  the amount applied for, as opened and then as submitted
     * @param status            the application's status; {@code null} before an event that sets it
     * @param joiningClosed     whether joining closed; {@code false} from the opening, {@code true} from
     *                          {@code JoiningClosed} on
     * @param openedAt          when it was opened
     * @param members           every invited municipality, in invitation order
     * @param position          the position of the last event reflected
     * @param updatedAt         when that event was recorded
     * @param submittedAt       when it was submitted, with {@code submittedPosition} and {@code submission};
     *                          {@code null} before
     * @param submittedPosition the position of the submission
     * @param submission        what the submission recorded about the consortium
     * @param decision          the funder's decision, {@code GRANTED} or {@code REJECTED}; {@code null} before it
     * @param grantedAmountSek  the amount granted; {@code null} unless granted
     * @param caseNumber        the funder's case number, set with the decision (may be {@code null})
     * @param decisionDate      the decision's date, set with the decision (may be {@code null})
     * @param conditions        the grant's conditions, set with a grant (may be {@code null})
     * @param rejectionReason   why it was rejected, set with a rejection (may be {@code null})
     * @param reports           the reports the grant requires, and what became of them
     * @param requisitionedSek  all funds requisitioned; {@code null} before the first requisition
     * @param repaymentClaimedSek all repayment claimed; {@code null} before the first claim
     * @param closedAt          when it was closed, with {@code closeReason}; {@code null} before
     * @param closeReason       why it was closed (may be {@code null})
     */
    public record Facts(
            String applicationId,
            MunicipalityCode owner,
            String ownerName,
            String title,
            String funder,
            LegalBasis legalBasis,
            List<String> targetGroups,
            LocalDate periodStart,
            LocalDate periodEnd,
            LocalDate joiningDeadline,
            Long appliedAmountSek,
            Status status,
            Boolean joiningClosed,
            Instant openedAt,
            List<Member> members,
            long position,
            Instant updatedAt,
            Instant submittedAt,
            Long submittedPosition,
            Submission submission,
            Status decision,
            Long grantedAmountSek,
            String caseNumber,
            LocalDate decisionDate,
            String conditions,
            String rejectionReason,
            List<Report> reports,
            Long requisitionedSek,
            Long repaymentClaimedSek,
            Instant closedAt,
            String closeReason) {

        public Facts {
            targetGroups = targetGroups == null ? null : List.copyOf(targetGroups);
            members = List.copyOf(members);
            reports = List.copyOf(reports);
        }
    }

    /** An invited municipality: its code, official name, status and whether it signed. */
    public record Member(MunicipalityCode code, String name, MembershipStatus status, boolean signed) {}

    /**
     * A report the grant requires.
     *
     * @param submittedAt   when it was submitted, with {@code usedAmountSek}; {@code null} before
     * @param usedAmountSek the funds used, as the report says
     */
    public record Report(
            ReportKind report,
            LocalDate dueDate,
            boolean submitted,
            boolean overdue,
            Instant submittedAt,
            Long usedAmountSek) {}

    /** What the submission recorded about the consortium. */
    public record Submission(
            List<MunicipalityCode> participatingMunicipalities,
            int participantCount,
            int declinedCount,
            int withdrawnCount,
            int unansweredCount) {

        public Submission {
            participatingMunicipalities = List.copyOf(participatingMunicipalities);
        }
    }

    /** The invited municipalities counted by status. */
    public record Counts(long invited, long joined, long signed, long declined, long withdrawn, long notAnswered) {}

    /**
     * Whether an application status is one before submission ({@code OPEN} or {@code JOINING_CLOSED}), as the
     * domain's {@code ApplicationState.beforeSubmission()}: the owner may still submit, members still sign.
     */
    public static boolean beforeSubmission(String status) {
        return OPEN.equals(status) || JOINING_CLOSED.equals(status);
    }

    /** Whether an application status is one before submission ({@code null}: not known, is not). */
    public static boolean beforeSubmission(Status status) {
        return status == Status.OPEN || status == Status.JOINING_CLOSED;
    }

    /**
     * The fold on stored documents: {@code facts} read as {@link Facts}, folded, and written back in the shape it was
     * stored in; {@code facts} itself when the event is already reflected.
     */
    public static Document apply(Document facts, ConsortiumEvent event, long position, Instant timestamp) {
        if (ViewFields.position(facts) >= position) {
            return facts;
        }
        Facts next = apply(ApplicationFactsCodec.fromDocument(facts), event, position, timestamp);
        return ApplicationFactsCodec.toDocument(next, facts);
    }

    /** The facts after {@code event}; {@code facts} itself when the event is at or below the position they reflect. */
    public static Facts apply(Facts facts, ConsortiumEvent event, long position, Instant timestamp) {
        if (facts != null && facts.position() >= position) {
            return facts;
        }
        Next n = new Next(facts, event);
        if (event instanceof ApplicationOpened e) {
            n.owner = e.ownerMunicipality();
            n.ownerName = ViewFields.name(e.ownerMunicipality());
            n.title = e.title();
            n.funder = e.funderName();
            n.legalBasis = e.legalBasis();
            n.targetGroups = e.targetGroups();
            n.periodStart = e.periodStart();
            n.periodEnd = e.periodEnd();
            n.joiningDeadline = e.joiningDeadline();
            n.appliedAmountSek = e.appliedAmountSek();
            n.status = Status.OPEN;
            n.joiningClosed = false;
            n.openedAt = timestamp;
            e.invitedMunicipalities().forEach(n::invite);
        } else if (event instanceof MunicipalityInvited e) {
            n.invited(e.municipality());
        } else if (event instanceof MunicipalityJoined e) {
            n.member(e.municipality(), m -> new Member(m.code(), m.name(), MembershipStatus.JOINED, m.signed()));
        } else if (event instanceof ParticipationDeclined e) {
            n.member(e.municipality(), m -> new Member(m.code(), m.name(), MembershipStatus.DECLINED, m.signed()));
        } else if (event instanceof MunicipalityWithdrew e) {
            // a form it signed no longer counts, as in ApplicationState
            n.member(e.municipality(), m -> new Member(m.code(), m.name(), MembershipStatus.WITHDRAWN, false));
        } else if (event instanceof CooperationFormSigned e) {
            n.member(e.municipality(), m -> new Member(m.code(), m.name(), m.status(), true));
        } else if (event instanceof ApplicationSubmitted e) {
            n.status = Status.SUBMITTED;
            n.submittedAt = timestamp;
            n.submittedPosition = position;
            n.appliedAmountSek = e.appliedAmountSek();
            n.submission = new Submission(
                    e.participatingMunicipalities(),
                    e.participantCount(),
                    e.declinedCount(),
                    e.withdrawnCount(),
                    e.unansweredCount());
        } else if (event instanceof JoiningClosed) {
            n.status = Status.JOINING_CLOSED;
            n.joiningClosed = true;
        } else if (event instanceof AwardGranted e) {
            n.status = Status.GRANTED;
            n.decision = Status.GRANTED;
            n.grantedAmountSek = e.amountSek();
            n.caseNumber = e.caseNumber();
            n.decisionDate = e.decisionDate();
            n.conditions = e.conditions();
            n.reports = reports(e.reportDueDates());
        } else if (event instanceof ApplicationRejected e) {
            n.status = Status.REJECTED;
            n.decision = Status.REJECTED;
            n.caseNumber = e.caseNumber();
            n.decisionDate = e.decisionDate();
            n.rejectionReason = e.reason();
        } else if (event instanceof FundsRequisitioned e) {
            n.requisitionedSek = e.totalRequisitionedSek();
        } else if (event instanceof InterimReportSubmitted e) {
            n.report(ReportKind.INTERIM, e.dueDate(), r -> submitted(r, timestamp, e.usedAmountSek()));
        } else if (event instanceof FinalReportSubmitted e) {
            n.report(ReportKind.FINAL, e.dueDate(), r -> submitted(r, timestamp, e.usedAmountSek()));
        } else if (event instanceof ReportOverdue e) {
            n.report(
                    e.report(),
                    e.dueDate(),
                    r -> new Report(r.report(), r.dueDate(), r.submitted(), true, r.submittedAt(), r.usedAmountSek()));
        } else if (event instanceof RepaymentClaimed e) {
            n.repaymentClaimedSek = e.totalClaimedSek();
        } else if (event instanceof ApplicationClosed e) {
            n.status = Status.CLOSED;
            n.closedAt = timestamp;
            n.closeReason = e.reason();
        }
        return n.facts(position, timestamp);
    }

    /** Counts of the invited municipalities by status: invited, joined, signed, declined, withdrawn, notAnswered. */
    public static Counts counts(Facts facts) {
        long joined = 0;
        long signed = 0;
        long declined = 0;
        long withdrawn = 0;
        long notAnswered = 0;
        List<Member> members = facts == null ? List.of() : facts.members();
        for (Member m : members) {
            if (m.status() == MembershipStatus.JOINED) {
                joined++;
                if (m.signed()) {
                    signed++;
                }
            } else if (m.status() == MembershipStatus.DECLINED) {
                declined++;
            } else if (m.status() == MembershipStatus.WITHDRAWN) {
                withdrawn++;
            } else {
                notAnswered++;
            }
        }
        return new Counts(members.size(), joined, signed, declined, withdrawn, notAnswered);
    }

    /** {@link #counts(Facts)} of stored facts, as a document (every count an int64). */
    public static Document counts(Document facts) {
        return ApplicationFactsCodec.counts(counts(ApplicationFactsCodec.fromDocument(facts)));
    }

    /** The codes of the municipalities the application concerns: every invited one and the owner. */
    public static List<String> municipalities(Document facts) {
        if (facts == null) {
            return List.of();
        }
        List<String> codes = new ArrayList<>(facts.getList("members", Document.class, List.of()).stream()
                .map(m -> m.getString("code"))
                .toList());
        String owner = facts.getString("owner");
        if (owner != null && !codes.contains(owner)) {
            codes.add(owner);
        }
        return codes;
    }

    private static List<Report> reports(List<ReportDueDate> dueDates) {
        return dueDates.stream()
                .map(r -> new Report(r.report(), r.dueDate(), false, false, null, null))
                .toList();
    }

    private static Report submitted(Report r, Instant timestamp, long usedAmountSek) {
        return new Report(r.report(), r.dueDate(), true, r.overdue(), timestamp, usedAmountSek);
    }

    /** The facts being folded: a copy of the fields, changed by the event, then made a record again. */
    private static final class Next {
        final String applicationId;
        MunicipalityCode owner;
        String ownerName;
        String title;
        String funder;
        LegalBasis legalBasis;
        List<String> targetGroups;
        LocalDate periodStart;
        LocalDate periodEnd;
        LocalDate joiningDeadline;
        Long appliedAmountSek;
        Status status;
        Boolean joiningClosed;
        Instant openedAt;
        final List<Member> members;
        Instant submittedAt;
        Long submittedPosition;
        Submission submission;
        Status decision;
        Long grantedAmountSek;
        String caseNumber;
        LocalDate decisionDate;
        String conditions;
        String rejectionReason;
        List<Report> reports;
        Long requisitionedSek;
        Long repaymentClaimedSek;
        Instant closedAt;
        String closeReason;

        Next(Facts f, ConsortiumEvent event) {
            if (f == null) {
                applicationId = event.applicationId().toString();
                members = new ArrayList<>();
                reports = List.of();
                return;
            }
            applicationId = f.applicationId();
            owner = f.owner();
            ownerName = f.ownerName();
            title = f.title();
            funder = f.funder();
            legalBasis = f.legalBasis();
            targetGroups = f.targetGroups();
            periodStart = f.periodStart();
            periodEnd = f.periodEnd();
            joiningDeadline = f.joiningDeadline();
            appliedAmountSek = f.appliedAmountSek();
            status = f.status();
            joiningClosed = f.joiningClosed();
            openedAt = f.openedAt();
            members = new ArrayList<>(f.members());
            submittedAt = f.submittedAt();
            submittedPosition = f.submittedPosition();
            submission = f.submission();
            decision = f.decision();
            grantedAmountSek = f.grantedAmountSek();
            caseNumber = f.caseNumber();
            decisionDate = f.decisionDate();
            conditions = f.conditions();
            rejectionReason = f.rejectionReason();
            reports = f.reports();
            requisitionedSek = f.requisitionedSek();
            repaymentClaimedSek = f.repaymentClaimedSek();
            closedAt = f.closedAt();
            closeReason = f.closeReason();
        }

        /** Adds an invited municipality at the end, unless it is there. */
        void invite(MunicipalityCode code) {
            if (members.stream().noneMatch(m -> m.code().equals(code))) {
                members.add(new Member(code, ViewFields.name(code), MembershipStatus.INVITED, false));
            }
        }

        /**
         * An invitation: a new member at the end; one that declined or withdrew invited again in its place, unsigned
         * (as {@code ApplicationState} does); one still invited or joined as it is.
         */
        void invited(MunicipalityCode code) {
            invite(code);
            members.replaceAll(m -> m.code().equals(code)
                            && (m.status() == MembershipStatus.DECLINED || m.status() == MembershipStatus.WITHDRAWN)
                    ? new Member(m.code(), m.name(), MembershipStatus.INVITED, false)
                    : m);
        }

        void member(MunicipalityCode code, UnaryOperator<Member> change) {
            invite(code);
            members.replaceAll(m -> m.code().equals(code) ? change.apply(m) : m);
        }

        /**
         * Changes the report of that kind due that day; else the first of that kind not yet submitted (a moved due
         * date); else adds one.
         */
        void report(ReportKind kind, LocalDate dueDate, UnaryOperator<Report> change) {
            List<Report> next = new ArrayList<>(reports);
            int match = -1;
            for (int i = 0; i < next.size() && match < 0; i++) {
                Report r = next.get(i);
                if (r.report() == kind && dueDate != null && dueDate.equals(r.dueDate())) {
                    match = i;
                }
            }
            for (int i = 0; i < next.size() && match < 0; i++) {
                Report r = next.get(i);
                if (r.report() == kind && !r.submitted()) {
                    match = i;
                }
            }
            if (match >= 0) {
                next.set(match, change.apply(next.get(match)));
            } else {
                next.add(change.apply(new Report(kind, dueDate, false, false, null, null)));
            }
            reports = next;
        }

        Facts facts(long position, Instant updatedAt) {
            return new Facts(
                    applicationId,
                    owner,
                    ownerName,
                    title,
                    funder,
                    legalBasis,
                    targetGroups,
                    periodStart,
                    periodEnd,
                    joiningDeadline,
                    appliedAmountSek,
                    status,
                    joiningClosed,
                    openedAt,
                    members,
                    position,
                    updatedAt,
                    submittedAt,
                    submittedPosition,
                    submission,
                    decision,
                    grantedAmountSek,
                    caseNumber,
                    decisionDate,
                    conditions,
                    rejectionReason,
                    reports,
                    requisitionedSek,
                    repaymentClaimedSek,
                    closedAt,
                    closeReason);
        }
    }
}
