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
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.query.projection.ApplicationFacts;
import se.norrort.consortium.query.projection.ViewDocuments;

/**
 * One municipality's view, for its officers: every application it is invited to or owns, its status in each
 * ({@code INVITED}, {@code JOINED} with the committee decision and the appeal deadline, {@code DECLINED},
 * {@code WITHDRAWN}; {@code signed} apart), its signing delegations ({@code ACTIVE}, {@code REVOKED}, and when served
 * {@code EXPIRED}) and its signature, its budget lines, what the funder granted, and what it still has to do.
 * <p>
 * A pure fold over the events that concern the municipality: {@link #apply} takes the municipality's document (or
 * {@code null}), an event with its global position, and the application's facts <em>after</em> that event (see
 * {@link ApplicationFacts}; they give a municipality invited later the title, owner and deadlines it was not told in
 * its own events). It never changes the document it was given.
 * <p>
 * <b>Idempotent per application entry.</b> One document gathers the events of many applications, and they do not
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

    /** An invited municipality has not yet joined or declined, and joining is still open. */
    public static final String JOIN_OR_DECLINE = "JOIN_OR_DECLINE";
    /** A joined municipality has no active delegation to sign its cooperation form. */
    public static final String DELEGATE_SIGNATORY = "DELEGATE_SIGNATORY";
    /** A joined municipality's delegate has not yet signed its cooperation form. */
    public static final String SIGN_COOPERATION_FORM = "SIGN_COOPERATION_FORM";
    /** The project owner: every joined municipality has signed, the application can be submitted. */
    public static final String SUBMIT_APPLICATION = "SUBMIT_APPLICATION";
    /** The project owner: a report the grant requires is not yet submitted. */
    public static final String SUBMIT_INTERIM_REPORT = "SUBMIT_INTERIM_REPORT";

    public static final String SUBMIT_FINAL_REPORT = "SUBMIT_FINAL_REPORT";

    private MunicipalityView() {}

    /**
     * The codes of the municipality documents an event changes, given the application's facts after the event: the
     * municipality it names (and the owner, whose consortium counts change with every answer and signature), or, for
     * events about the application as a whole, every municipality it concerns.
     */
    public static List<String> affected(ConsortiumEvent event, Document facts) {
        String owner = facts == null ? null : facts.getString("owner");
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
        } else {
            // ApplicationOpened and the events about the application as a whole.
            codes.addAll(ApplicationFacts.municipalities(facts));
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

    public static Document apply(
            Document view, String code, ConsortiumEvent event, long position, Instant timestamp, Document facts) {
        String applicationId = event.applicationId().toString();
        Document reflected = view == null ? null : find(view, applicationId);
        if (reflected != null && ViewDocuments.position(reflected) >= position) {
            return view;
        }
        Document next = view == null
                ? new Document("_id", code)
                        .append("code", code)
                        .append("name", ViewDocuments.name(code))
                        .append("applications", new ArrayList<Document>())
                : copyForEntry(view, applicationId);
        Document entry = entry(next, applicationId);
        String at = timestamp.toString();
        if (event instanceof ApplicationOpened e) {
            if (e.invitedMunicipalities().contains(new MunicipalityCode(code))) {
                entry.append("status", "INVITED").append("invitedAt", at);
            } else if (entry.get("status") == null) {
                entry.append("status", "NOT_INVITED");
            }
        } else if (event instanceof MunicipalityInvited) {
            if (entry.get("status") == null) {
                entry.append("status", "INVITED").append("invitedAt", at);
            }
        } else if (event instanceof MunicipalityJoined e && concerns(e.municipality(), code)) {
            entry.append("status", "JOINED")
                    .append("decision", ViewDocuments.decision(e.decision()))
                    .append(
                            "appealDeadline",
                            e.appealDeadline() == null
                                    ? null
                                    : e.appealDeadline().toString())
                    .append("joinedAt", at);
        } else if (event instanceof ParticipationDeclined e && concerns(e.municipality(), code)) {
            entry.append("status", "DECLINED")
                    .append("reason", e.reason())
                    .append("decision", ViewDocuments.decision(e.decision()))
                    .append("declinedAt", at);
        } else if (event instanceof MunicipalityWithdrew e && concerns(e.municipality(), code)) {
            entry.append("status", "WITHDRAWN")
                    .append("reason", e.reason())
                    .append("decision", ViewDocuments.decision(e.decision()))
                    .append("withdrawnAt", at);
        } else if (event instanceof DecisionReferenceCorrected e && concerns(e.municipality(), code)) {
            corrected(entry, e, at);
        } else if (event instanceof SignatureDelegated e && concerns(e.municipality(), code)) {
            List<Document> delegations = ViewDocuments.list(entry, "delegations");
            delegations.removeIf(d -> e.delegationId().toString().equals(d.getString("delegationId")));
            delegations.add(new Document("delegationId", e.delegationId().toString())
                    .append("delegate", e.delegate().toString())
                    .append("delegateName", e.delegateName())
                    .append("delegateRole", e.delegateRole())
                    .append("scope", e.scope())
                    .append(
                            "validUntil",
                            e.validUntil() == null ? null : e.validUntil().toString())
                    .append("decision", ViewDocuments.decision(e.decision()))
                    .append("status", "ACTIVE")
                    .append("delegatedAt", at));
        } else if (event instanceof SignatureDelegationRevoked e && concerns(e.municipality(), code)) {
            for (Document d : ViewDocuments.list(entry, "delegations")) {
                if (e.delegationId().toString().equals(d.getString("delegationId"))) {
                    d.append("status", "REVOKED").append("revokedAt", at).append("revokeReason", e.reason());
                }
            }
        } else if (event instanceof CooperationFormSigned e && concerns(e.municipality(), code)) {
            entry.append("signed", true)
                    .append(
                            "signature",
                            new Document("signatory", e.signatory().toString())
                                    .append("signatoryName", e.signatoryName())
                                    .append("signatoryRole", e.signatoryRole())
                                    .append(
                                            "delegationId",
                                            e.delegationId() == null
                                                    ? null
                                                    : e.delegationId().toString())
                                    .append("signedAt", at));
        } else if (event instanceof BudgetLineSet e && concerns(e.municipality(), code)) {
            List<Document> lines = ViewDocuments.list(entry, "budgetLines");
            lines.removeIf(l -> l.get("year", Number.class).intValue() == e.year());
            lines.add(new Document("year", e.year()).append("amountSek", e.amountSek()));
            lines.sort(Comparator.comparingInt(l -> l.get("year", Number.class).intValue()));
            entry.append(
                    "budgetTotalSek",
                    lines.stream()
                            .mapToLong(l -> ViewDocuments.longOf(l, "amountSek"))
                            .sum());
        } else if (event instanceof DocumentAttached e) {
            ViewDocuments.list(entry, "documents")
                    .add(new Document("documentId", e.documentId().toString())
                            .append("kind", e.kind() == null ? null : e.kind().name())
                            .append("fileName", e.fileName())
                            .append("sha256", e.sha256())
                            .append("attachedAt", at));
        }
        applicationFacts(entry, code, facts);
        entry.append("position", position);
        derive(next, null, entry);
        return next.append("position", Math.max(ViewDocuments.position(view), position))
                .append("revision", ViewDocuments.longOf(view, "revision") + 1)
                .append("updatedAt", at);
    }

    /**
     * The view as served on {@code today} (a date in Europe/Stockholm): active delegations whose {@code validUntil}
     * has passed are {@code EXPIRED}, and the to-do list is derived again for that day. Returns a new document.
     */
    public static Document asOf(Document view, LocalDate today) {
        Document served = ViewDocuments.copy(view);
        derive(served, today, null);
        return served.append("asOf", today.toString());
    }

    /**
     * Derives the municipality-wide {@code todo} and {@code counts} of a document from its entries' own to-do lists
     * (as the fold left them), as the fold does: for a document assembled from entry documents
     * ({@link MunicipalityEntries#assemble}). Changes {@code view} (not its entries).
     */
    static void summarize(Document view) {
        derive(view, null, new Document());
    }

    private static boolean concerns(MunicipalityCode municipality, String code) {
        return municipality != null && municipality.toString().equals(code);
    }

    private static Document find(Document view, String applicationId) {
        for (Document entry : ViewDocuments.list(view, "applications")) {
            if (applicationId.equals(entry.getString("applicationId"))) {
                return entry;
            }
        }
        return null;
    }

    private static Document entry(Document view, String applicationId) {
        Document entry = find(view, applicationId);
        if (entry == null) {
            entry = new Document("applicationId", applicationId).append("signed", false);
            ViewDocuments.list(view, "applications").add(entry);
        }
        return entry;
    }

    private static void corrected(Document entry, DecisionReferenceCorrected e, String at) {
        Document previous = ViewDocuments.decision(e.previousReference());
        Document corrected = ViewDocuments.decision(e.newReference());
        ViewDocuments.list(entry, "decisionCorrections")
                .add(new Document("correctedEventType", e.correctedEventType())
                        .append("previous", previous)
                        .append("corrected", corrected)
                        .append("reason", e.reason())
                        .append("correctedAt", at));
        if ("SignatureDelegated".equals(e.correctedEventType())) {
            for (Document d : ViewDocuments.list(entry, "delegations")) {
                if (Objects.equals(previous, d.get("decision"))) {
                    d.append("decision", corrected);
                }
            }
        } else {
            entry.append("decision", corrected)
                    .append(
                            "appealDeadline",
                            e.appealDeadline() == null
                                    ? null
                                    : e.appealDeadline().toString());
        }
    }

    /** Copies the application's facts into the entry: they change only with events that reach every member. */
    private static void applicationFacts(Document entry, String code, Document facts) {
        if (facts == null) {
            return;
        }
        boolean owner = code.equals(facts.getString("owner"));
        entry.append("title", facts.getString("title"))
                .append("owner", facts.getString("owner"))
                .append("ownerName", facts.getString("ownerName"))
                .append("role", owner ? "OWNER" : "MEMBER")
                .append("funder", facts.getString("funder"))
                .append("legalBasis", facts.getString("legalBasis"))
                .append("periodStart", facts.getString("periodStart"))
                .append("periodEnd", facts.getString("periodEnd"))
                .append("joiningDeadline", facts.getString("joiningDeadline"))
                .append("joiningClosed", Boolean.TRUE.equals(facts.getBoolean("joiningClosed")))
                .append("appliedAmountSek", facts.get("appliedAmountSek"))
                .append("applicationStatus", facts.getString("status"))
                .append("submittedAt", facts.getString("submittedAt"));
        if (ApplicationFacts.GRANTED.equals(facts.getString("decision"))) {
            entry.append(
                    "granted",
                    new Document("amountSek", facts.get("grantedAmountSek"))
                            .append("appliedAmountSek", facts.get("appliedAmountSek"))
                            .append("caseNumber", facts.getString("caseNumber"))
                            .append("decisionDate", facts.getString("decisionDate"))
                            .append("conditions", facts.getString("conditions")));
            entry.append("reports", ViewDocuments.copyOf(facts.get("reports")));
        } else if (ApplicationFacts.REJECTED.equals(facts.getString("decision"))) {
            entry.append(
                    "rejected",
                    new Document("caseNumber", facts.getString("caseNumber"))
                            .append("decisionDate", facts.getString("decisionDate"))
                            .append("reason", facts.getString("rejectionReason")));
        }
        if (owner) {
            // Kept fresh: the owner's document is touched by every answer and signature of the application.
            entry.append("consortium", ApplicationFacts.counts(facts));
        }
    }

    /**
     * A copy of {@code view} to apply an event of one application to: the document and its list of applications are
     * new, that application's entry is a deep copy, and every other entry is shared with {@code view} (a fold changes
     * only the entry of the event's application, and {@link #derive} leaves the others alone), so that an event costs
     * the size of its own entry rather than of every application the municipality takes part in.
     */
    private static Document copyForEntry(Document view, String applicationId) {
        Document next = new Document(view);
        List<Document> entries = new ArrayList<>(view.getList("applications", Document.class, List.of()));
        for (int i = 0; i < entries.size(); i++) {
            if (applicationId.equals(entries.get(i).getString("applicationId"))) {
                entries.set(i, ViewDocuments.copy(entries.get(i)));
                break;
            }
        }
        return next.append("applications", entries);
    }

    /**
     * Delegation statuses for the day (when known), each entry's to-do list, and the municipality's own list. With
     * {@code touched} (and no day), only that entry's list is derived again: the others', which depend on nothing but
     * their own entry, are as the last event left them (and those entries are not changed: they may be shared).
     */
    private static void derive(Document view, LocalDate today, Document touched) {
        List<Document> todo = new ArrayList<>();
        long joined = 0;
        long signed = 0;
        for (Document entry : ViewDocuments.list(view, "applications")) {
            List<Document> actions;
            if (touched != null && entry != touched) {
                // another application's entry, shared with the document given: read, never changed
                actions = entry.containsKey("todo") ? entry.getList("todo", Document.class) : actions(entry, null);
            } else {
                if (today != null) {
                    for (Document d : ViewDocuments.list(entry, "delegations")) {
                        String validUntil = d.getString("validUntil");
                        if ("ACTIVE".equals(d.getString("status"))
                                && validUntil != null
                                && LocalDate.parse(validUntil).isBefore(today)) {
                            d.append("status", "EXPIRED");
                        }
                    }
                }
                actions = actions(entry, today);
                entry.append("todo", actions);
            }
            for (Document action : actions) {
                todo.add(new Document("applicationId", entry.getString("applicationId"))
                        .append("title", entry.getString("title"))
                        .append("action", action.getString("action"))
                        .append("due", action.getString("due")));
            }
            if ("JOINED".equals(entry.getString("status"))) {
                joined++;
                if (Boolean.TRUE.equals(entry.getBoolean("signed"))) {
                    signed++;
                }
            }
        }
        todo.sort(Comparator.comparing(
                        (Document t) -> t.getString("due"), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(t -> t.getString("applicationId")));
        view.append("todo", todo)
                .append(
                        "counts",
                        new Document("applications", (long)
                                        ViewDocuments.list(view, "applications").size())
                                .append("joined", joined)
                                .append("signed", signed)
                                .append("todo", (long) todo.size()));
    }

    private static List<Document> actions(Document entry, LocalDate today) {
        List<Document> actions = new ArrayList<>();
        String applicationStatus = entry.getString("applicationStatus");
        String status = entry.getString("status");
        boolean isOwner = "OWNER".equals(entry.getString("role"));
        if (applicationStatus == null || ApplicationFacts.beforeSubmission(applicationStatus)) {
            if ("INVITED".equals(status) && !Boolean.TRUE.equals(entry.getBoolean("joiningClosed"))) {
                actions.add(action(JOIN_OR_DECLINE, entry.getString("joiningDeadline")));
            } else if ("JOINED".equals(status) && !Boolean.TRUE.equals(entry.getBoolean("signed"))) {
                boolean delegated =
                        ViewDocuments.list(entry, "delegations").stream().anyMatch(d -> active(d, today));
                actions.add(action(delegated ? SIGN_COOPERATION_FORM : DELEGATE_SIGNATORY, null));
            }
            Document consortium = entry.get("consortium", Document.class);
            if (isOwner
                    && applicationStatus != null
                    && consortium != null
                    && ViewDocuments.longOf(consortium, "joined") > 0
                    && ViewDocuments.longOf(consortium, "signed") == ViewDocuments.longOf(consortium, "joined")) {
                actions.add(action(SUBMIT_APPLICATION, null));
            }
        } else if (ApplicationFacts.GRANTED.equals(applicationStatus) && isOwner) {
            for (Document report : ViewDocuments.list(entry, "reports")) {
                if (!Boolean.TRUE.equals(report.getBoolean("submitted"))) {
                    actions.add(action(
                            "FINAL".equals(report.getString("report")) ? SUBMIT_FINAL_REPORT : SUBMIT_INTERIM_REPORT,
                            report.getString("dueDate")));
                }
            }
        }
        return actions;
    }

    private static boolean active(Document delegation, LocalDate today) {
        if (!"ACTIVE".equals(delegation.getString("status"))) {
            return false;
        }
        String validUntil = delegation.getString("validUntil");
        return today == null
                || validUntil == null
                || !LocalDate.parse(validUntil).isBefore(today);
    }

    private static Document action(String action, String due) {
        return new Document("action", action).append("due", due);
    }
}
