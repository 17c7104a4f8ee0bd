package se.norrort.consortium.query.membership;

import se.norrort.consortium.query.support.ViewStore;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.query.live.ViewChanges;
import se.norrort.consortium.query.rebuild.RebuildableProjection;
import se.norrort.consortium.query.rebuild.ReplayedEvent;
import se.norrort.consortium.query.rebuild.ViewGate;

import java.util.List;
import java.util.function.Function;

/**
 * Keeps the {@code membership} view up to date. Runs on a streaming processor's thread (not a request thread), so it
 * waits for each write before the processor moves its token on. Rebuildable from the log (see
 * {@link RebuildableProjection}): the live handler writes inside the view's {@link ViewGate}.
 */
@Component
@ProcessingGroup(MembershipProjection.PROCESSING_GROUP)
public class MembershipProjection implements RebuildableProjection {

    public static final String PROCESSING_GROUP = "membership";
    public static final String COLLECTION = "view_membership";

    public static final String VIEW = "membership";

    private final MongoCollection<Document> views;
    private final ViewChanges changes;
    private final ViewGate gate;

    public MembershipProjection(MongoDatabase viewDatabase, ViewChanges changes, ViewGate gate) {
        this.views = viewDatabase.getCollection(COLLECTION);
        this.changes = changes;
        this.gate = gate;
    }

    @EventHandler
    public void on(ConsortiumEvent event, EventMessage<?> message) {
        ReplayedEvent e = ReplayedEvent.live(message);
        String id = event.applicationId().toString();
        gate.write(VIEW, () -> project(views, e)
                .doOnNext(after -> changes.published(VIEW, id, e.position(), after)));
    }

    /**
     * Applies the event to its application's document in {@code views}, recording the fields it set; the document
     * written, if it changed.
     */
    private static Mono<Document> project(MongoCollection<Document> views, ReplayedEvent e) {
        String id = e.event().applicationId().toString();
        return ViewStore.byId(views, id)
                   .flatMap(current -> {
                       Document before = current.orElse(null);
                       Document after = e.applyTo(before, MembershipView::apply);
                       if (after == before) {
                           return Mono.empty();
                       }
                       return ViewStore.upsert(views, id, after).thenReturn(after);
                   });
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
    public Mono<Void> replay(ReplayedEvent e, Function<String, MongoCollection<Document>> collections) {
        return project(collections.apply(COLLECTION), e).then();
    }
}
