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
import se.norrort.consortium.query.live.ViewChangeHub;
import se.norrort.consortium.query.projection.ApplicationFacts;
import se.norrort.consortium.query.projection.LiveBatches;
import se.norrort.consortium.query.projection.RebuildableProjection;
import se.norrort.consortium.query.projection.ReplayedEvent;
import se.norrort.consortium.query.projection.ViewBatch;
import se.norrort.consortium.query.projection.ViewFields;
import se.norrort.consortium.query.projection.ViewGate;
import se.norrort.consortium.query.projection.ViewProgress;

/**
 * Keeps the {@code municipality} view up to date: one entry document per municipality and application in
 * {@value #COLLECTION}, one index document per municipality (the applications that concern it) in {@value #INDEX}
 * (see {@link MunicipalityEntries}), and per application the facts every member's entry copies, in
 * {@value #APPLICATIONS}. One event may change many entries (an application opened with 15 invitations changes 15),
 * each of its own application only; each applies it only if it reflects an earlier position (see
 * {@link MunicipalityView}), so a redelivered event, one whose handling failed half-way, or one retried from the
 * dead-letter queue after later events of other applications, is applied once to each.
 * <p>
 * Runs on a streaming processor's thread (not a request thread); its writes are gathered per batch of events, each
 * touched document written once, and stored before the processor moves its token on ({@link LiveBatches}): the
 * facts, then the index documents (so that an entry is never stored unlisted: a redelivered event finds its entry
 * and would not list it again), then the entries. An entry or index document is written only if it still has the
 * revision the batch read; otherwise another writer (an operator retrying dead letters while the processor goes on)
 * came first, and the batch's events are applied to it again ({@link ViewBatch}). Each stored change of an entry is
 * published (the entry document, without provenance; live streams assemble the municipality's document, see
 * {@link MunicipalityController}). The processor runs one segment ({@code initial-segment-count: 1}) so that
 * {@link ViewProgress} answers {@code ?minPosition=} exactly; the fold itself does not depend on it. Rebuildable from
 * the log (see {@link RebuildableProjection}): the live handler writes inside the view's {@link ViewGate}.
 */
@Component
@ProcessingGroup(MunicipalityProjection.PROCESSING_GROUP)
public class MunicipalityProjection implements RebuildableProjection {

    public static final String PROCESSING_GROUP = "municipality";
    public static final String VIEW = "municipality";
    /** The entry documents, one per municipality and application. */
    public static final String COLLECTION = "view_municipality_entries";
    /** The index documents, one per municipality. */
    public static final String INDEX = "view_municipality_index";

    public static final String APPLICATIONS = "view_municipality_applications";
    /**
     * Where the layout before {@value #COLLECTION} kept one document per municipality with every application in it.
     * Listed last among the view's {@link #collections()} so that a rebuild (which never writes it) drops it when it
     * swaps in the rebuilt collections (see {@link MunicipalityLayout}).
     */
    public static final String LEGACY = "view_municipality";

    /** The order in which a live batch writes the view's collections: facts, index documents, entries. */
    private static final List<String> WRITE_ORDER = List.of(APPLICATIONS, INDEX, COLLECTION);

    private final MongoCollection<Document> views;
    private final MongoCollection<Document> index;
    private final MongoCollection<Document> applications;
    private final MongoCollection<Document> legacy;
    private final ViewChangeHub changes;
    private final ViewProgress progress;
    private final ViewGate gate;

    public MunicipalityProjection(
            MongoDatabase viewDatabase, ViewChangeHub changes, ViewProgress progress, ViewGate gate) {
        this.views = viewDatabase.getCollection(COLLECTION);
        this.index = viewDatabase.getCollection(INDEX);
        this.applications = viewDatabase.getCollection(APPLICATIONS);
        this.legacy = viewDatabase.getCollection(LEGACY);
        this.changes = changes;
        this.progress = progress;
        this.gate = gate;
    }

    @EventHandler
    public void on(ConsortiumEvent event, EventMessage<?> message) {
        ReplayedEvent e = ReplayedEvent.live(message);
        LiveBatches.handle(
                VIEW,
                gate,
                this::liveBatch,
                e.position(),
                batch -> project(batch, views, index, applications, e, true));
    }

    @Override
    public ViewBatch liveBatch() {
        return new ViewBatch(VIEW, WRITE_ORDER, changes, progress);
    }

    /**
     * Applies the event to the application's facts in {@code applications} and to the entries of that application
     * in the municipalities it concerns in {@code views} (listing the application in a municipality's index document
     * when its entry is new), recording the fields it set in each entry; each change of an entry is published when
     * {@code publish}.
     */
    private static void project(
            ViewBatch batch,
            MongoCollection<Document> views,
            MongoCollection<Document> index,
            MongoCollection<Document> applications,
            ReplayedEvent e,
            boolean publish) {
        ConsortiumEvent event = e.event();
        String applicationId = event.applicationId().toString();
        // the records of what this batch wrote, so that each event does not decode the facts and entries again
        MunicipalityRecords records = batch.memo(MunicipalityRecords.class, MunicipalityRecords::create);
        Document before = batch.get(applications, applicationId);
        Document facts = records.applyToFacts(before, event, e.position(), e.timestamp());
        if (facts != before) {
            batch.set(applications, applicationId, facts);
        }
        ApplicationFacts.Facts typed = records.factsOf(facts); // once for every entry
        List<String> affected = MunicipalityView.affected(event, typed);
        // the entries the event changes, read in one query (an opening invites fifteen municipalities)
        batch.prefetch(
                views,
                affected.stream()
                        .map(code -> MunicipalityEntries.id(code, applicationId))
                        .toList());
        for (String code : affected) {
            String id = MunicipalityEntries.id(code, applicationId);
            Document current = batch.get(views, id);
            Document after =
                    batch.update(views, id, true, entry -> MunicipalityEntries.apply(entry, code, e, typed, records));
            if (after == current) {
                continue;
            }
            if (current == null) {
                batch.update(index, code, true, listed -> MunicipalityEntries.indexed(listed, code, applicationId));
            }
            if (publish) {
                batch.publish(code, ViewFields.position(after), after);
            }
        }
    }

    @Override
    public String view() {
        return VIEW;
    }

    @Override
    public List<String> collections() {
        // entries before the index: a reader opens the index first (see RebuildableProjection#collections); the
        // old layout's collection last, so that a rebuild drops it
        return List.of(APPLICATIONS, COLLECTION, INDEX, LEGACY);
    }

    @Override
    public void replay(ReplayedEvent e, ViewBatch batch, Function<String, MongoCollection<Document>> collections) {
        project(
                batch,
                collections.apply(COLLECTION),
                collections.apply(INDEX),
                collections.apply(APPLICATIONS),
                e,
                false);
    }

    /** A replay starts from nothing: the view's documents and its progress go. */
    @ResetHandler
    public void reset() {
        gate.write(
                VIEW,
                () -> Mono.from(views.drop())
                        .then(Mono.from(index.drop()))
                        .then(Mono.from(applications.drop()))
                        .then(Mono.from(legacy.drop()))
                        .then(progress.forget(VIEW)));
    }
}
