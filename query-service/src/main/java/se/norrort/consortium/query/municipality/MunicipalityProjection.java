package se.norrort.consortium.query.municipality;

import se.norrort.consortium.query.support.ViewStore;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.result.UpdateResult;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.query.live.ViewChanges;
import se.norrort.consortium.query.rebuild.RebuildableProjection;
import se.norrort.consortium.query.rebuild.ReplayedEvent;
import se.norrort.consortium.query.rebuild.ViewGate;
import se.norrort.consortium.query.support.ApplicationFacts;
import se.norrort.consortium.query.support.Changes;
import se.norrort.consortium.query.support.Docs;
import se.norrort.consortium.query.support.ViewProgress;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps the {@code municipality} view up to date: one document per municipality code in {@value #COLLECTION}, and
 * per application the facts every member's entry copies, in {@value #APPLICATIONS}. One event may change many
 * documents (an application opened with 15 invitations changes 15); each applies it only if its entry for that
 * application reflects an earlier position (see {@link MunicipalityView}), so a redelivered event, one whose
 * handling failed half-way, or one retried from the dead-letter queue after later events of other applications, is
 * applied once to each.
 * <p>
 * Runs on a streaming processor's thread (not a request thread), so it waits for its writes before the processor
 * moves its token on. The processor runs one segment ({@code initial-segment-count: 1}) so that
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
    private static final int CONFLICT_RETRIES = 10;

    private final MongoCollection<Document> views;
    private final MongoCollection<Document> applications;
    private final ViewChanges changes;
    private final ViewProgress progress;
    private final ViewGate gate;

    public MunicipalityProjection(MongoDatabase viewDatabase, ViewChanges changes, ViewProgress progress,
                                  ViewGate gate) {
        this.views = viewDatabase.getCollection(COLLECTION);
        this.applications = viewDatabase.getCollection(APPLICATIONS);
        this.changes = changes;
        this.progress = progress;
        this.gate = gate;
    }

    @EventHandler
    public void on(ConsortiumEvent event, EventMessage<?> message) {
        ReplayedEvent e = ReplayedEvent.live(message);
        gate.write(VIEW, () -> project(views, applications, e, changes)
                .then(progress.handled(VIEW, e.position())));
    }

    /**
     * Applies the event to the application's facts in {@code applications} and to the documents of the
     * municipalities it concerns in {@code views}, recording the fields it set in each; each stored change is
     * published to {@code changes} unless that is {@code null} (a rebuild).
     */
    private static Mono<Void> project(MongoCollection<Document> views, MongoCollection<Document> applications,
                                      ReplayedEvent e, ViewChanges changes) {
        ConsortiumEvent event = e.event();
        String applicationId = event.applicationId().toString();
        return read(applications, applicationId)
                .flatMap(current -> {
                    Document before = current.orElse(null);
                    Document facts = ApplicationFacts.apply(before, event, e.position(), e.timestamp());
                    Mono<Void> header = facts == before
                            ? Mono.empty()
                            : ViewStore.upsert(applications, applicationId, facts);
                    return header.thenMany(Flux.fromIterable(MunicipalityView.affected(event, facts))
                                               .concatMap(code -> municipality(views, code, e, facts, changes)))
                                 .then();
                });
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
    public Mono<Void> replay(ReplayedEvent e, Function<String, MongoCollection<Document>> collections) {
        return project(collections.apply(COLLECTION), collections.apply(APPLICATIONS), e, null);
    }

    /**
     * Applies the event to one municipality's document. The write is conditional on the revision read, and a
     * document created meanwhile fails the insert: either way another writer (an operator retrying dead letters
     * while the processor goes on) came first, and the document is read and the event applied again.
     */
    private static Mono<Void> municipality(MongoCollection<Document> views, String code, ReplayedEvent e,
                                           Document facts, ViewChanges changes) {
        return Mono.defer(() -> read(views, code).flatMap(current -> {
                       Document before = current.orElse(null);
                       Document after = e.applyTo(before, (view, event, position, timestamp) -> MunicipalityView
                               .apply(view, code, event, position, timestamp, facts));
                       if (after == before) {
                           return Mono.<Void>empty();
                       }
                       Mono<?> write = before == null
                               ? Mono.from(views.insertOne(after))
                               : Mono.from(views.replaceOne(new Document("_id", code)
                                                                    .append("revision", Docs.longOf(before, "revision")),
                                                            after))
                                     .doOnNext(r -> requireMatched(r, code));
                       return changes == null
                               ? write.then()
                               : write.then(Mono.fromRunnable(() -> Changes.publish(changes, VIEW, code,
                                                                                    Docs.position(after), after)));
                   }))
                   .retryWhen(Retry.backoff(CONFLICT_RETRIES, Duration.ofMillis(10))
                                   .filter(MunicipalityProjection::conflict));
    }

    private static void requireMatched(UpdateResult result, String code) {
        if (result.getMatchedCount() != 1) {
            throw new WriteConflict(code);
        }
    }

    private static boolean conflict(Throwable e) {
        return e instanceof WriteConflict
                || e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    /** Another writer changed the document between its read and this write. */
    static final class WriteConflict extends RuntimeException {
        WriteConflict(String code) {
            super("Municipality view " + code + " changed while an event was applied to it", null, false, false);
        }
    }

    private static Mono<Optional<Document>> read(MongoCollection<Document> collection, String id) {
        return ViewStore.byId(collection, id);
    }

    /** A replay starts from nothing: the view's documents and its progress go. */
    @ResetHandler
    public void reset() {
        gate.write(VIEW, () -> Mono.from(views.drop())
                                  .then(Mono.from(applications.drop()))
                                  .then(progress.forget(VIEW)));
    }
}
