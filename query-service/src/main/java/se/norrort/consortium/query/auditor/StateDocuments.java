package se.norrort.consortium.query.auditor;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;
import se.norrort.consortium.model.ApplicationState;
import se.norrort.consortium.query.projection.ViewFields;

/**
 * {@link ApplicationState} as the auditor's JSON: the whole state for {@code /state}, and its main fields flattened
 * to {@code name -> value} for the before/after comparison of {@code /changes}. Amounts are whole SEK.
 */
final class StateDocuments {

    private StateDocuments() {}

    /** The state as a document; {@code status} is null while the application was not yet opened. */
    static Document state(ApplicationState s) {
        List<Document> memberships = new ArrayList<>();
        s.memberships()
                .forEach(m -> memberships.add(
                        new Document("municipality", m.municipality().toString())
                                .append("name", ViewFields.name(m.municipality()))
                                .append("status", m.status().name())
                                .append("decision", ViewFields.decision(m.decision()))
                                .append("appealDeadline", text(m.appealDeadline()))
                                .append("signed", m.signed())
                                .append("reason", m.reason())));
        List<Document> delegations = new ArrayList<>();
        s.delegations()
                .forEach(d -> delegations.add(new Document(
                                "delegationId", d.delegationId().toString())
                        .append("municipality", d.municipality().toString())
                        .append(
                                "delegate",
                                d.delegate() == null ? null : d.delegate().toString())
                        .append("delegateName", d.delegateName())
                        .append("delegateRole", d.delegateRole())
                        .append("scope", d.scope())
                        .append("validUntil", text(d.validUntil()))
                        .append("revoked", d.revoked())
                        .append("revocationReason", d.revocationReason())
                        .append("decision", ViewFields.decision(d.decision()))));
        List<Document> signatures = new ArrayList<>();
        s.signatures()
                .forEach(g -> signatures.add(new Document(
                                "municipality", g.municipality().toString())
                        .append(
                                "signatory",
                                g.signatory() == null ? null : g.signatory().toString())
                        .append("signatoryName", g.signatoryName())
                        .append("signatoryRole", g.signatoryRole())
                        .append(
                                "delegationId",
                                g.delegationId() == null
                                        ? null
                                        : g.delegationId().toString())));
        List<Document> reports = new ArrayList<>();
        s.reports()
                .forEach(r -> reports.add(new Document("report", r.report().name())
                        .append("dueDate", text(r.dueDate()))
                        .append("submitted", r.submitted())
                        .append("overdue", r.overdue())
                        .append("usedAmountSek", r.usedAmountSek())));
        List<Document> documents = new ArrayList<>();
        s.documents()
                .forEach(d ->
                        documents.add(new Document("documentId", d.documentId().toString())
                                .append("kind", d.kind().name())
                                .append(
                                        "municipality",
                                        d.municipality() == null
                                                ? null
                                                : d.municipality().toString())
                                .append("fileName", d.fileName())
                                .append("sha256", d.sha256())));
        return new Document("status", s.status() == null ? null : s.status().name())
                .append(
                        "statusBeforeClosing",
                        s.statusBeforeClosing() == null
                                ? null
                                : s.statusBeforeClosing().name())
                .append(
                        "ownerMunicipality",
                        s.ownerMunicipality() == null
                                ? null
                                : s.ownerMunicipality().toString())
                .append("title", s.title())
                .append(
                        "legalBasis",
                        s.legalBasis() == null ? null : s.legalBasis().name())
                .append("funderName", s.funderName())
                .append("targetGroups", s.targetGroups())
                .append("periodStart", text(s.periodStart()))
                .append("periodEnd", text(s.periodEnd()))
                .append("joiningDeadline", text(s.joiningDeadline()))
                .append("amounts", amounts(s))
                .append("caseNumber", s.caseNumber())
                .append("fundingDecisionDate", text(s.fundingDecisionDate()))
                .append("conditions", s.conditions())
                .append("rejectionReason", s.rejectionReason())
                .append("closingReason", s.closingReason())
                .append("memberships", memberships)
                .append("delegations", delegations)
                .append("signatures", signatures)
                .append("reports", reports)
                .append("documents", documents);
    }

    private static Document amounts(ApplicationState s) {
        return new Document("appliedSek", s.appliedAmountSek())
                .append("budgetTotalSek", s.budgetTotalSek())
                .append("grantedSek", s.grantedAmountSek())
                .append("requisitionedSek", s.requisitionedSek())
                .append("usedSek", s.usedAmountSek().orElse(null))
                .append("repaymentClaimedSek", s.repaymentClaimedSek());
    }

    /**
     * The main fields, flattened: status, amounts, the funder's decision, each municipality's membership status,
     * decision paragraph and signature, each delegation's state, each report's state.
     */
    static Map<String, Object> mainFields(ApplicationState s) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", s.status() == null ? null : s.status().name());
        amounts(s).forEach((key, value) -> fields.put("amounts." + key, value));
        fields.put("caseNumber", s.caseNumber());
        fields.put("fundingDecisionDate", text(s.fundingDecisionDate()));
        s.memberships().forEach(m -> {
            String key = "memberships." + m.municipality() + ".";
            fields.put(key + "status", m.status().name());
            fields.put(key + "decision", m.decision() == null ? null : ViewFields.decisionInWords(m.decision()));
            fields.put(key + "signed", m.signed());
        });
        s.delegations().forEach(d -> {
            String key = "delegations." + d.delegationId() + ".";
            fields.put(key + "municipality", d.municipality().toString());
            fields.put(key + "delegateName", d.delegateName());
            fields.put(key + "revoked", d.revoked());
        });
        s.reports().forEach(r -> {
            String key = "reports." + r.report().name() + ".";
            fields.put(key + "dueDate", text(r.dueDate()));
            fields.put(key + "submitted", r.submitted());
            fields.put(key + "overdue", r.overdue());
        });
        return fields;
    }

    /** The fields that differ, in order (before's fields first, then those only after has): field, before, after. */
    static List<Document> differences(Map<String, Object> before, Map<String, Object> after) {
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<Document> differences = new ArrayList<>();
        for (String key : keys) {
            Object was = before.get(key);
            Object is = after.get(key);
            if (!Objects.equals(was, is)) {
                differences.add(new Document("field", key).append("before", was).append("after", is));
            }
        }
        return differences;
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
