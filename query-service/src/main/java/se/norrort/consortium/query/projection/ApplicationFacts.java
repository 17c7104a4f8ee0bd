package se.norrort.consortium.query.projection;

import java.time.Instant;
import java.time.LocalDate;
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
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;

/**
 * The facts of one application as a whole, as the views that are not about one application need them: owner, title,
 * funder, deadlines, amounts, the application's status, the grant and its reports, and each invited municipality's
 * status (for counts). Used by the municipality view (as its per-application header) and by the funder list.
 * <p>
 * A pure fold: {@link #apply} takes the document (or {@code null}) and an event with its global position and
 * returns the next document, never changing the one it was given. An event at or below the position the document
 * already reflects changes nothing (the same instance is returned), so a redelivered event is harmless.
 * <p>
 * Status words are the domain's ({@code application-model}'s {@link Status} and {@link MembershipStatus}): the
 * application is {@code OPEN}, {@code JOINING_CLOSED} (from the {@code JoiningClosed} event on, as in the domain;
 * {@code joiningClosed: true} is kept for clients that read it), {@code SUBMITTED}, {@code GRANTED},
 * {@code REJECTED} or {@code CLOSED}; a member is {@code INVITED}, {@code JOINED}, {@code DECLINED} or
 * {@code WITHDRAWN}. Money is whole kronor ({@code ...Sek}); dates are {@code YYYY-MM-DD}; times are UTC instants.
 */
public final class ApplicationFacts {

    public static final String OPEN = Status.OPEN.name();
    public static final String JOINING_CLOSED = Status.JOINING_CLOSED.name();
    public static final String SUBMITTED = Status.SUBMITTED.name();
    public static final String GRANTED = Status.GRANTED.name();
    public static final String REJECTED = Status.REJECTED.name();
    public static final String CLOSED = Status.CLOSED.name();

    private ApplicationFacts() {}

    /**
     * Whether an application status is one before submission ({@code OPEN} or {@code JOINING_CLOSED}), as the
     * domain's {@code ApplicationState.beforeSubmission()}: the owner may still submit, members still sign.
     */
    public static boolean beforeSubmission(String status) {
        return OPEN.equals(status) || JOINING_CLOSED.equals(status);
    }

    public static Document apply(Document facts, ConsortiumEvent event, long position, Instant timestamp) {
        if (ViewDocuments.position(facts) >= position) {
            return facts;
        }
        Document next =
                facts == null ? new Document("_id", event.applicationId().toString()) : ViewDocuments.copy(facts);
        if (event instanceof ApplicationOpened e) {
            next.append("owner", e.ownerMunicipality().toString())
                    .append("ownerName", ViewDocuments.name(e.ownerMunicipality()))
                    .append("title", e.title())
                    .append("funder", e.funderName())
                    .append(
                            "legalBasis",
                            e.legalBasis() == null ? null : e.legalBasis().name())
                    .append("targetGroups", e.targetGroups())
                    .append("periodStart", text(e.periodStart()))
                    .append("periodEnd", text(e.periodEnd()))
                    .append("joiningDeadline", text(e.joiningDeadline()))
                    .append("appliedAmountSek", e.appliedAmountSek())
                    .append("status", OPEN)
                    .append("joiningClosed", false)
                    .append("openedAt", timestamp.toString());
            e.invitedMunicipalities().forEach(code -> member(next, code));
        } else if (event instanceof MunicipalityInvited e) {
            member(next, e.municipality());
        } else if (event instanceof MunicipalityJoined e) {
            update(next, e.municipality(), m -> m.append("status", MembershipStatus.JOINED.name()));
        } else if (event instanceof ParticipationDeclined e) {
            update(next, e.municipality(), m -> m.append("status", MembershipStatus.DECLINED.name()));
        } else if (event instanceof MunicipalityWithdrew e) {
            update(next, e.municipality(), m -> m.append("status", MembershipStatus.WITHDRAWN.name()));
        } else if (event instanceof CooperationFormSigned e) {
            update(next, e.municipality(), m -> m.append("signed", true));
        } else if (event instanceof ApplicationSubmitted e) {
            next.append("status", SUBMITTED)
                    .append("submittedAt", timestamp.toString())
                    .append("submittedPosition", position)
                    .append("appliedAmountSek", e.appliedAmountSek())
                    .append(
                            "submission",
                            new Document(
                                            "participatingMunicipalities",
                                            e.participatingMunicipalities().stream()
                                                    .map(MunicipalityCode::toString)
                                                    .toList())
                                    .append("participantCount", e.participantCount())
                                    .append("declinedCount", e.declinedCount())
                                    .append("withdrawnCount", e.withdrawnCount())
                                    .append("unansweredCount", e.unansweredCount()));
        } else if (event instanceof JoiningClosed) {
            next.append("status", JOINING_CLOSED).append("joiningClosed", true);
        } else if (event instanceof AwardGranted e) {
            next.append("status", GRANTED)
                    .append("decision", GRANTED)
                    .append("grantedAmountSek", e.amountSek())
                    .append("caseNumber", e.caseNumber())
                    .append("decisionDate", text(e.decisionDate()))
                    .append("conditions", e.conditions())
                    .append("reports", ViewDocuments.reports(e.reportDueDates()));
        } else if (event instanceof ApplicationRejected e) {
            next.append("status", REJECTED)
                    .append("decision", REJECTED)
                    .append("caseNumber", e.caseNumber())
                    .append("decisionDate", text(e.decisionDate()))
                    .append("rejectionReason", e.reason());
        } else if (event instanceof FundsRequisitioned e) {
            next.append("requisitionedSek", e.totalRequisitionedSek());
        } else if (event instanceof InterimReportSubmitted e) {
            report(
                    next,
                    ReportKind.INTERIM,
                    e.dueDate(),
                    r -> r.append("submitted", true)
                            .append("submittedAt", timestamp.toString())
                            .append("usedAmountSek", e.usedAmountSek()));
        } else if (event instanceof FinalReportSubmitted e) {
            report(
                    next,
                    ReportKind.FINAL,
                    e.dueDate(),
                    r -> r.append("submitted", true)
                            .append("submittedAt", timestamp.toString())
                            .append("usedAmountSek", e.usedAmountSek()));
        } else if (event instanceof ReportOverdue e) {
            report(next, e.report(), e.dueDate(), r -> r.append("overdue", true));
        } else if (event instanceof RepaymentClaimed e) {
            next.append("repaymentClaimedSek", e.totalClaimedSek());
        } else if (event instanceof ApplicationClosed e) {
            next.append("status", CLOSED)
                    .append("closedAt", timestamp.toString())
                    .append("closeReason", e.reason());
        }
        return next.append("position", position).append("updatedAt", timestamp.toString());
    }

