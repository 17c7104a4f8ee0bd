package se.norrort.consortium.query.audit;

import se.norrort.consortium.query.support.ViewStore;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.MetadataKeys;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.query.live.ViewChanges;
import se.norrort.consortium.query.rebuild.RebuildableProjection;
import se.norrort.consortium.query.rebuild.ReplayedEvent;
import se.norrort.consortium.query.rebuild.ViewGate;
import se.norrort.consortium.query.support.Changes;
import se.norrort.consortium.query.support.ViewProgress;

import java.util.List;
import java.util.function.Function;

/**
 * Keeps the audit trail up to date: one entry per event in {@value #COLLECTION} and one header per application in
 * {@value #HEADERS}. The entry is written first (its {@code _id} is fixed by the event, so writing it again is
 * harmless), then the header; an event the header already reflects is skipped, so a redelivered event, or one whose
 * handling failed between the two writes, ends with the same entry and header.
 * <p>
 * Runs on a streaming processor's thread (not a request thread), so it waits for its writes before the processor
 * moves its token on. The processor runs one segment so that {@link ViewProgress} answers {@code ?minPosition=}
 * exactly. Rebuildable from the log (see {@link RebuildableProjection}): the live handler writes inside the view's
 * {@link ViewGate}.
 */
@Component
@ProcessingGroup(AuditTrailProjection.PROCESSING_GROUP)
public class AuditTrailProjection implements RebuildableProjection {

    public static final String PROCESSING_GROUP = "audit-trail";
    public static final String VIEW = "audit-trail";
    public static final String COLLECTION = "view_audit_trail";
    public static final String HEADERS = "view_audit_trail_headers";

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> headers;
    private final ViewChanges changes;
    private final ViewProgress progress;
    private final ViewGate gate;

    public AuditTrailProjection(MongoDatabase viewDatabase, ViewChanges changes, ViewProgress progress,
                                ViewGate gate) {
        this.entries = viewDatabase.getCollection(COLLECTION);
        this.headers = viewDatabase.getCollection(HEADERS);
        this.changes = changes;
        this.progress = progress;
        this.gate = gate;
    }

    @EventHandler
    public void on(ConsortiumEvent event, EventMessage<?> message) {
        ReplayedEvent e = ReplayedEvent.live(message);
        gate.write(VIEW, () -> project(entries, headers, e, changes)
                .then(progress.handled(VIEW, e.position())));
    }

    /**
     * Writes the event's entry to {@code entries} and folds it into its application's header in {@code headers},
     * recording the header fields it set; the new entry is published to {@code changes} unless that is {@code null}
     * (a rebuild).
     */
    private static Mono<Void> project(MongoCollection<Document> entries, MongoCollection<Document> headers,
                                      ReplayedEvent e, ViewChanges changes) {
        String applicationId = e.event().applicationId().toString();
        AuditTrailView.Context context = context(e);
        return ViewStore.byId(headers, applicationId)
                   .flatMap(current -> {
                       Document before = current.orElse(null);
                       Document after = e.applyTo(before, (header, event, position, timestamp) -> AuditTrailView
                               .apply(header, event, context.sequence(), position, timestamp));
                       if (after == before) {
                           return Mono.empty();
                       }
                       Document entry = AuditTrailView.entry(e.event(), context);
                       Mono<Void> write = ViewStore.upsert(entries, entry.getString("_id"), entry)
                                                   .then(ViewStore.upsert(headers, applicationId, after));
                       return changes == null
                               ? write
                               : write.then(Mono.fromRunnable(() -> Changes.publish(changes, VIEW, applicationId,
                                                                                    context.position(), entry)));
                   });
    }

    /** The event's place and who acted, from the event and its metadata. */
    private static AuditTrailView.Context context(ReplayedEvent e) {
        return new AuditTrailView.Context(
                e.eventId(), e.sequence(), e.position(), e.timestamp(), e.metaDataText(MetadataKeys.ACTOR_ID),
                e.metaDataText(MetadataKeys.ACTOR_NAME), e.metaDataText(MetadataKeys.ACTOR_ROLE),
                e.metaDataText(MetadataKeys.ACTOR_MUNICIPALITY), e.metaDataText(MetadataKeys.DELEGATION_ID),
                e.metaDataText(MetadataKeys.CORRELATION_ID), e.metaDataText(MetadataKeys.CAUSATION_ID));
    }

    @Override
    public String view() {
        return VIEW;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION, HEADERS);
    }

    @Override
    public Mono<Void> replay(ReplayedEvent e, Function<String, MongoCollection<Document>> collections) {
        return project(collections.apply(COLLECTION), collections.apply(HEADERS), e, null);
    }

    /** A replay starts from nothing: the entries, the headers and the progress go. */
    @ResetHandler
    public void reset() {
        gate.write(VIEW, () -> Mono.from(entries.drop())
                                  .then(Mono.from(headers.drop()))
                                  .then(progress.forget(VIEW)));
    }
}
