package se.norrort.consortium.query.audittrail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.DecisionReferenceCorrected;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.query.audittrail.AuditTrailEntry.Correction;
import se.norrort.consortium.query.audittrail.AuditTrailEntry.Header;
import se.norrort.consortium.query.projection.EventRef;
import se.norrort.consortium.query.projection.EventSummaries;
import se.norrort.consortium.query.projection.ViewFields;

/**
 * The audit trail of one application, for auditors: one entry per event, in event order, saying what happened in
 * words, who did it (person, role, the municipality they acted for, the delegation they acted under), when, and on
 * which committee decision.
 * <p>
 * Entries are keyed {@code applicationId + ":" + sequence} (sequence zero-padded to 10 digits), so a page of the
 * trail is a lookup of known {@code _id}s; a small header document per application holds the number of entries.
 * Both are pure and typed: {@link #record} builds the {@link AuditTrailEntry} of an event (the same event always gives
 * the same entry, so writing it again is harmless), and {@link #foldHeader} folds the {@link AuditTrailEntry.Header},
 * changing nothing for an event at or below the position it already reflects. {@link #entry} and
 * {@link #apply} are the same on stored documents ({@link AuditTrailCodec}), for the projection.
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
        if (sequence < 0) {
            throw new IllegalArgumentException("A sequence is never negative: " + sequence);
        }
        // the sequence with leading zeros to ten digits, as String.format("%010d") (which cost a rebuild 4%)
        String digits = Long.toString(sequence);
        return applicationId + ":" + "0".repeat(Math.max(0, 10 - digits.length())) + digits;
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

    /**
     * The header of an application's trail as stored: {@link #foldHeader} on the record of {@code header}, written
     * back; {@code header} itself when the event is already reflected.
     */
    public static Document apply(
            Document header, ConsortiumEvent event, long sequence, long position, Instant timestamp) {
        if (ViewFields.position(header) >= position) {
            return header;
        }
        return AuditTrailCodec.toDocument(
                foldHeader(AuditTrailCodec.headerOf(header), event, sequence, position, timestamp));
    }

    /**
     * The header of an application's trail after the event at {@code sequence}: {@code count} (entries), position,
     * time and type of the last event; {@code header} itself when the event is at or below the position it reflects.
     */
    public static Header foldHeader(
            Header header, ConsortiumEvent event, long sequence, long position, Instant timestamp) {
        if (header != null && header.position() >= position) {
            return header;
        }
        return new Header(
                header == null ? event.applicationId().toString() : header.applicationId(),
                Math.max(header == null ? 0 : header.count(), sequence + 1),
                position,
                ViewFields.eventType(event),
                timestamp);
    }

    /** The stored entry of one event. */
    public static Document entry(ConsortiumEvent event, Context context) {
        return AuditTrailCodec.toDocument(record(event, context));
    }

    /** The entry of one event. */
    public static AuditTrailEntry record(ConsortiumEvent event, Context context) {
        String applicationId = event.applicationId().toString();
        MunicipalityCode municipality = EventSummaries.municipality(event);
        return new AuditTrailEntry(
                entryId(applicationId, context.sequence()),
                applicationId,
                context.sequence(),
                context.position(),
                context.eventId(),
                context.timestamp(),
                ViewFields.eventType(event),
                municipality,
                municipality == null ? null : ViewFields.name(municipality),
                context.actorId(),
                context.actorName(),
                context.actorRole(),
                context.actorMunicipality(),
                EventRef.delegationUsed(event, context.delegationId()),
                EventRef.decision(event),
                context.correlationId(),
                context.causationId(),
                EventSummaries.summary(event),
                event instanceof DecisionReferenceCorrected e
                        ? new Correction(e.correctedEventType(), e.previousReference())
                        : null);
    }
}
