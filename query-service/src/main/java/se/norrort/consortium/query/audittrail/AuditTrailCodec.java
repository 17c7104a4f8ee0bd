package se.norrort.consortium.query.audittrail;

import org.bson.Document;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.query.audittrail.AuditTrailEntry.Correction;
import se.norrort.consortium.query.audittrail.AuditTrailEntry.Header;
import se.norrort.consortium.query.projection.ViewFields;

/**
 * The audit trail's records to and from the stored {@link Document}s, in the shape they have always been stored in:
 * every field of an entry present in a fixed order (with {@code null} where there is nothing), {@code sequence} and
 * {@code position} int64, texts for times and dates, and {@code correctedEventType, previousDecision} at the end of
 * a correction's entry only; a header is {@code _id, count, position, lastEventType, updatedAt}.
 */
public final class AuditTrailCodec {

    private AuditTrailCodec() {}

    /** The stored document of an entry. */
    public static Document toDocument(AuditTrailEntry e) {
        Document d = new Document("_id", e.id())
                .append("applicationId", e.applicationId())
                .append("sequence", e.sequence())
                .append("position", e.position())
                .append("eventId", e.eventId())
                .append("time", ViewFields.text(e.time()))
                .append("eventType", e.eventType())
                .append("municipality", ViewFields.text(e.municipality()))
                .append("municipalityName", e.municipalityName())
                .append("actorId", e.actorId())
                .append("actorName", e.actorName())
                .append("actorRole", e.actorRole())
                .append("actorMunicipality", e.actorMunicipality())
                .append("delegationId", e.delegationId())
                .append("decision", ViewFields.decision(e.decision()))
                .append("correlationId", e.correlationId())
                .append("causationId", e.causationId())
                .append("summary", e.summary());
        if (e.correction() != null) {
            d.append("correctedEventType", e.correction().correctedEventType())
                    .append(
                            "previousDecision",
                            ViewFields.decision(e.correction().previousDecision()));
        }
        return d;
    }

    /** The entry of a stored document ({@code null} for none). */
    public static AuditTrailEntry entryOf(Document d) {
        if (d == null) {
            return null;
        }
        String municipality = d.getString("municipality");
        return new AuditTrailEntry(
                d.getString("_id"),
                d.getString("applicationId"),
                ViewFields.longOf(d, "sequence"),
                ViewFields.longOf(d, "position"),
                d.getString("eventId"),
                ViewFields.instant(d.getString("time")),
                d.getString("eventType"),
                municipality == null ? null : new MunicipalityCode(municipality),
                d.getString("municipalityName"),
                d.getString("actorId"),
                d.getString("actorName"),
                d.getString("actorRole"),
                d.getString("actorMunicipality"),
                d.getString("delegationId"),
                ViewFields.decisionOf(d.get("decision", Document.class), null),
                d.getString("correlationId"),
                d.getString("causationId"),
                d.getString("summary"),
                d.containsKey("correctedEventType")
                        ? new Correction(
                                d.getString("correctedEventType"),
                                ViewFields.decisionOf(d.get("previousDecision", Document.class), null))
                        : null);
    }

    /** The stored document of a header. */
    public static Document toDocument(Header h) {
        return new Document("_id", h.applicationId())
                .append("count", h.count())
                .append("position", h.position())
                .append("lastEventType", h.lastEventType())
                .append("updatedAt", ViewFields.text(h.updatedAt()));
    }

    /** The header of a stored document ({@code null} for none); the provenance field, if any, is not part of it. */
    public static Header headerOf(Document d) {
        if (d == null) {
            return null;
        }
        return new Header(
                d.getString("_id"),
                ViewFields.longOf(d, "count"),
                ViewFields.position(d),
                d.getString("lastEventType"),
                ViewFields.instant(d.getString("updatedAt")));
    }
}
