package se.norrort.consortium.query.municipality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.bson.Document;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.DocumentKind;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.PersonId;
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
import se.norrort.consortium.query.projection.ApplicationFactsCodec;
import se.norrort.consortium.query.projection.StoredShape;
import se.norrort.consortium.query.projection.ViewFields;

/**
 * The municipality view's records to and from the stored {@link Document}s, in the shape the Document-built fold
 * stored (ADR 0024, 0025): the same field names, BSON types (counts, positions, revisions and amounts int64, a budget
 * line's {@code year} int32), texts for dates, times and enums, the same {@code null}s and the same fields present. A
 * field is stored from the event that first sets it on and keeps its place ({@link StoredShape}), so
 * {@code toDocument(fromDocument(d), d)} is {@code d}; {@code stored-entries.txt} holds the golden documents.
 * <p>
 * The document: {@code _id, code, name, applications, todo, counts, position, revision, updatedAt} (provenance is not
 * part of the record: {@link se.norrort.consortium.query.projection.Provenance} records it on the documents). An
 * application entry, new fields in this order (an event sets its own fields before the application's facts):
 * {@code applicationId, signed}; {@code status, invitedAt} from the opening or invitation; {@code reason} (a decline
 * or withdrawal), {@code decisionCorrections, decision, appealDeadline, joinedAt, declinedAt, withdrawnAt};
 * {@code delegations, signature, budgetLines, budgetTotalSek, documents}; the facts {@code title, owner, ownerName,
 * role, funder, legalBasis, periodStart, periodEnd, joiningDeadline, joiningClosed, appliedAmountSek,
 * applicationStatus, submittedAt}, {@code granted, reports} from the grant, {@code rejected}, {@code consortium} (the
 * owner's); {@code position, todo}. So a member that declined and then joined has its {@code reason} before its
 * {@code decision}, and one whose decision was corrected before it joined its {@code decisionCorrections} first.
 */
public final class MunicipalityCodec {

    /** The stored status of the owner that did not invite itself; the domain has no word for it. */
    static final String NOT_INVITED = "NOT_INVITED";

    private static final String SIGNATURE_DELEGATED = "SignatureDelegated";

    private MunicipalityCodec() {}

    /** The stored document of {@code view}, shaped after {@code previous}, the document it was folded from (or null). */
    public static Document toDocument(MunicipalityDocument view, Document previous) {
        return toDocument(view, previous, entriesOf(previous == null ? List.of() : List.of(previous)));
    }

    /**
     * The stored document of {@code view}, shaped after {@code previous} (or null), each application entry after the
     * entry of the same application in {@code previousEntries} (the stored entry documents it was assembled from).
     */
    static Document toDocument(MunicipalityDocument view, Document previous, Map<String, Document> previousEntries) {
        return toDocument(view, previous, previousEntries, null);
    }

    /**
     * The stored document of {@code view}, shaped after {@code previous}, where {@code previousRecord} is the record
     * {@code previous} is stored from (what decoding it gives; {@code null}: not known): each value that is the same
     * in both records is not written again but shared, the very object {@code previous} holds, since writing it again
     * gives an equal one ({@code toDocument(fromDocument(d), d)} is {@code d}). So the document costs what the event
     * changed, and recording its provenance skips what they share ({@code Provenance#changedFields}). Neither
     * document is ever changed in place.
     */
    static Document toDocument(MunicipalityDocument view, Document previous, MunicipalityDocument previousRecord) {
        return toDocument(
                view,
                previous,
                entriesOf(previous == null ? List.of() : List.of(previous)),
                previous == null ? null : previousRecord);
    }

    private static Document toDocument(
            MunicipalityDocument view,
            Document previous,
            Map<String, Document> previousEntries,
            MunicipalityDocument previousRecord) {
        List<Document> applications = new ArrayList<>(view.applications().size());
        for (MunicipalityEntry e : view.applications()) {
            Document stored = previousEntries.get(e.applicationId());
            MunicipalityEntry before =
                    previousRecord == null || stored == null ? null : previousRecord.entry(e.applicationId());
            applications.add(entry(e, stored, before));
        }
        Shared shared = new Shared(previousRecord == null ? null : previous);
        Counts c = view.counts();
        Counts was = previousRecord == null ? null : previousRecord.counts();
        return StoredShape.after(previous)
                .put("_id", view.id())
                .put("code", view.code().toString())
                .put("name", view.name())
                .put("applications", applications)
                .put(
                        "todo",
                        shared.value(
                                "todo",
                                view.todo(),
                                previousRecord == null ? null : previousRecord.todo(),
                                t -> list(t, MunicipalityCodec::task)))
                .put(
                        "counts",
                        shared.value(
                                "counts",
                                c,
                                was,
                                n -> new Document("applications", n.applications())
                                        .append("joined", n.joined())
                                        .append("signed", n.signed())
                                        .append("todo", n.todo())))
                .put("position", view.position())
                .put("revision", view.revision())
                .put(
                        "updatedAt",
                        shared.value(
                                "updatedAt",
                                view.updatedAt(),
                                previousRecord == null ? null : previousRecord.updatedAt(),
                                ViewFields::text))
                .document();
    }

