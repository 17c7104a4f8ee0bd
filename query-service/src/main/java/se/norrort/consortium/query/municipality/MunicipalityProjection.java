package se.norrort.consortium.query.municipality;

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
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.query.live.ViewChanges;
import se.norrort.consortium.query.projection.ApplicationFacts;
import se.norrort.consortium.query.projection.LiveBatches;
import se.norrort.consortium.query.projection.RebuildableProjection;
import se.norrort.consortium.query.projection.ReplayedEvent;
import se.norrort.consortium.query.projection.ViewBatch;
import se.norrort.consortium.query.projection.ViewDocuments;
import se.norrort.consortium.query.projection.ViewGate;
import se.norrort.consortium.query.projection.ViewProgress;

/**
 * Keeps the {@code municipality} view up to date: one document per municipality code in {@value #COLLECTION}, and
 * per application the facts every member's entry copies, in {@value #APPLICATIONS}. One event may change many
 * documents (an application opened with 15 invitations changes 15); each applies it only if its entry for that
 * application reflects an earlier position (see {@link MunicipalityView}), so a redelivered event, one whose
 * handling failed half-way, or one retried from the dead-letter queue after later events of other applications, is
 * applied once to each.
 * <p>
 * Runs on a streaming processor's thread (not a request thread); its writes are gathered per batch of events, each
 * touched document written once, and stored before the processor moves its token on ({@link LiveBatches}). A
 * municipality's document is written only if it still has the revision the batch read; otherwise another writer (an
 * operator retrying dead letters while the processor goes on) came first, and the batch's events are applied to it
 * again ({@link ViewBatch}). The processor runs one segment ({@code initial-segment-count: 1}) so that
 * {@link ViewProgress} answers {@code ?minPosition=} exactly; the fold itself does not depend on it. Rebuildable
 * from the log (see {@link RebuildableProjection}): the live handler writes inside the view's {@link ViewGate}.
 */
@Component
@ProcessingGroup(MunicipalityProjection.PROCESSING_GROUP)
public class MunicipalityProjection implements RebuildableProjection {

    public static final String PROCESSING_GROUP = "municipality";
    public static final String VIEW = "municipality";
    public static final String COLLECTION = "view_municipality";
    public static final String APPLICATIONS = "view_municipality_applications";

    private final MongoCollection<Document> views;
    private final MongoCollection<Document> applications;
    private final ViewChanges changes;
    private final ViewProgress progress;
    private final ViewGate gate;

    public MunicipalityProjection(
            MongoDatabase viewDatabase, ViewChanges changes, ViewProgress progress, ViewGate gate) {
        this.views = viewDatabase.getCollection(COLLECTION);
        this.applications = viewDatabase.getCollection(APPLICATIONS);
        this.changes = changes;
        this.progress = progress;
        this.gate = gate;
    }

    @EventHandler
    public void on(ConsortiumEvent event, EventMessage<?> message) {
        ReplayedEvent e = ReplayedEvent.live(message);
        LiveBatches.handle(
                VIEW, gate, this::liveBatch, e.position(), batch -> project(batch, views, applications, e, true));
    }

    @Override
    public ViewBatch liveBatch() {
        return new ViewBatch(VIEW, collections(), changes, progress);
    }

    /**
     * Applies the event to the application's facts in {@code applications} and to the documents of the
     * municipalities it concerns in {@code views}, recording the fields it set in each; each change of a
     * municipality's document is published when {@code publish}.
     */
    private static void project(
            ViewBatch batch,
            MongoCollection<Document> views,
            MongoCollection<Document> applications,
            ReplayedEvent e,
            boolean publish) {
        ConsortiumEvent event = e.event();
        String applicationId = event.applicationId().toString();
        Document before = batch.get(applications, applicationId);
        Document facts = ApplicationFacts.apply(before, event, e.position(), e.timestamp());
        if (facts != before) {
            batch.set(applications, applicationId, facts);
        }
        for (String code : MunicipalityView.affected(event, facts)) {
            Document current = batch.get(views, code);
            Document after = batch.update(
                    views,
                    code,
                    true,
                    view -> e.applyTo(
                            view,
                            (v, ev, position, timestamp) ->
                                    MunicipalityView.apply(v, code, ev, position, timestamp, facts)));
            if (after != current && publish) {
                batch.publish(code, ViewDocuments.position(after), after);
            }
        }
    }

    @Override
    public String view() {
        return VIEW;
    }

    @Override
    public List<String> collections() {
        return List.of(APPLICATIONS, COLLECTION);
    }

    @Override
    public void replay(ReplayedEvent e, ViewBatch batch, Function<String, MongoCollection<Document>> collections) {
        project(batch, collections.apply(COLLECTION), collections.apply(APPLICATIONS), e, false);
    }

    /** A replay starts from nothing: the view's documents and its progress go. */
    @ResetHandler
    public void reset() {
        gate.write(
                VIEW,
                () -> Mono.from(views.drop())
                        .then(Mono.from(applications.drop()))
                        .then(progress.forget(VIEW)));
    }
}
