package se.norrort.consortium.query.audittrail;

import java.time.Instant;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * One entry of an application's audit trail: one event, in words, with who acted and on which decision, as
 * {@link AuditTrailView#record} builds it and {@link AuditTrailCodec} stores it (collection
 * {@code view_audit_trail}, {@code _id} {@code applicationId:sequence}).
 *
 * @param id                the entry's {@code _id}, {@link AuditTrailView#entryId}
 * @param municipality      the municipality the event concerns, with its {@code municipalityName}; {@code null} for
 *                          an event of the application as a whole
 * @param actorId           who acted, with name, role and the municipality acted for, from the event's metadata
 *                          ({@code null} where it has none)
 * @param delegationId      the signing delegation used ({@code null} for none)
 * @param decision          the committee decision the event records ({@code null} for none); stored with the appeal
 *                          deadline that follows from it
 * @param correction        for a {@code DecisionReferenceCorrected}, what it corrected; else {@code null}
 */
public record AuditTrailEntry(
        String id,
        String applicationId,
        long sequence,
        long position,
        String eventId,
        Instant time,
        String eventType,
        MunicipalityCode municipality,
        String municipalityName,
        String actorId,
        String actorName,
        String actorRole,
        String actorMunicipality,
        String delegationId,
        DecisionReference decision,
        String correlationId,
        String causationId,
        String summary,
        Correction correction) {

    /** What a decision correction corrected: the type of the event that recorded it, and the reference it had. */
    public record Correction(String correctedEventType, DecisionReference previousDecision) {}

    /**
     * The header of an application's trail (collection {@code view_audit_trail_headers}, {@code _id} the application
     * id): how many entries, and the position, type and time of the last event.
     */
    public record Header(String applicationId, long count, long position, String lastEventType, Instant updatedAt) {}
}
