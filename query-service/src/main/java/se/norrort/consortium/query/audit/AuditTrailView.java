package se.norrort.consortium.query.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.bson.Document;
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
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.ReportDueDate;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.query.support.Docs;
import se.norrort.consortium.query.support.EventRef;

/**
 * The audit trail of one application, for auditors: one entry per event, in event order, saying what happened in
 * words, who did it (person, role, the municipality they acted for, the delegation they acted under), when, and on
 * which committee decision.
 * <p>
 * Entries are keyed {@code applicationId + ":" + sequence} (sequence zero-padded to 10 digits), so a page of the
 * trail is a lookup of known {@code _id}s; a small header document per application holds the number of entries.
 * Both are pure: {@link #entry} builds the entry of an event (the same event always gives the same entry, so writing
 * it again is harmless), and {@link #apply} folds the header, changing nothing for an event at or below the
 * position it already reflects.
 */
public final class AuditTrailView {

    /** The event's place and the metadata of who acted, as the event store delivered them. */
    public record Context(
            String eventId,
            long sequence,
            long position,
            Instant timestamp,
            String actorId,
            String actorName,
            String actorRole,
            String actorMunicipality,
            String delegationId,
            String correlationId,
            String causationId) {}

    private AuditTrailView() {}

    /** The {@code _id} of the entry of an application's event at {@code sequence}. */
    public static String entryId(String applicationId, long sequence) {
        return applicationId + ":" + String.format("%010d", sequence);
    }

    /**
     * The {@code _id}s of one page of an application's trail of {@code count} entries, in event order: sequences
     * {@code page * size} up to (not including) {@code (page + 1) * size}, those that exist.
     */
    public static List<String> pageIds(String applicationId, long count, int page, int size) {
        List<String> ids = new ArrayList<>();
        for (long sequence = (long) page * size; sequence < Math.min(count, (long) (page + 1) * size); sequence++) {
            ids.add(entryId(applicationId, sequence));
        }
        return ids;
    }

    /** The header of an application's trail: {@code count} (entries), position, time and type of the last event. */
    public static Document apply(
            Document header, ConsortiumEvent event, long sequence, long position, Instant timestamp) {
        if (Docs.position(header) >= position) {
            return header;
        }
        Document next =
                header == null ? new Document("_id", event.applicationId().toString()) : Docs.copy(header);
        return next.append("count", Math.max(Docs.longOf(next, "count"), sequence + 1))
                .append("position", position)
                .append("lastEventType", Docs.eventType(event))
                .append("updatedAt", timestamp.toString());
    }

    /** The entry of one event. */
    public static Document entry(ConsortiumEvent event, Context context) {
        String applicationId = event.applicationId().toString();
        MunicipalityCode municipality = municipality(event);
        Document entry = new Document("_id", entryId(applicationId, context.sequence()))
                .append("applicationId", applicationId)
                .append("sequence", context.sequence())
                .append("position", context.position())
                .append("eventId", context.eventId())
                .append("time", context.timestamp().toString())
                .append("eventType", Docs.eventType(event))
                .append("municipality", municipality == null ? null : municipality.toString())
                .append("municipalityName", municipality == null ? null : Docs.name(municipality))
                .append("actorId", context.actorId())
                .append("actorName", context.actorName())
                .append("actorRole", context.actorRole())
                .append("actorMunicipality", context.actorMunicipality())
                .append("delegationId", EventRef.delegationUsed(event, context.delegationId()))
                .append("decision", Docs.decision(EventRef.decision(event)))
                .append("correlationId", context.correlationId())
                .append("causationId", context.causationId())
                .append("summary", summary(event));
        if (event instanceof DecisionReferenceCorrected e) {
            entry.append("correctedEventType", e.correctedEventType())
                    .append("previousDecision", Docs.decision(e.previousReference()));
        }
        return entry;
    }

