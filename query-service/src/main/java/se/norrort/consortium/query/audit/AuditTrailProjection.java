package se.norrort.consortium.query.audit;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.MetadataKeys;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.query.live.ViewChanges;
import se.norrort.consortium.query.support.Changes;
import se.norrort.consortium.query.support.ViewProgress;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps the audit trail up to date: one entry per event in {@value #COLLECTION} and one header per application in
 * {@value #HEADERS}. The entry is written first (its {@code _id} is fixed by the event, so writing it again is
 * harmless), then the header; an event the header already reflects is skipped, so a redelivered event, or one whose
 * handling failed between the two writes, ends with the same entry and header.
 * <p>
 * Runs on a streaming processor's thread (not a request thread), so it waits for its writes before the processor
 * moves its token on. The processor runs one segment so that {@link ViewProgress} answers {@code ?minPosition=}
 * exactly.
 */
@Component
@ProcessingGroup(AuditTrailProjection.PROCESSING_GROUP)
public class AuditTrailProjection {

    public static final String PROCESSING_GROUP = "audit-trail";
    public static final String VIEW = "audit-trail";
    public static final String COLLECTION = "view_audit_trail";
    public static final String HEADERS = "view_audit_trail_headers";
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> headers;
    private final ViewChanges changes;
    private final ViewProgress progress;

    public AuditTrailProjection(MongoDatabase viewDatabase, ViewChanges changes, ViewProgress progress) {
        this.entries = viewDatabase.getCollection(COLLECTION);
        this.headers = viewDatabase.getCollection(HEADERS);
        this.changes = changes;
        this.progress = progress;
    }

    @EventHandler
    public void on(ConsortiumEvent event,
                   @MetaDataValue(MetadataKeys.GLOBAL_POSITION) Number globalPosition,
                   @Timestamp Instant timestamp,
                   @SequenceNumber Long sequence,
                   @MessageIdentifier String eventId,
                   @MetaDataValue(MetadataKeys.ACTOR_ID) Object actorId,
                   @MetaDataValue(MetadataKeys.ACTOR_NAME) Object actorName,
                   @MetaDataValue(MetadataKeys.ACTOR_ROLE) Object actorRole,
                   @MetaDataValue(MetadataKeys.ACTOR_MUNICIPALITY) Object actorMunicipality,
                   @MetaDataValue(MetadataKeys.DELEGATION_ID) Object delegationId,
                   @MetaDataValue(MetadataKeys.CORRELATION_ID) Object correlationId,
                   @MetaDataValue(MetadataKeys.CAUSATION_ID) Object causationId) {
        long position = globalPosition.longValue();
        String applicationId = event.applicationId().toString();
        AuditTrailView.Context context = new AuditTrailView.Context(
                eventId, sequence, position, timestamp, text(actorId), text(actorName), text(actorRole),
                text(actorMunicipality), text(delegationId), text(correlationId), text(causationId));
        Mono.from(headers.find(Filters.eq("_id", applicationId)).first())
            .map(Optional::of)
            .defaultIfEmpty(Optional.empty())
            .flatMap(current -> {
                Document before = current.orElse(null);
                Document after = AuditTrailView.apply(before, event, sequence, position, timestamp);
                if (after == before) {
                    return Mono.empty();
                }
                Document entry = AuditTrailView.entry(event, context);
                return Mono.from(entries.replaceOne(Filters.eq("_id", entry.getString("_id")), entry,
                                                    new ReplaceOptions().upsert(true)))
                           .then(Mono.from(headers.replaceOne(Filters.eq("_id", applicationId), after,
                                                              new ReplaceOptions().upsert(true))))
                           .then(Mono.fromRunnable(() -> Changes.publish(changes, VIEW, applicationId, position, entry)));
            })
            .then(progress.handled(VIEW, position))
            .block(WRITE_TIMEOUT);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A replay starts from nothing: the entries, the headers and the progress go. */
    @ResetHandler
    public void reset() {
        Mono.from(entries.drop())
            .then(Mono.from(headers.drop()))
            .then(progress.forget(VIEW))
            .block(WRITE_TIMEOUT);
    }
}
