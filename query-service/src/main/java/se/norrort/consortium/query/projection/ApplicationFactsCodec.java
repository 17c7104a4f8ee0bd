package se.norrort.consortium.query.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;
import se.norrort.consortium.query.projection.ApplicationFacts.Counts;
import se.norrort.consortium.query.projection.ApplicationFacts.Facts;
import se.norrort.consortium.query.projection.ApplicationFacts.Member;
import se.norrort.consortium.query.projection.ApplicationFacts.Report;
import se.norrort.consortium.query.projection.ApplicationFacts.Submission;

/**
 * {@link Facts} to and from the stored {@link Document}, in the shape the facts have always been stored in: the same
 * field names, BSON types (amounts and positions int64, the submission's counts int32), texts for dates, times and
 * enums, and the same fields present: a field is stored from the event that first sets it on (with {@code null}
 * where that event gave none) and keeps its place ({@link StoredShape}), so {@code toDocument(fromDocument(d), d)} is
 * {@code d}.
 * <p>
 * Stored fields, in order for facts begun by {@code ApplicationOpened} (every application's stream is, and it always
 * invites at least the owner): {@code _id}; from the opening {@code owner, ownerName, title, funder, legalBasis,
 * targetGroups, periodStart, periodEnd, joiningDeadline, appliedAmountSek, status, joiningClosed, openedAt};
 * {@code members}; {@code position, updatedAt}; then, as the events come, {@code submittedAt, submittedPosition,
 * submission}; {@code decision, grantedAmountSek, caseNumber, decisionDate, conditions} (a grant) or {@code decision,
 * caseNumber, decisionDate, rejectionReason} (a rejection); {@code reports}; {@code requisitionedSek};
 * {@code repaymentClaimedSek}; {@code closedAt, closeReason}.
 */
public final class ApplicationFactsCodec {

    private ApplicationFactsCodec() {}

    /** The stored document of {@code facts}, shaped after {@code previous}, the document they were folded from. */
    public static Document toDocument(Facts facts, Document previous) {
        StoredShape shape = StoredShape.after(previous);
        write(shape, facts, previous, s -> {});
        return shape.document();
    }

    /**
     * Writes the fields of {@code facts} into {@code shape}; {@code afterUpdate} may add fields of a view built on the
     * facts where a new document has them: after {@code updatedAt}, before the fields later events add.
     */
    public static void write(StoredShape shape, Facts f, Document previous, Consumer<StoredShape> afterUpdate) {
        boolean opened = f.owner() != null;
        boolean submitted = f.submittedAt() != null;
        boolean decided = f.decision() != null;
        boolean closed = f.closedAt() != null;
        shape.put("_id", f.applicationId())
                .putIf(opened, "owner", ViewFields.text(f.owner()))
                .putIf(opened, "ownerName", f.ownerName())
                .putIf(opened, "title", f.title())
                .putIf(opened, "funder", f.funder())
                .putIf(
                        opened,
                        "legalBasis",
                        f.legalBasis() == null ? null : f.legalBasis().name())
                .putIf(opened, "targetGroups", f.targetGroups())
                .putIf(opened, "periodStart", ViewFields.text(f.periodStart()))
                .putIf(opened, "periodEnd", ViewFields.text(f.periodEnd()))
                .putIf(opened, "joiningDeadline", ViewFields.text(f.joiningDeadline()))
                .putIfNotNull("appliedAmountSek", f.appliedAmountSek())
                .putIfNotNull("status", f.status() == null ? null : f.status().name())
                .putIfNotNull("joiningClosed", f.joiningClosed())
                .putIf(opened, "openedAt", ViewFields.text(f.openedAt()))
                .putIf(!f.members().isEmpty(), "members", members(f.members()))
                .put("position", f.position())
                .put("updatedAt", ViewFields.text(f.updatedAt()));
        afterUpdate.accept(shape);
        shape.putIf(submitted, "submittedAt", ViewFields.text(f.submittedAt()))
                .putIf(submitted, "submittedPosition", f.submittedPosition())
                .putIf(submitted, "submission", submission(f.submission()))
                .putIf(
                        decided,
                        "decision",
                        f.decision() == null ? null : f.decision().name())
                .putIfNotNull("grantedAmountSek", f.grantedAmountSek())
                .putIf(decided, "caseNumber", f.caseNumber())
                .putIf(decided, "decisionDate", ViewFields.text(f.decisionDate()))
                .putIf(f.decision() == Status.GRANTED, "conditions", f.conditions())
                .putIf(f.decision() == Status.REJECTED, "rejectionReason", f.rejectionReason())
                .putIf(
                        f.decision() == Status.GRANTED || !f.reports().isEmpty(),
                        "reports",
                        reports(f.reports(), previous))
                .putIfNotNull("requisitionedSek", f.requisitionedSek())
                .putIfNotNull("repaymentClaimedSek", f.repaymentClaimedSek())
                .putIf(closed, "closedAt", ViewFields.text(f.closedAt()))
                .putIf(closed, "closeReason", f.closeReason());
    }

