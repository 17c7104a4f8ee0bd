package se.norrort.consortium.query.projection;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import org.bson.Document;
import se.norrort.consortium.api.MetadataKeys;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.CooperationFormSigned;
import se.norrort.consortium.api.events.DecisionReferenceCorrected;
import se.norrort.consortium.api.events.MunicipalityJoined;
import se.norrort.consortium.api.events.MunicipalityWithdrew;
import se.norrort.consortium.api.events.ParticipationDeclined;
import se.norrort.consortium.api.events.SignatureDelegated;
import se.norrort.consortium.api.values.DecisionReference;

/**
 * A reference to one stored event, as field-level provenance records it (see {@link Provenance}): where the event is
 * ({@code applicationId}, {@code eventId}, global {@code position}, {@code sequence} in its application's stream),
 * what it is ({@code type}, the stable stored name), when it was recorded ({@code time}, to the millisecond: the
 * precision at which the projections receive it, so a reference read back from the store is the same), who acted
 * ({@code actor}: {@code id}, {@code name}, {@code role}, {@code municipality}, from the metadata), the committee
 * {@code decision} it records (null when none) and the signing {@code delegationId} the actor used (null when none).
 * <p>
 * Built only from the event and its stored metadata, never from a clock, so the same event always gives the same
 * reference: live, in a rebuild, and when read back from the event store.
 */
public final class EventRef {

    private EventRef() {}

    /**
     * The reference of an event.
     *
     * @param metadata the event's metadata values as text (null when absent)
     */
    public static Document of(
            String applicationId,
            String eventId,
            long position,
            long sequence,
            Instant time,
            ConsortiumEvent event,
            Function<String, String> metadata) {
        return new Document("applicationId", applicationId)
                .append("eventId", eventId)
                .append("position", position)
                .append("sequence", sequence)
                .append("type", ViewFields.eventType(event))
                .append("time", time.truncatedTo(ChronoUnit.MILLIS).toString())
                .append(
                        "actor",
                        new Document("id", metadata.apply(MetadataKeys.ACTOR_ID))
                                .append("name", metadata.apply(MetadataKeys.ACTOR_NAME))
                                .append("role", metadata.apply(MetadataKeys.ACTOR_ROLE))
                                .append("municipality", metadata.apply(MetadataKeys.ACTOR_MUNICIPALITY)))
                .append("decision", ViewFields.decision(decision(event)))
                .append("delegationId", delegationUsed(event, metadata.apply(MetadataKeys.DELEGATION_ID)));
    }

    /** The committee decision the event records, if any; for a correction, the corrected (right) reference. */
    public static DecisionReference decision(ConsortiumEvent event) {
        if (event instanceof MunicipalityJoined e) {
            return e.decision();
        } else if (event instanceof ParticipationDeclined e) {
            return e.decision();
        } else if (event instanceof MunicipalityWithdrew e) {
            return e.decision();
        } else if (event instanceof DecisionReferenceCorrected e) {
            return e.newReference();
        } else if (event instanceof SignatureDelegated e) {
            return e.decision();
        }
        return null;
    }

    /**
     * The signing delegation the actor used: the one the metadata names, else the one a signature names in its
     * payload; null when none.
     */
    public static String delegationUsed(ConsortiumEvent event, String fromMetadata) {
        if (fromMetadata == null && event instanceof CooperationFormSigned e && e.delegationId() != null) {
            return e.delegationId().toString();
        }
        return fromMetadata;
    }

    /** The position of a reference. */
    public static long position(Document ref) {
        return ViewFields.longOf(ref, "position");
    }
}