    /**
     * The stored values of a previous document whose record is known ({@code previous} null: none is): a value of the
     * record that equals the previous record's is the stored one, shared; any other is written.
     */
    private record Shared(Document previous) {

        <T> Object value(String key, T now, T before, Function<T, Object> write) {
            if (previous != null && previous.containsKey(key) && Objects.equals(now, before)) {
                return previous.get(key);
            }
            return now == null ? null : write.apply(now);
        }
    }

    /** The application entries of stored documents, by application id. */
    static Map<String, Document> entriesOf(Iterable<Document> documents) {
        Map<String, Document> entries = new HashMap<>();
        for (Document d : documents) {
            for (Document e : d.getList("applications", Document.class, List.of())) {
                entries.put(e.getString("applicationId"), e);
            }
        }
        return entries;
    }

    /** The record of a stored document ({@code null} for none); the provenance field, if any, is not part of it. */
    public static MunicipalityDocument fromDocument(Document d) {
        if (d == null) {
            return null;
        }
        Document counts = d.get("counts", Document.class);
        return new MunicipalityDocument(
                d.getString("_id"),
                new MunicipalityCode(d.getString("code")),
                d.getString("name"),
                listOf(d, "applications", MunicipalityCodec::entry),
                listOf(d, "todo", MunicipalityCodec::task),
                counts == null
                        ? new Counts(0, 0, 0, 0)
                        : new Counts(
                                ViewFields.longOf(counts, "applications"),
                                ViewFields.longOf(counts, "joined"),
                                ViewFields.longOf(counts, "signed"),
                                ViewFields.longOf(counts, "todo")),
                ViewFields.position(d),
                ViewFields.longOf(d, "revision"),
                ViewFields.instant(d.getString("updatedAt")));
    }

    /** An application entry as stored, shaped after {@code previous} (or null). */
    static Document entry(MunicipalityEntry e, Document previous) {
        return entry(e, previous, null);
    }

