package se.norrort.consortium.query.projection;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * How far a view's processor has come: the position of the last event it handled, whether or not that event changed
 * any document of the view. A view whose documents are not keyed by application (the municipality view, the funder
 * list) cannot tell from one document whether it reflects an event of some other key, so {@code ?minPosition=} is
 * answered from here: once the processor has passed the position, every document reflects every event up to it.
 * <p>
 * Exact only while the processor runs one segment, so that it handles events in log order; the views that use this
 * are configured so ({@code initial-segment-count: 1} in {@code query-service.yml}). One small document per view in
 * {@value #COLLECTION}, {@code _id} = the view name, read and written by {@code _id} only.
 */
@Component
public class ViewProgress {

    public static final String COLLECTION = "view_progress";

    private final MongoCollection<Document> progress;
    private final Sinks.Many<String> advances = Sinks.many().multicast().directBestEffort();

    public ViewProgress(MongoDatabase viewDatabase) {
        this.progress = viewDatabase.getCollection(COLLECTION);
    }

    /** Records that the view's processor handled the event at {@code position}; never moves backwards. */
    public Mono<Void> handled(String view, long position) {
        return Mono.from(progress.updateOne(
                        Filters.eq("_id", view), Updates.max("position", position), new UpdateOptions().upsert(true)))
                .then();
    }

    /**
     * Signals that this instance stored the view's progress (after the documents of the batch), so that a
     * {@code ?minPosition=} read waiting here looks again at once.
     */
    public void advanced(String view) {
        synchronized (advances) {
            advances.tryEmitNext(view);
        }
    }

    /** A signal each time this instance stores the view's progress, from now on. */
    public Flux<String> advances(String view) {
        return advances.asFlux().filter(view::equals);
    }

    /** The position of the last event the view's processor handled, -1 when none. */
    public Mono<Long> position(String view) {
        return Mono.from(progress.find(Filters.eq("_id", view)).first())
                .map(ViewFields::position)
                .defaultIfEmpty(-1L);
    }

    /** Forgets the view's progress, when its processor is reset for a replay. */
    public Mono<Void> forget(String view) {
        return Mono.from(progress.deleteOne(Filters.eq("_id", view))).then();
    }
}