    /** The facts of a stored document ({@code null} for none); fields of a view built on them are not read. */
    public static Facts fromDocument(Document d) {
        if (d == null) {
            return null;
        }
        List<Member> members = new ArrayList<>();
        for (Document m : d.getList("members", Document.class, List.of())) {
            members.add(new Member(
                    new MunicipalityCode(m.getString("code")),
                    m.getString("name"),
                    MembershipStatus.valueOf(m.getString("status")),
                    m.getBoolean("signed", false)));
        }
        List<Report> reports = new ArrayList<>();
        for (Document r : d.getList("reports", Document.class, List.of())) {
            reports.add(new Report(
                    ReportKind.valueOf(r.getString("report")),
                    ViewFields.date(r.getString("dueDate")),
                    r.getBoolean("submitted", false),
                    r.getBoolean("overdue", false),
                    ViewFields.instant(r.getString("submittedAt")),
                    longOrNull(r, "usedAmountSek")));
        }
        Document submission = d.get("submission", Document.class);
        String owner = d.getString("owner");
        String legalBasis = d.getString("legalBasis");
        String status = d.getString("status");
        String decision = d.getString("decision");
        return new Facts(
                d.getString("_id"),
                owner == null ? null : new MunicipalityCode(owner),
                d.getString("ownerName"),
                d.getString("title"),
                d.getString("funder"),
                legalBasis == null ? null : LegalBasis.valueOf(legalBasis),
                d.getList("targetGroups", String.class),
                ViewFields.date(d.getString("periodStart")),
                ViewFields.date(d.getString("periodEnd")),
                ViewFields.date(d.getString("joiningDeadline")),
                longOrNull(d, "appliedAmountSek"),
                status == null ? null : Status.valueOf(status),
                d.getBoolean("joiningClosed"),
                ViewFields.instant(d.getString("openedAt")),
                members,
                ViewFields.position(d),
                ViewFields.instant(d.getString("updatedAt")),
                ViewFields.instant(d.getString("submittedAt")),
                longOrNull(d, "submittedPosition"),
                submission == null
                        ? null
                        : new Submission(
                                submission.getList("participatingMunicipalities", String.class).stream()
                                        .map(MunicipalityCode::new)
                                        .toList(),
                                submission.get("participantCount", Number.class).intValue(),
                                submission.get("declinedCount", Number.class).intValue(),
                                submission.get("withdrawnCount", Number.class).intValue(),
                                submission.get("unansweredCount", Number.class).intValue()),
                decision == null ? null : Status.valueOf(decision),
                longOrNull(d, "grantedAmountSek"),
                d.getString("caseNumber"),
                ViewFields.date(d.getString("decisionDate")),
                d.getString("conditions"),
                d.getString("rejectionReason"),
                reports,
                longOrNull(d, "requisitionedSek"),
                longOrNull(d, "repaymentClaimedSek"),
                ViewFields.instant(d.getString("closedAt")),
                d.getString("closeReason"));
    }

    /** Counts as a document: invited, joined, signed, declined, withdrawn, notAnswered, each an int64. */
    public static Document counts(Counts c) {
        return new Document("invited", c.invited())
                .append("joined", c.joined())
                .append("signed", c.signed())
                .append("declined", c.declined())
                .append("withdrawn", c.withdrawn())
                .append("notAnswered", c.notAnswered());
    }

    /** The counts of a stored counts document. */
    public static Counts countsOf(Document c) {
        return new Counts(
                ViewFields.longOf(c, "invited"),
                ViewFields.longOf(c, "joined"),
                ViewFields.longOf(c, "signed"),
                ViewFields.longOf(c, "declined"),
                ViewFields.longOf(c, "withdrawn"),
                ViewFields.longOf(c, "notAnswered"));
    }

    /** The reports as stored, each shaped after the report of the same place in {@code previous}'s list. */
    public static List<Document> reports(List<Report> reports, Document previous) {
        List<Document> before = previous == null ? List.of() : previous.getList("reports", Document.class, List.of());
        List<Document> stored = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            Report r = reports.get(i);
            boolean submitted = r.submittedAt() != null;
            stored.add(StoredShape.after(i < before.size() ? before.get(i) : null)
                    .put("report", r.report().name())
                    .put("dueDate", ViewFields.text(r.dueDate()))
                    .put("submitted", r.submitted())
                    .put("overdue", r.overdue())
                    .putIf(submitted, "submittedAt", ViewFields.text(r.submittedAt()))
                    .putIf(submitted, "usedAmountSek", r.usedAmountSek())
                    .document());
        }
        return stored;
    }

    private static List<Document> members(List<Member> members) {
        List<Document> stored = new ArrayList<>();
        for (Member m : members) {
            stored.add(new Document("code", m.code().toString())
                    .append("name", m.name())
                    .append("status", m.status().name())
                    .append("signed", m.signed()));
        }
        return stored;
    }

    private static Document submission(Submission s) {
        if (s == null) {
            return null;
        }
        return new Document(
                        "participatingMunicipalities",
                        s.participatingMunicipalities().stream()
                                .map(MunicipalityCode::toString)
                                .toList())
                .append("participantCount", s.participantCount())
                .append("declinedCount", s.declinedCount())
                .append("withdrawnCount", s.withdrawnCount())
                .append("unansweredCount", s.unansweredCount());
    }

    private static Long longOrNull(Document d, String key) {
        Number n = d.get(key, Number.class);
        return n == null ? null : n.longValue();
    }
}
