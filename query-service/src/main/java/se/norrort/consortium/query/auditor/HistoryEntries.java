package se.norrort.consortium.query.auditor;

import java.time.Instant;
import java.util.Collection;
import org.bson.Document;
import se.norrort.consortium.api.MetadataKeys;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.DecisionReferenceCorrected;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.chain.HashChain;
import se.norrort.consortium.query.api.StoredHistory.HistoryEvent;
import se.norrort.consortium.query.projection.EventRef;
import se.norrort.consortium.query.projection.EventSummaries;
import se.norrort.consortium.query.projection.ViewFields;

/**
 * One entry of the decision history: the stored event with its place in the log, who acted, on which delegation and
 * committee decision, its chain hash, what happened in words, and the payload exactly as stored.
 */
final class HistoryEntries {

    private HistoryEntries() {}

    static Document entry(HistoryEvent read) {
        StoredEvent stored = read.stored();
        ConsortiumEvent event = read.event();
        MunicipalityCode municipality = event == null ? null : municipality(event);
        Document entry = new Document("applicationId", stored.aggregateId())
                .append("position", stored.position())
                .append("sequence", stored.sequence())
                .append("eventId", stored.eventId())
                .append("time", stored.timestamp().toString())
                .append("type", stored.payloadType())
                .append("revision", stored.payloadRevision())
                .append("actorId", read.meta(MetadataKeys.ACTOR_ID))
                .append("actorName", read.meta(MetadataKeys.ACTOR_NAME))
                .append("actorRole", read.meta(MetadataKeys.ACTOR_ROLE))
                .append("actorMunicipality", read.meta(MetadataKeys.ACTOR_MUNICIPALITY))
                .append("delegationId", EventRef.delegationUsed(event, read.meta(MetadataKeys.DELEGATION_ID)))
                .append("correlationId", read.meta(MetadataKeys.CORRELATION_ID))
                .append("causationId", read.meta(MetadataKeys.CAUSATION_ID))
                .append("municipality", municipality == null ? null : municipality.toString())
                .append("decision", event == null ? null : ViewFields.decision(decision(event)))
                .append("chainHash", read.meta(HashChain.KEY))
                .append(
                        "description",
                        event != null
                                ? EventSummaries.summary(event)
                                : "An event of type " + stored.payloadType() + " that cannot be read ("
                                        + read.unreadable() + ").")
                .append("payload", payload(stored.payload()));
        if (event instanceof DecisionReferenceCorrected e) {
            entry.append("correctedEventType", e.correctedEventType())
                    .append("previousDecision", ViewFields.decision(e.previousReference()));
        }
        return entry;
    }

    /** The stored payload as JSON; the text itself if it is not valid JSON (an auditor sees what is there). */
    private static Object payload(String json) {
        try {
            return Document.parse(json);
        } catch (RuntimeException e) {
            return json;
        }
    }

    /** Whether the event passes the history's filters; a null filter lets everything through. */
    static boolean matches(HistoryEvent read, String municipality, Collection<String> types, Instant from, Instant to) {
        StoredEvent stored = read.stored();
        if (types != null && !types.isEmpty() && !types.contains(stored.payloadType())) {
            return false;
        }
        if (from != null && stored.timestamp().isBefore(from)) {
            return false;
        }
        if (to != null && stored.timestamp().isAfter(to)) {
            return false;
        }
        if (municipality != null) {
            MunicipalityCode about = read.event() == null ? null : municipality(read.event());
            boolean concerns = about != null && about.toString().equals(municipality);
            boolean actedFor = municipality.equals(read.meta(MetadataKeys.ACTOR_MUNICIPALITY));
            return concerns || actedFor;
        }
        return true;
    }

    /** The committee decision the event records, if any (the audit trail's own reading of events). */
    static DecisionReference decision(ConsortiumEvent event) {
        return EventRef.decision(event);
    }

    /** The municipality the event is about, if it is about one (the owner, for the opening). */
    static MunicipalityCode municipality(ConsortiumEvent event) {
        return EventSummaries.municipality(event);
    }
}