    /**
     * An application entry as stored, shaped after {@code previous} (or null), sharing with it what equals
     * {@code was}, the entry {@code previous} is stored from ({@code null}: not known).
     */
    private static Document entry(MunicipalityEntry e, Document previous, MunicipalityEntry was) {
        Shared shared = new Shared(was == null ? null : previous);
        Application before = was == null ? null : was.application();
        boolean declinedOrWithdrew = e.declinedAt() != null || e.withdrawnAt() != null;
        boolean decisionCorrected = e.decisionCorrections() != null
                && e.decisionCorrections().stream().anyMatch(c -> !SIGNATURE_DELEGATED.equals(c.correctedEventType()));
        Application a = e.application();
        boolean facts = a != null;
        StoredShape shape = StoredShape.after(previous)
                .put("applicationId", e.applicationId())
                .put("signed", e.signed())
                .putIf(e.status() != null || e.notInvited(), "status", e.notInvited() ? NOT_INVITED : name(e.status()))
                .putIfNotNull(
                        "invitedAt",
                        shared.value(
                                "invitedAt", e.invitedAt(), at(was, MunicipalityEntry::invitedAt), ViewFields::text))
                .putIf(declinedOrWithdrew, "reason", e.reason())
                .putIfNotNull(
                        "decisionCorrections",
                        shared.value(
                                "decisionCorrections",
                                e.decisionCorrections(),
                                at(was, MunicipalityEntry::decisionCorrections),
                                l -> list(l, MunicipalityCodec::correction)))
                .putIf(
                        e.decision() != null || e.joinedAt() != null || declinedOrWithdrew,
                        "decision",
                        ViewFields.decision(e.decision()))
                .putIf(
                        e.joinedAt() != null || e.appealDeadline() != null || decisionCorrected,
                        "appealDeadline",
                        ViewFields.text(e.appealDeadline()))
                .putIfNotNull(
                        "joinedAt",
                        shared.value("joinedAt", e.joinedAt(), at(was, MunicipalityEntry::joinedAt), ViewFields::text))
                .putIfNotNull("declinedAt", ViewFields.text(e.declinedAt()))
                .putIfNotNull("withdrawnAt", ViewFields.text(e.withdrawnAt()))
                .putIfNotNull(
                        "delegations",
                        shared.value(
                                "delegations",
                                e.delegations(),
                                at(was, MunicipalityEntry::delegations),
                                l -> list(l, MunicipalityCodec::delegation)))
                .putIfNotNull(
                        "signature",
                        shared.value(
                                "signature",
                                e.signature(),
                                at(was, MunicipalityEntry::signature),
                                MunicipalityCodec::signature))
                .putIfNotNull(
                        "budgetLines",
                        shared.value(
                                "budgetLines",
                                e.budgetLines(),
                                at(was, MunicipalityEntry::budgetLines),
                                l -> list(l, MunicipalityCodec::budgetLine)))
                .putIfNotNull("budgetTotalSek", e.budgetTotalSek())
                .putIfNotNull(
                        "documents",
                        shared.value(
                                "documents",
                                e.documents(),
                                at(was, MunicipalityEntry::documents),
                                l -> list(l, MunicipalityCodec::attachment)))
                .putIf(facts, "title", facts ? a.title() : null)
                .putIf(facts, "owner", facts ? ViewFields.text(a.owner()) : null)
                .putIf(facts, "ownerName", facts ? a.ownerName() : null)
                .putIf(facts, "role", facts ? a.role().name() : null)
                .putIf(facts, "funder", facts ? a.funder() : null)
                .putIf(facts, "legalBasis", facts ? name(a.legalBasis()) : null)
                .putIf(facts, "periodStart", facts ? ViewFields.text(a.periodStart()) : null)
                .putIf(facts, "periodEnd", facts ? ViewFields.text(a.periodEnd()) : null)
                .putIf(facts, "joiningDeadline", facts ? ViewFields.text(a.joiningDeadline()) : null)
                .putIf(facts, "joiningClosed", facts ? a.joiningClosed() : null)
                .putIf(facts, "appliedAmountSek", facts ? a.appliedAmountSek() : null)
                .putIf(facts, "applicationStatus", facts ? name(a.applicationStatus()) : null)
                .putIf(facts, "submittedAt", facts ? ViewFields.text(a.submittedAt()) : null)
                .putIfNotNull(
                        "granted",
                        facts
                                ? shared.value(
                                        "granted",
                                        a.granted(),
                                        before == null ? null : before.granted(),
                                        MunicipalityCodec::granted)
                                : null)
                .putIfNotNull(
                        "reports",
                        facts && a.reports() != null
                                ? shared.value(
                                        "reports",
                                        a.reports(),
                                        before == null ? null : before.reports(),
                                        r -> ApplicationFactsCodec.reports(r, previous))
                                : null)
                .putIfNotNull(
                        "rejected",
                        facts
                                ? shared.value(
                                        "rejected",
                                        a.rejected(),
                                        before == null ? null : before.rejected(),
                                        MunicipalityCodec::rejected)
                                : null)
                .putIfNotNull(
                        "consortium",
                        facts && a.consortium() != null
                                ? shared.value(
                                        "consortium",
                                        a.consortium(),
                                        before == null ? null : before.consortium(),
                                        ApplicationFactsCodec::counts)
                                : null)
                .put("position", e.position())
                .putIfNotNull(
                        "todo",
                        shared.value(
                                "todo",
                                e.todo(),
                                at(was, MunicipalityEntry::todo),
                                l -> list(l, MunicipalityCodec::action)));
        return shape.document();
    }

    /** A value of an entry whose record is known, or {@code null}. */
    private static <T> T at(MunicipalityEntry entry, Function<MunicipalityEntry, T> value) {
        return entry == null ? null : value.apply(entry);
    }

