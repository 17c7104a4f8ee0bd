package se.norrort.consortium.query.funder;

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
import se.norrort.consortium.query.live.ViewChangeHub;
import se.norrort.consortium.query.projection.LiveBatches;
import se.norrort.consortium.query.projection.RebuildableProjection;
import se.norrort.consortium.query.projection.ReplayedEvent;
import se.norrort.consortium.query.projection.ViewBatch;
import se.norrort.consortium.query.projection.ViewGate;
import se.norrort.consortium.query.projection.ViewProgress;

/**
 * Keeps the funder's list of applications up to date. A submitted (or later) application lives in
 * {@value #COLLECTION}, the list the funder pages through; one still being prepared lives in {@value #PREPARATION}
 * until its submission moves it, so the list stays small and holds nothing the funder may not see yet.
 * <p>
 * Runs on a streaming processor's thread (not a request thread); its writes are gathered per batch of events and
 * stored before the processor moves its token on ({@link LiveBatches}). Idempotent by position (see {@link FunderApplicationView}). The processor runs one segment so
 * that {@link ViewProgress} can answer {@code ?minPosition=} for the list as a whole. Rebuildable from the log (see
 * {@link RebuildableProjection}): the live handler writes inside the view's {@link ViewGate}.
 */
@Component
@ProcessingGroup(FunderApplicationsProjection.PROCESSING_GROUP)
public class FunderApplicationsProjection implements RebuildableProjection {

    public static final String PROCESSING_GROUP = "funder-applications";
    public static final String VIEW = "funder-applications";
    public static final String COLLECTION = "view_funder_applications";
    public static final String PREPARATION = "view_funder_applications_preparation";

    private final MongoCollection<Document> listed;
    private final MongoCollection<Document> preparation;
    private final ViewChangeHub changes;
    private final ViewProgress progress;
    private final ViewGate gate;

    public FunderApplicationsProjection(
            MongoDatabase viewDatabase, ViewChangeHub changes, ViewProgress progress, ViewGate gate) {
        this.listed = viewDatabase.getCollection(COLLECTION);
        this.preparation = viewDatabase.getCollection(PREPARATION);
        this.changes = changes;
        this.progress = progress;
        this.gate = gate;
    }

    @EventHandler
    public void on(ConsortiumEvent event, EventMessage<?> message) {
        ReplayedEvent e = ReplayedEvent.live(message);
        LiveBatches.handle(
                VIEW, gate, this::liveBatch, e.position(), batch -> project(batch, listed, preparation, e, true));
    }

    /** Written listed first, then preparation: a move that stops half-way leaves the document in both, not none. */
    @Override
    public ViewBatch liveBatch() {
        return new ViewBatch(VIEW, List.of(COLLECTION, PREPARATION), changes, progress);
    }

    /**
     * Applies the event to its application's document in {@code listed} or {@code preparation}, recording the fields
     * it set; a change of a listed application is published when {@code publish}.
     */
    private static void project(
            ViewBatch batch,
            MongoCollection<Document> listed,
            MongoCollection<Document> preparation,
            ReplayedEvent e,
            boolean publish) {
        String id = e.event().applicationId().toString();
        Document inList = batch.get(listed, id);
        Document before = inList != null ? inList : batch.get(preparation, id);
        Document after = e.applyTo(before, FunderApplicationView::apply);
        if (!FunderApplicationView.listed(after)) {
            if (after != before) {
                batch.set(preparation, id, after);
            }
            return;
        }
        if (after != before) {
            batch.set(listed, id, after);
            if (publish) {
                batch.publish(id, e.position(), after);
            }
        }
        // Leaves preparation once listed; also settles a move that failed half-way before.
        batch.delete(preparation, id);
    }

    @Override
    public String view() {
        return VIEW;
    }

    @Override
    public List<String> collections() {
        return List.of(PREPARATION, COLLECTION);
    }

    @Override
    public void replay(ReplayedEvent e, ViewBatch batch, Function<String, MongoCollection<Document>> collections) {
        project(batch, collections.apply(COLLECTION), collections.apply(PREPARATION), e, false);
    }

    /** A replay starts from nothing: the list, the applications in preparation and the progress go. */
    @ResetHandler
    public void reset() {
        gate.write(
                VIEW,
                () -> Mono.from(listed.drop())
                        .then(Mono.from(preparation.drop()))
                        .then(progress.forget(VIEW)));
    }
}
