package se.norrort.consortium.query.municipality;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.query.projection.rebuild.ProjectionRebuilder;
import se.norrort.consortium.query.projection.rebuild.RebuildProgress;

/**
 * Moves a deployment from the municipality view's old layout (one document per municipality with every application
 * in it, in {@value MunicipalityProjection#LEGACY}) to the new one ({@link MunicipalityEntries}).
 * <p>
 * The new collections cannot be derived from the old documents with their provenance intact without replaying the
 * log, and the processor's token already stands at the head, so it would only project new events into them: the
 * view would show a municipality's newest applications only. So when the service starts and finds documents in
 * the old collection, it starts a rebuild of the view from the log ({@link ProjectionRebuilder}, as the operator
 * endpoint does), and the view answers {@code 503 VIEW_NOT_CAUGHT_UP} with {@code Retry-After} (JSON and streams
 * alike) until the old collection is gone: the rebuild drops it when it swaps its collections in, since it is the
 * last of the view's collections and no rebuild writes it. A rebuild that fails is started again (every
 * {@value #CHECK_SECONDS} s) while the old collection is there; another instance that started with it waits for it
 * to go. A new deployment has no such collection and starts at once.
 */
@Component
public class MunicipalityLayout implements DisposableBean {

    static final long CHECK_SECONDS = 2;
    private static final Logger log = LoggerFactory.getLogger(MunicipalityLayout.class);

    private final MongoCollection<Document> legacy;
    private final ObjectProvider<ProjectionRebuilder> rebuilder;
    private volatile boolean migrating;
    private volatile Disposable checks;

    public MunicipalityLayout(MongoDatabase viewDatabase, ObjectProvider<ProjectionRebuilder> rebuilder) {
        this.legacy = viewDatabase.getCollection(MunicipalityProjection.LEGACY);
        this.rebuilder = rebuilder;
    }

    /** Whether the view is being rebuilt from the old layout (and must not be served). */
    public boolean migrating() {
        return migrating;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        migrate().subscribe(started -> {}, e -> log.warn("Municipality view: layout check failed: {}", e.toString()));
    }

    /**
     * Checks for the old layout and, if it is there, rebuilds the view and answers {@code 503} until it is gone;
     * answers whether it found it.
     */
    public Mono<Boolean> migrate() {
        return legacyPresent().doOnNext(present -> {
            if (present && !migrating) {
                migrating = true;
                log.warn(
                        "Municipality view: found the old layout in {}; rebuilding the view from the event log"
                                + " (the view answers 503 until it is done)",
                        MunicipalityProjection.LEGACY);
                checks = Flux.interval(Duration.ZERO, Duration.ofSeconds(CHECK_SECONDS))
                        .concatMap(tick -> step())
                        .takeUntil(done -> done)
                        .subscribe(done -> {}, e -> log.warn("Municipality view: migration check failed", e));
            }
        });
    }

    /** One check: done once the old collection is gone; otherwise a rebuild is started unless one runs. */
    private Mono<Boolean> step() {
        return legacyPresent()
                .flatMap(present -> {
                    if (!present) {
                        migrating = false;
                        log.info("Municipality view: rebuilt into the new layout");
                        return Mono.just(true);
                    }
                    ProjectionRebuilder rebuilds = rebuilder.getObject();
                    return rebuilds.progress(MunicipalityProjection.VIEW)
                            .flatMap(progress -> RebuildProgress.State.valueOf(progress.getString("state"))
                                            .running()
                                    ? Mono.just(false)
                                    : rebuilds.start(MunicipalityProjection.VIEW, null)
                                            .thenReturn(false)
                                            .onErrorResume(
                                                    ProjectionRebuilder.AlreadyRunning.class, e -> Mono.just(false)));
                })
                .onErrorResume(e -> {
                    log.warn("Municipality view: migration step failed: {}", e.toString());
                    return Mono.just(false);
                });
    }

    private Mono<Boolean> legacyPresent() {
        return Mono.from(legacy.find().limit(1).first()).map(d -> true).defaultIfEmpty(false);
    }

    @Override
    public void destroy() {
        Disposable running = checks;
        if (running != null) {
            running.dispose();
        }
    }
}