    /** Counts of the invited municipalities by status: invited, joined, signed, declined, withdrawn, notAnswered. */
    public static Document counts(Document facts) {
        long joined = 0;
        long signed = 0;
        long declined = 0;
        long withdrawn = 0;
        long notAnswered = 0;
        List<Document> members = facts == null ? List.of() : ViewDocuments.list(facts, "members");
        for (Document m : members) {
            String status = m.getString("status");
            if (MembershipStatus.JOINED.name().equals(status)) {
                joined++;
                if (Boolean.TRUE.equals(m.getBoolean("signed"))) {
                    signed++;
                }
            } else if (MembershipStatus.DECLINED.name().equals(status)) {
                declined++;
            } else if (MembershipStatus.WITHDRAWN.name().equals(status)) {
                withdrawn++;
            } else {
                notAnswered++;
            }
        }
        return new Document("invited", (long) members.size())
                .append("joined", joined)
                .append("signed", signed)
                .append("declined", declined)
                .append("withdrawn", withdrawn)
                .append("notAnswered", notAnswered);
    }

    /** The codes of the municipalities the application concerns: every invited one and the owner. */
    public static List<String> municipalities(Document facts) {
        if (facts == null) {
            return List.of();
        }
        List<String> codes = new java.util.ArrayList<>(ViewDocuments.list(facts, "members").stream()
                .map(m -> m.getString("code"))
                .toList());
        String owner = facts.getString("owner");
        if (owner != null && !codes.contains(owner)) {
            codes.add(owner);
        }
        return codes;
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static void member(Document facts, MunicipalityCode code) {
        List<Document> members = ViewDocuments.list(facts, "members");
        if (members.stream().noneMatch(m -> code.toString().equals(m.getString("code")))) {
            members.add(new Document("code", code.toString())
                    .append("name", ViewDocuments.name(code))
                    .append("status", MembershipStatus.INVITED.name())
                    .append("signed", false));
        }
    }

    private static void update(Document facts, MunicipalityCode code, UnaryOperator<Document> change) {
        member(facts, code);
        List<Document> members = ViewDocuments.list(facts, "members");
        for (int i = 0; i < members.size(); i++) {
            if (code.toString().equals(members.get(i).getString("code"))) {
                members.set(i, change.apply(members.get(i)));
            }
        }
    }

    private static void report(Document facts, ReportKind kind, LocalDate dueDate, UnaryOperator<Document> change) {
        List<Document> reports = ViewDocuments.list(facts, "reports");
        String due = text(dueDate);
        // The report of that kind due that day; else the first of that kind not yet submitted (a moved due date).
        int match = -1;
        for (int i = 0; i < reports.size() && match < 0; i++) {
            Document r = reports.get(i);
            if (kind.name().equals(r.getString("report")) && due != null && due.equals(r.getString("dueDate"))) {
                match = i;
            }
        }
        for (int i = 0; i < reports.size() && match < 0; i++) {
            Document r = reports.get(i);
            if (kind.name().equals(r.getString("report")) && !Boolean.TRUE.equals(r.getBoolean("submitted"))) {
                match = i;
            }
        }
        if (match >= 0) {
            reports.set(match, change.apply(reports.get(match)));
            return;
        }
        reports.add(change.apply(new Document("report", kind.name())
                .append("dueDate", due)
                .append("submitted", false)
                .append("overdue", false)));
    }
}
