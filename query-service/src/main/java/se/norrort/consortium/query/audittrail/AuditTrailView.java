package se.norrort.consortium.query.audittrail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.DecisionReferenceCorrected;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.query.projection.EventRef;
import se.norrort.consortium.query.projection.EventSummaries;
import se.norrort.consortium.query.projection.ViewDocuments;

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
        if (ViewDocuments.position(header) >= position) {
            return header;
        }
        Document next =
                header == null ? new Document("_id", event.applicationId().toString()) : ViewDocuments.copy(header);
        return next.append("count", Math.max(ViewDocuments.longOf(next, "count"), sequence + 1))
                .append("position", position)
                .append("lastEventType", ViewDocuments.eventType(event))
                .append("updatedAt", timestamp.toString());
    }

    /** The entry of one event. */
    public static Document entry(ConsortiumEvent event, Context context) {
        String applicationId = event.applicationId().toString();
        MunicipalityCode municipality = EventSummaries.municipality(event);
        Document entry = new Document("_id", entryId(applicationId, context.sequence()))
                .append("applicationId", applicationId)
                .append("sequence", context.sequence())
                .append("position", context.position())
                .append("eventId", context.eventId())
                .append("time", context.timestamp().toString())
                .append("eventType", ViewDocuments.eventType(event))
                .append("municipality", municipality == null ? null : municipality.toString())
                .append("municipalityName", municipality == null ? null : ViewDocuments.name(municipality))
                .append("actorId", context.actorId())
                .append("actorName", context.actorName())
                .append("actorRole", context.actorRole())
                .append("actorMunicipality", context.actorMunicipality())
                .append("delegationId", EventRef.delegationUsed(event, context.delegationId()))
                .append("decision", ViewDocuments.decision(EventRef.decision(event)))
                .append("correlationId", context.correlationId())
                .append("causationId", context.causationId())
                .append("summary", EventSummaries.summary(event));
        if (event instanceof DecisionReferenceCorrected e) {
            entry.append("correctedEventType", e.correctedEventType())
                    .append("previousDecision", ViewDocuments.decision(e.previousReference()));
        }
        return entry;
    }
}
