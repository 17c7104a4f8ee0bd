package se.norrort.consortium.query.audittrail;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.List;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.MetadataKeys;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.query.live.ViewChangeHub;
import se.norrort.consortium.query.projection.LiveBatches;
import se.norrort.consortium.query.projection.RebuildableProjection;
import se.norrort.consortium.query.projection.ReplayedEvent;
import se.norrort.consortium.query.projection.ViewBatch;
import se.norrort.consortium.query.projection.ViewGate;
import se.norrort.consortium.query.projection.ViewProgress;

/**
 * Keeps the audit trail up to date: one entry per event in {@value #COLLECTION} and one header per application in
 * {@value #HEADERS}. The entry is written first (its {@code _id} is fixed by the event, so writing it again is
 * harmless), then the header; an event the header already reflects is skipped, so a redelivered event, or one whose
 * handling failed between the two writes, ends with the same entry and header.
 * <p>
 * Runs on a streaming processor's thread (not a request thread); its writes are gathered per batch of events and
 * stored (entries, then headers, then progress) before the processor moves its token on ({@link LiveBatches}). The processor runs one segment so that {@link ViewProgress} answers {@code ?minPosition=}
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
    private final ViewChangeHub changes;
    private final ViewProgress progress;
    private final ViewGate gate;

    public AuditTrailProjection(
            MongoDatabase viewDatabase, ViewChangeHub changes, ViewProgress progress, ViewGate gate) {
        this.entries = viewDatabase.getCollection(COLLECTION);
        this.headers = viewDatabase.getCollection(HEADERS);
        this.changes = changes;
        this.progress = progress;
        this.gate = gate;
    }

    @EventHandler
    public void on(ConsortiumEvent event, EventMessage<?> message) {
        ReplayedEvent e = ReplayedEvent.live(message);
        LiveBatches.handle(
                VIEW, gate, this::liveBatch, e.position(), batch -> project(batch, entries, headers, e, true));
    }

    /** Written entries first, then headers (the {@link #collections()} order), then the progress. */
    @Override
    public ViewBatch liveBatch() {
        return new ViewBatch(VIEW, collections(), changes, progress);
    }

    /**
     * Writes the event's entry to {@code entries} and folds it into its application's header in {@code headers},
     * recording the header fields it set; the new entry is published when {@code publish}.
     */
    private static void project(
            ViewBatch batch,
            MongoCollection<Document> entries,
            MongoCollection<Document> headers,
            ReplayedEvent e,
            boolean publish) {
        String applicationId = e.event().applicationId().toString();
        AuditTrailView.Context context = context(e);
        Document before = batch.get(headers, applicationId);
        Document after = e.applyTo(
                before,
                (header, event, position, timestamp) ->
                        AuditTrailView.apply(header, event, context.sequence(), position, timestamp));
        if (after == before) {
            return;
        }
        Document entry = AuditTrailView.entry(e.event(), context);
        batch.set(entries, entry.getString("_id"), entry);
        batch.set(headers, applicationId, after);
        if (publish) {
            batch.publish(applicationId, context.position(), entry);
        }
    }

    /** The event's place and who acted, from the event and its metadata. */
    private static AuditTrailView.Context context(ReplayedEvent e) {
        return new AuditTrailView.Context(
                e.eventId(),
                e.sequence(),
                e.position(),
                e.timestamp(),
                e.metaDataText(MetadataKeys.ACTOR_ID),
                e.metaDataText(MetadataKeys.ACTOR_NAME),
                e.metaDataText(MetadataKeys.ACTOR_ROLE),
                e.metaDataText(MetadataKeys.ACTOR_MUNICIPALITY),
                e.metaDataText(MetadataKeys.DELEGATION_ID),
                e.metaDataText(MetadataKeys.CORRELATION_ID),
                e.metaDataText(MetadataKeys.CAUSATION_ID));
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
    public void replay(ReplayedEvent e, ViewBatch batch, Function<String, MongoCollection<Document>> collections) {
        project(batch, collections.apply(COLLECTION), collections.apply(HEADERS), e, false);
    }

    /** A replay starts from nothing: the entries, the headers and the progress go. */
    @ResetHandler
    public void reset() {
        gate.write(
                VIEW,
                () -> Mono.from(entries.drop()).then(Mono.from(headers.drop())).then(progress.forget(VIEW)));
    }
}