    /** An application entry of a stored document. */
    static MunicipalityEntry entry(Document e) {
        String status = e.getString("status");
        boolean notInvited = NOT_INVITED.equals(status);
        return new MunicipalityEntry(
                e.getString("applicationId"),
                e.getBoolean("signed", false),
                status == null || notInvited ? null : MembershipStatus.valueOf(status),
                notInvited,
                ViewFields.instant(e.getString("invitedAt")),
                e.getString("reason"),
                listOrNull(e, "decisionCorrections", MunicipalityCodec::correction),
                decision(e.get("decision", Document.class)),
                ViewFields.date(e.getString("appealDeadline")),
                ViewFields.instant(e.getString("joinedAt")),
                ViewFields.instant(e.getString("declinedAt")),
                ViewFields.instant(e.getString("withdrawnAt")),
                listOrNull(e, "delegations", MunicipalityCodec::delegation),
                signature(e.get("signature", Document.class)),
                listOrNull(e, "budgetLines", MunicipalityCodec::budgetLine),
                longOrNull(e, "budgetTotalSek"),
                listOrNull(e, "documents", MunicipalityCodec::attachment),
                e.containsKey("title") ? application(e) : null,
                ViewFields.position(e),
                listOrNull(e, "todo", MunicipalityCodec::action));
    }

    private static Application application(Document e) {
        String legalBasis = e.getString("legalBasis");
        String applicationStatus = e.getString("applicationStatus");
        String owner = e.getString("owner");
        Document granted = e.get("granted", Document.class);
        Document rejected = e.get("rejected", Document.class);
        Document consortium = e.get("consortium", Document.class);
        // the entry's reports are stored as the facts store theirs: read by the facts' codec
        List<se.norrort.consortium.query.projection.ApplicationFacts.Report> reports = e.containsKey("reports")
                ? ApplicationFactsCodec.fromDocument(new Document("reports", e.get("reports")))
                        .reports()
                : null;
        return new Application(
                e.getString("title"),
                owner == null ? null : new MunicipalityCode(owner),
                e.getString("ownerName"),
                Role.valueOf(e.getString("role")),
                e.getString("funder"),
                legalBasis == null ? null : LegalBasis.valueOf(legalBasis),
                ViewFields.date(e.getString("periodStart")),
                ViewFields.date(e.getString("periodEnd")),
                ViewFields.date(e.getString("joiningDeadline")),
                e.getBoolean("joiningClosed", false),
                longOrNull(e, "appliedAmountSek"),
                applicationStatus == null ? null : Status.valueOf(applicationStatus),
                ViewFields.instant(e.getString("submittedAt")),
                granted == null
                        ? null
                        : new Granted(
                                longOrNull(granted, "amountSek"),
                                longOrNull(granted, "appliedAmountSek"),
                                granted.getString("caseNumber"),
                                ViewFields.date(granted.getString("decisionDate")),
                                granted.getString("conditions")),
                reports,
                rejected == null
                        ? null
                        : new Rejected(
                                rejected.getString("caseNumber"),
                                ViewFields.date(rejected.getString("decisionDate")),
                                rejected.getString("reason")),
                consortium == null ? null : ApplicationFactsCodec.countsOf(consortium));
    }

    private static Document task(Task t) {
        return new Document("applicationId", t.applicationId())
                .append("title", t.title())
                .append("action", t.action().name())
                .append("due", ViewFields.text(t.due()));
    }

    private static Task task(Document t) {
        return new Task(
                t.getString("applicationId"),
                t.getString("title"),
                ToDo.valueOf(t.getString("action")),
                ViewFields.date(t.getString("due")));
    }

    private static Document action(Action a) {
        return new Document("action", a.action().name()).append("due", ViewFields.text(a.due()));
    }

    private static Action action(Document a) {
        return new Action(ToDo.valueOf(a.getString("action")), ViewFields.date(a.getString("due")));
    }

    private static Document correction(Correction c) {
        return new Document("correctedEventType", c.correctedEventType())
                .append("previous", ViewFields.decision(c.previous()))
                .append("corrected", ViewFields.decision(c.corrected()))
                .append("reason", c.reason())
                .append("correctedAt", ViewFields.text(c.correctedAt()));
    }

    private static Correction correction(Document c) {
        return new Correction(
                c.getString("correctedEventType"),
                decision(c.get("previous", Document.class)),
                decision(c.get("corrected", Document.class)),
                c.getString("reason"),
                ViewFields.instant(c.getString("correctedAt")));
    }

    private static Document delegation(Delegation d) {
        boolean revoked = d.revokedAt() != null;
        return StoredShape.after(null)
                .put("delegationId", ViewFields.text(d.delegationId()))
                .put("delegate", ViewFields.text(d.delegate()))
                .put("delegateName", d.delegateName())
                .put("delegateRole", d.delegateRole())
                .put("scope", d.scope())
                .put("validUntil", ViewFields.text(d.validUntil()))
                .put("decision", ViewFields.decision(d.decision()))
                .put("status", d.status().name())
                .put("delegatedAt", ViewFields.text(d.delegatedAt()))
                .putIf(revoked, "revokedAt", ViewFields.text(d.revokedAt()))
                .putIf(revoked, "revokeReason", d.revokeReason())
                .document();
    }

