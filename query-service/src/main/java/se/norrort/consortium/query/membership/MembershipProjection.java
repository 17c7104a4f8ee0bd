package se.norrort.consortium.query.membership;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.List;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.springframework.stereotype.Component;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.query.live.ViewChangeHub;
import se.norrort.consortium.query.projection.LiveBatches;
import se.norrort.consortium.query.projection.RebuildableProjection;
import se.norrort.consortium.query.projection.ReplayedEvent;
import se.norrort.consortium.query.projection.ViewBatch;
import se.norrort.consortium.query.projection.ViewGate;

/**
 * Keeps the {@code membership} view up to date. Runs on a streaming processor's thread (not a request thread); its
 * writes are gathered per batch of events and stored before the processor moves its token on ({@link LiveBatches}). Rebuildable from the log (see
 * {@link RebuildableProjection}): the live handler writes inside the view's {@link ViewGate}.
 */
@Component
@ProcessingGroup(MembershipProjection.PROCESSING_GROUP)
public class MembershipProjection implements RebuildableProjection {

    public static final String PROCESSING_GROUP = "membership";
    public static final String COLLECTION = "view_membership";

    public static final String VIEW = "membership";

    private final MongoCollection<Document> views;
    private final ViewChangeHub changes;
    private final ViewGate gate;

    public MembershipProjection(MongoDatabase viewDatabase, ViewChangeHub changes, ViewGate gate) {
        this.views = viewDatabase.getCollection(COLLECTION);
        this.changes = changes;
        this.gate = gate;
    }

    @EventHandler
    public void on(ConsortiumEvent event, EventMessage<?> message) {
        ReplayedEvent e = ReplayedEvent.live(message);
        LiveBatches.handle(VIEW, gate, this::liveBatch, e.position(), batch -> project(batch, views, e, true));
    }

    @Override
    public ViewBatch liveBatch() {
        return new ViewBatch(VIEW, collections(), changes, null);
    }

    /**
     * Applies the event to its application's document in {@code views}, recording the fields it set; the changed
     * document is published when {@code publish}.
     */
    private static void project(ViewBatch batch, MongoCollection<Document> views, ReplayedEvent e, boolean publish) {
        String id = e.event().applicationId().toString();
        Document before = batch.get(views, id);
        Document after = e.applyTo(before, MembershipView::apply);
        if (after == before) {
            return;
        }
        batch.set(views, id, after);
        if (publish) {
            batch.publish(id, e.position(), after);
        }
    }

    @Override
    public String view() {
        return VIEW;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    @Override
    public void replay(ReplayedEvent e, ViewBatch batch, Function<String, MongoCollection<Document>> collections) {
        project(batch, collections.apply(COLLECTION), e, false);
    }
}