    /** The municipality the event is about, if it is about one. */
    public static MunicipalityCode municipality(ConsortiumEvent event) {
        if (event instanceof ApplicationOpened e) {
            return e.ownerMunicipality();
        } else if (event instanceof MunicipalityInvited e) {
            return e.municipality();
        } else if (event instanceof MunicipalityJoined e) {
            return e.municipality();
        } else if (event instanceof ParticipationDeclined e) {
            return e.municipality();
        } else if (event instanceof MunicipalityWithdrew e) {
            return e.municipality();
        } else if (event instanceof DecisionReferenceCorrected e) {
            return e.municipality();
        } else if (event instanceof SignatureDelegated e) {
            return e.municipality();
        } else if (event instanceof SignatureDelegationRevoked e) {
            return e.municipality();
        } else if (event instanceof CooperationFormSigned e) {
            return e.municipality();
        } else if (event instanceof BudgetLineSet e) {
            return e.municipality();
        } else if (event instanceof DocumentAttached e) {
            return e.municipality();
        }
        return null;
    }

    /** What happened, in one English sentence people can read. */
    public static String summary(ConsortiumEvent event) {
        if (event instanceof ApplicationOpened e) {
            return Docs.label(e.ownerMunicipality()) + " opened the application \"" + e.title() + "\" to "
                    + e.funderName()
                    + (e.legalBasis() == null
                            ? ""
                            : " under " + legalBasis(e.legalBasis().name()))
                    + ", applying for " + Docs.sek(e.appliedAmountSek())
                    + (e.periodStart() == null || e.periodEnd() == null
                            ? ""
                            : " for the period " + e.periodStart() + " to " + e.periodEnd())
                    + ", and invited " + e.invitedMunicipalities().size() + " municipalities"
                    + " to join by " + e.joiningDeadline() + ".";
        } else if (event instanceof MunicipalityInvited e) {
            return Docs.label(e.municipality()) + " was invited to join.";
        } else if (event instanceof MunicipalityJoined e) {
            return Docs.label(e.municipality()) + " joined on " + Docs.decisionInWords(e.decision())
                    + (e.appealDeadline() == null ? "" : "; appeal deadline " + e.appealDeadline()) + ".";
        } else if (event instanceof ParticipationDeclined e) {
            return Docs.label(e.municipality()) + " declined to take part"
                    + (e.decision() == null ? "" : " on " + Docs.decisionInWords(e.decision()))
                    + reason(e.reason());
        } else if (event instanceof MunicipalityWithdrew e) {
            return Docs.label(e.municipality()) + " withdrew from the application"
                    + (e.decision() == null ? "" : " on " + Docs.decisionInWords(e.decision()))
                    + reason(e.reason());
        } else if (event instanceof DecisionReferenceCorrected e) {
            return "The decision reference recorded for " + Docs.label(e.municipality()) + " in "
                    + e.correctedEventType() + " was corrected from "
                    + Docs.decisionInWords(e.previousReference()) + " to "
                    + Docs.decisionInWords(e.newReference())
                    + (e.appealDeadline() == null ? "" : "; appeal deadline " + e.appealDeadline())
                    + reason(e.reason());
        } else if (event instanceof SignatureDelegated e) {
            return Docs.label(e.municipality()) + " delegated the signing of its cooperation form to "
                    + e.delegateName() + " (" + e.delegateRole() + ") on " + Docs.decisionInWords(e.decision())
                    + (e.validUntil() == null ? "" : ", valid until " + e.validUntil())
                    + " (delegation " + e.delegationId() + ").";
        } else if (event instanceof SignatureDelegationRevoked e) {
            return Docs.label(e.municipality()) + " revoked signing delegation " + e.delegationId()
                    + reason(e.reason());
        } else if (event instanceof CooperationFormSigned e) {
            return e.signatoryName() + " (" + e.signatoryRole() + ") signed the cooperation form of "
                    + Docs.label(e.municipality())
                    + (e.delegationId() == null ? "" : " under delegation " + e.delegationId()) + ".";
        } else if (event instanceof BudgetLineSet e) {
            return "The budget line of " + Docs.label(e.municipality()) + " for " + e.year() + " was set to "
                    + Docs.sek(e.amountSek()) + ".";
        } else if (event instanceof DocumentAttached e) {
            return "Document \"" + e.fileName() + "\" (" + kind(e) + ", " + e.sizeBytes() + " bytes, SHA-256 "
                    + e.sha256() + ") was attached"
                    + (e.municipality() == null
                            ? " to the application."
                            : " for " + Docs.label(e.municipality()) + ".");
        } else if (event instanceof ApplicationSubmitted e) {
            return "The application was submitted to the funder with " + e.participantCount()
                    + " participating municipalities (" + e.declinedCount() + " declined, " + e.withdrawnCount()
                    + " withdrew, " + e.unansweredCount() + " did not answer), applying for "
                    + Docs.sek(e.appliedAmountSek()) + ".";
        } else if (event instanceof JoiningClosed e) {
            return "Joining closed at the deadline " + e.joiningDeadline() + " with " + e.joinedCount()
                    + " municipalities joined.";
        } else if (event instanceof AwardGranted e) {
            String reports = e.reportDueDates().isEmpty()
                    ? ""
                    : "; "
                            + e.reportDueDates().stream()
                                    .map(AuditTrailView::due)
                                    .collect(Collectors.joining(", "));
            return "The funder granted " + Docs.sek(e.amountSek()) + " of " + Docs.sek(e.appliedAmountSek())
                    + " applied for (case " + e.caseNumber() + ", decided " + e.decisionDate() + ")" + reports + ".";
        } else if (event instanceof ApplicationRejected e) {
            return "The funder rejected the application (case " + e.caseNumber() + ", decided " + e.decisionDate() + ")"
                    + reason(e.reason());
        } else if (event instanceof FundsRequisitioned e) {
            return Docs.sek(e.amountSek()) + " was requisitioned (" + Docs.sek(e.totalRequisitionedSek()) + " in all).";
        } else if (event instanceof InterimReportSubmitted e) {
            return "The interim report due " + e.dueDate() + " was submitted, reporting " + Docs.sek(e.usedAmountSek())
                    + " used so far.";
        } else if (event instanceof FinalReportSubmitted e) {
            return "The final report due " + e.dueDate() + " was submitted, reporting " + Docs.sek(e.usedAmountSek())
                    + " used in all.";
        } else if (event instanceof ReportOverdue e) {
            return "The " + report(e.report()) + " due " + e.dueDate() + " is overdue.";
        } else if (event instanceof RepaymentClaimed e) {
            return "The funder claimed repayment of " + Docs.sek(e.amountSek()) + " (" + Docs.sek(e.totalClaimedSek())
                    + " in all)" + reason(e.reason());
        } else if (event instanceof ApplicationClosed e) {
            return "The application was closed" + reason(e.reason());
        }
        return Docs.eventType(event) + ".";
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank()
                ? "."
                : ": " + reason.strip() + (reason.strip().endsWith(".") ? "" : ".");
    }

    private static String legalBasis(String name) {
        return "SECTION_37A".equals(name) ? "§ 37a" : "SECTION_37".equals(name) ? "§ 37" : name;
    }

    private static String report(ReportKind kind) {
        return kind == ReportKind.FINAL ? "final report" : "interim report";
    }

    private static String due(ReportDueDate r) {
        return report(r.report()) + " due " + r.dueDate();
    }

    private static String kind(DocumentAttached e) {
        if (e.kind() == null) {
            return "document";
        }
        switch (e.kind()) {
            case TJANSTEUTLATANDE:
                return "official report (tjänsteutlåtande)";
            case FORSTUDIERAPPORT:
                return "pre-study report (förstudierapport)";
            case PROTOKOLLSUTDRAG:
                return "extract from the minutes (protokollsutdrag)";
            case COOPERATION_FORM:
                return "cooperation form (samverkansblankett)";
            case REPORT:
                return "report";
            default:
                return "other document";
        }
    }
}