    private static Delegation delegation(Document d) {
        String delegate = d.getString("delegate");
        return new Delegation(
                new DelegationId(d.getString("delegationId")),
                delegate == null ? null : new PersonId(delegate),
                d.getString("delegateName"),
                d.getString("delegateRole"),
                d.getString("scope"),
                ViewFields.date(d.getString("validUntil")),
                decision(d.get("decision", Document.class)),
                DelegationStatus.valueOf(d.getString("status")),
                ViewFields.instant(d.getString("delegatedAt")),
                ViewFields.instant(d.getString("revokedAt")),
                d.getString("revokeReason"));
    }

    private static Document signature(Signature s) {
        if (s == null) {
            return null;
        }
        return new Document("signatory", ViewFields.text(s.signatory()))
                .append("signatoryName", s.signatoryName())
                .append("signatoryRole", s.signatoryRole())
                .append("delegationId", ViewFields.text(s.delegationId()))
                .append("signedAt", ViewFields.text(s.signedAt()));
    }

    private static Signature signature(Document s) {
        if (s == null) {
            return null;
        }
        String signatory = s.getString("signatory");
        String delegationId = s.getString("delegationId");
        return new Signature(
                signatory == null ? null : new PersonId(signatory),
                s.getString("signatoryName"),
                s.getString("signatoryRole"),
                delegationId == null ? null : new DelegationId(delegationId),
                ViewFields.instant(s.getString("signedAt")));
    }

    private static Document budgetLine(BudgetLine l) {
        return new Document("year", l.year()).append("amountSek", l.amountSek());
    }

    private static BudgetLine budgetLine(Document l) {
        return new BudgetLine(l.get("year", Number.class).intValue(), ViewFields.longOf(l, "amountSek"));
    }

    private static Document attachment(Attachment a) {
        return new Document("documentId", ViewFields.text(a.documentId()))
                .append("kind", name(a.kind()))
                .append("fileName", a.fileName())
                .append("sha256", a.sha256())
                .append("attachedAt", ViewFields.text(a.attachedAt()));
    }

    private static Attachment attachment(Document a) {
        String kind = a.getString("kind");
        return new Attachment(
                new DocumentId(a.getString("documentId")),
                kind == null ? null : DocumentKind.valueOf(kind),
                a.getString("fileName"),
                a.getString("sha256"),
                ViewFields.instant(a.getString("attachedAt")));
    }

    private static Document granted(Granted g) {
        if (g == null) {
            return null;
        }
        return new Document("amountSek", g.amountSek())
                .append("appliedAmountSek", g.appliedAmountSek())
                .append("caseNumber", g.caseNumber())
                .append("decisionDate", ViewFields.text(g.decisionDate()))
                .append("conditions", g.conditions());
    }

    private static Document rejected(Rejected r) {
        if (r == null) {
            return null;
        }
        return new Document("caseNumber", r.caseNumber())
                .append("decisionDate", ViewFields.text(r.decisionDate()))
                .append("reason", r.reason());
    }

    /** A decision as stored in this view: in full, with its municipality and appeal deadline. */
    private static DecisionReference decision(Document d) {
        return ViewFields.decisionOf(d, null);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static <T> List<Document> list(List<T> values, Function<T, Document> write) {
        List<Document> stored = new ArrayList<>(values.size());
        values.forEach(v -> stored.add(write.apply(v)));
        return stored;
    }

    private static <T> List<Document> listOrNull(List<T> values, Function<T, Document> write) {
        return values == null ? null : list(values, write);
    }

    private static <T> List<T> listOf(Document d, String key, Function<Document, T> read) {
        List<T> values = listOrNull(d, key, read);
        return values == null ? List.of() : values;
    }

    private static <T> List<T> listOrNull(Document d, String key, Function<Document, T> read) {
        if (!d.containsKey(key)) {
            return null;
        }
        List<T> values = new ArrayList<>();
        for (Document v : d.getList(key, Document.class)) {
            values.add(read.apply(v));
        }
        return values;
    }

    private static Long longOrNull(Document d, String key) {
        Number n = d.get(key, Number.class);
        return n == null ? null : n.longValue();
    }
}
