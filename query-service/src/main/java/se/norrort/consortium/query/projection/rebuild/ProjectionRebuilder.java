package se.norrort.consortium.query.projection.rebuild;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.RenameCollectionOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.query.cluster.SegmentBalancer;
import se.norrort.consortium.query.projection.RebuildableProjection;
import se.norrort.consortium.query.projection.ViewBatch;
import se.norrort.consortium.query.projection.ViewGate;
import se.norrort.consortium.query.projection.rebuild.RebuildProgress.State;

/**
 * Rebuilds a view from the event log into fresh collections while the live ones keep serving, then puts the fresh
 * ones in their place.
 * <ol>
 * <li>The fresh collections are the view's collections with the suffix {@value #SUFFIX} (left-overs of an
 * interrupted rebuild are dropped first). Every event of the log, from the start, is read through Axon's storage
 * engine (so upcasters apply and each event carries its global position, as the live processors see it) and applied
 * with the projection's own fold and writes ({@link RebuildableProjection#replay}). The live projection goes on
 * writing the live collections meanwhile, and readers read those.</li>
 * <li>The replay goes round again from where it stopped until a round finds few new events (the log is nearly
 * caught up).</li>
 * <li>Then it takes the view's {@link ViewGate}: live writes of the view on this instance finish and further ones
 * wait. Under the gate it replays what is left up to the log's head, and renames each fresh collection over the
 * live one ({@code renameCollection} with {@code dropTarget}: the old one is dropped in the same command; MongoDB
 * holds other operations on both names while it runs; the embedded server drops and moves in two quick steps).
 * The live projection then goes on in the rebuilt collections: the events it had not yet handled are either already
 * reflected there (its folds skip what a document reflects, by position) or are newer, and it applies them as
 * usual. No event is lost and none is applied out of order.</li>
 * </ol>
 * Reads never stop: the view is served from the live collections until the rename, and from the rebuilt ones after.
 * A rebuild that fails before the swap drops its fresh collections and leaves the view as it was. Collection names
 * stay the same, so every reader (controllers, access checks, other features) follows without
 * knowing about rebuilds.
 * <p>
 * One rebuild per view at a time, across instances: a lease in {@value #REBUILDS} (one document per view, taken
 * atomically, renewed every second with the progress, so any instance can report it; a lease not renewed for
 * {@link #LEASE} is stale, e.g. after a crash). The gate is local, so before the switch the rebuilding instance
 * gathers every segment of the view's processor ({@code SegmentBalancer#gather}: the other instances release theirs
 * and it claims them); no writer of the view runs on another instance during the switch.
 * <p>
 * Progress is kept per view and published as gauges {@code norrort.rebuild.events.done},
 * {@code norrort.rebuild.events.total} (the log's head) and {@code norrort.rebuild.events.rate}, tagged
 * {@code view}.
 */
@Component
public class ProjectionRebuilder implements DisposableBean {

    /** The collection of rebuild leases and their last known progress, one document per view. */
    public static final String REBUILDS = "view_rebuilds";
    /** Suffix of the fresh collections a rebuild writes. */
    public static final String SUFFIX = "__rebuild";
    /** A round that replays at most this many events is close enough to the head to finish under the gate. */
    static final int CLOSE_ENOUGH = 200;

    static final int MAX_ROUNDS = 50;
    static final Duration LEASE = Duration.ofMinutes(1);
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** How often a heartbeat reads the log's head again, for the progress's total. */
    private static final Duration HEAD_REFRESH = Duration.ofSeconds(10);
    /** How many events the reading thread may be ahead of the replay ({@link ReadAhead}). */
    static final int READ_AHEAD = 4_000;

    private static final Duration WRITE_TIMEOUT = ViewGate.WRITE_TIMEOUT;
    /** A rebuild writes what it replayed at least every this many events (by default). */
    static final int BATCH_EVENTS = 2_000;
    /** ... or once its batch holds this many documents. */
    static final int BATCH_DOCUMENTS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);

    private final Map<String, RebuildableProjection> projections = new LinkedHashMap<>();
    private final Map<String, Tracker> trackers = new LinkedHashMap<>();
    private final EventStorageEngine storage;
    private final EventLog eventLog;
    private final MongoDatabase database;
    private final MongoCollection<Document> leases;
    private final ViewGate gate;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "view-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;
    private final int batchEvents;
    private final ObjectProvider<SegmentBalancer> segments;

    public ProjectionRebuilder(
            List<RebuildableProjection> projections,
            EventStorageEngine storage,
            EventLog eventLog,
            MongoDatabase viewDatabase,
            ViewGate gate,
            ObjectProvider<MeterRegistry> meters,
            @Value("${norrort.query.rebuild-batch-events:" + BATCH_EVENTS + "}") int batchEvents,
            ObjectProvider<SegmentBalancer> segments) {
        this.batchEvents = Math.max(1, batchEvents);
        this.segments = segments;
        this.storage = storage;
        this.eventLog = eventLog;
        this.database = viewDatabase;
        this.leases = viewDatabase.getCollection(REBUILDS);
        this.gate = gate;
        this.clock = Clock.systemUTC();
        for (RebuildableProjection projection : projections) {
            this.projections.put(projection.view(), projection);
            Tracker tracker = new Tracker(projection.view());
            this.trackers.put(projection.view(), tracker);
            meters.ifAvailable(registry -> tracker.register(registry));
        }
    }

    /** The names of the views that can be rebuilt. */
    public Set<String> views() {
        return projections.keySet();
    }

    public boolean knows(String view) {
        return projections.containsKey(view);
    }

    /** Thrown when the view is being rebuilt already (here or by another instance). */
    public static final class AlreadyRunning extends RuntimeException {
        AlreadyRunning(String view) {
            super("The " + view + " view is being rebuilt already.", null, false, false);
        }
    }

    /**
     * Starts a rebuild of a known view and answers its progress at once; the rebuild runs on a thread of its own.
     * {@code maxRate} limits the replay to that many events per second (the final catch-up under the gate is never
     * limited); {@code null} for no limit. Fails with {@link AlreadyRunning}.
     */
    public Mono<Document> start(String view, Integer maxRate) {
        RebuildableProjection projection = projections.get(view);
        Tracker tracker = trackers.get(view);
        return Mono.defer(() -> {
            if (!tracker.running.compareAndSet(false, true)) {
                return Mono.error(new AlreadyRunning(view));
            }
            tracker.begin(clock.instant(), maxRate);
            return claim(view, tracker)
                    .flatMap(claimed -> {
                        if (!claimed) {
                            tracker.abandon();
                            return Mono.<Document>error(new AlreadyRunning(view));
                        }
                        executor.execute(() -> run(projection, tracker));
                        return Mono.just(tracker.snapshot().body(clock.instant()));
                    })
                    .doOnError(e -> {
                        if (!(e instanceof AlreadyRunning)) {
                            tracker.abandon();
                        }
                    });
        });
    }

    /**
     * The progress of the view's rebuild: the one running here, else the last one any instance recorded (a running
     * one as of its last heartbeat), else this instance's last, else {@code IDLE}.
     */
    public Mono<Document> progress(String view) {
        Tracker tracker = trackers.get(view);
        if (tracker.running.get() && tracker.started()) {
            return Mono.just(tracker.snapshot().body(clock.instant()));
        }
        RebuildProgress local = tracker.started() ? tracker.snapshot() : RebuildProgress.idle(view);
        return Mono.from(leases.find(Filters.eq("_id", view)).first())
                .mapNotNull(lease -> lease.get("progress", Document.class))
                .defaultIfEmpty(local.body(clock.instant()));
    }

    /** The progress every {@code interval} until the rebuild has ended (or at once, when none runs). */
    public Flux<Document> follow(String view, Duration interval) {
        return Flux.interval(Duration.ZERO, interval)
                .concatMap(tick -> progress(view))
                .takeUntil(body -> !State.valueOf(body.getString("state")).running());
    }

    private Mono<Boolean> claim(String view, Tracker tracker) {
        Instant now = clock.instant();
        List<String> running = List.of(State.REPLAYING.name(), State.SWITCHING.name());
        return Mono.from(leases.updateOne(
                        Filters.and(
                                Filters.eq("_id", view),
                                Filters.or(
                                        Filters.nin("state", running),
                                        Filters.lt("heartbeatAt", Date.from(now.minus(LEASE))))),
                        lease(tracker, now),
                        new UpdateOptions().upsert(true)))
                .thenReturn(true)
                .onErrorResume(
                        MongoWriteException.class,
                        e -> e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                                ? Mono.just(false)
                                : Mono.error(e));
    }

    private org.bson.conversions.Bson lease(Tracker tracker, Instant now) {
        RebuildProgress progress = tracker.snapshot();
        return Updates.combine(
                Updates.set("state", progress.state().name()),
                Updates.set("owner", instance),
                Updates.set("heartbeatAt", Date.from(now)),
                Updates.set("progress", progress.body(now)));
    }

    private void record(Tracker tracker) {
        try {
            Mono.from(leases.updateOne(
                            Filters.and(Filters.eq("_id", tracker.view), Filters.eq("owner", instance)),
                            lease(tracker, clock.instant())))
                    .block(WRITE_TIMEOUT);
        } catch (RuntimeException e) {
            log.warn("Could not record the progress of the {} rebuild: {}", tracker.view, e.toString());
        }
    }

    private void run(RebuildableProjection projection, Tracker tracker) {
        String view = projection.view();
        Map<String, MongoCollection<Document>> fresh = new LinkedHashMap<>();
        projection.collections().forEach(name -> fresh.put(name, database.getCollection(name + SUFFIX)));
        AtomicBoolean swapping = new AtomicBoolean();
        Replay replay = null;
        try {
            log.info("Rebuilding the {} view into {}", view, fresh.keySet());
            Set<String> existing = collectionNames();
            for (MongoCollection<Document> collection : fresh.values()) {
                if (existing.contains(collection.getNamespace().getCollectionName())) {
                    Mono.from(collection.drop()).block(WRITE_TIMEOUT);
                }
            }
            tracker.head = eventLog.head().index();
            replay = new Replay(projection, fresh, tracker);
            for (int round = 1; ; round++) {
                long replayed = replay.toHead(tracker.maxRate);
                tracker.head = Math.max(tracker.head, eventLog.head().index());
                if (replayed <= CLOSE_ENOUGH || round >= MAX_ROUNDS) {
                    break;
                }
            }
            tracker.state = State.SWITCHING;
            record(tracker);
            // The gate is this instance's: first get every segment of the view's processor from the other
            // instances, so that no writer of the view runs elsewhere during the switch.
            var balancer = segments.getIfAvailable();
            if (balancer != null) {
                try {
                    balancer.gather(view, LEASE.dividedBy(2));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new RebuildStopped("Interrupted while gathering the " + view + " segments");
                } catch (SegmentBalancer.GatherRefused refused) { // its message says why, for the operator
                    throw new RebuildStopped(refused.getMessage(), refused);
                }
            }
            Replay last = replay;
            try {
                gate.exclusively(view, () -> {
                    last.toHead(null);
                    tracker.head = Math.max(tracker.head, tracker.position);
                    swapping.set(true);
                    swap(projection, fresh);
                    ViewBatch.forgetIndexes();
                    return null;
                });
            } finally {
                if (balancer != null) {
                    balancer.done();
                }
            }
            tracker.finish(State.DONE, clock.instant(), null);
            log.info("Rebuilt the {} view: {} events up to position {}", view, tracker.eventsDone, tracker.position);
        } catch (RuntimeException e) {
            tracker.finish(State.FAILED, clock.instant(), RebuildStopped.describe(e));
            if (replay != null) {
                Throwable write = replay.settle(); // no write of it lands after the drop below
                if (write != null && write != e) {
                    e.addSuppressed(write);
                }
            }
            if (swapping.get()) {
                // Some collections may have been replaced already: the fresh ones left stay for a look (a new
                // rebuild drops them first), and the view is whole again after a rebuild that succeeds.
                log.error(
                        "Rebuilding the {} view failed while its collections were swapped; rebuild it again", view, e);
            } else {
                log.error("Rebuilding the {} view failed; it is still served from its live collections", view, e);
                dropQuietly(fresh);
            }
        } finally {
            if (replay != null) {
                replay.settle(); // nothing left after a success or a failure above; an Error's write, if any
                replay.batches.close();
            }
            record(tracker);
            tracker.running.set(false);
        }
    }

    private void dropQuietly(Map<String, MongoCollection<Document>> fresh) {
        try {
            Set<String> existing = collectionNames();
            for (MongoCollection<Document> collection : fresh.values()) {
                if (existing.contains(collection.getNamespace().getCollectionName())) {
                    Mono.from(collection.drop()).block(WRITE_TIMEOUT);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not drop the fresh collections {}: {}", fresh.keySet(), e.toString());
        }
    }

    private Set<String> collectionNames() {
        return new HashSet<>(
                Flux.from(database.listCollectionNames()).collectList().block(WRITE_TIMEOUT));
    }

    /** Puts each fresh collection in place of the live one, in the projection's order; one never created: none. */
    private void swap(RebuildableProjection projection, Map<String, MongoCollection<Document>> fresh) {
        Set<String> existing = collectionNames();
        for (String name : projection.collections()) {
            MongoCollection<Document> rebuilt = fresh.get(name);
            if (existing.contains(name + SUFFIX)) {
                Mono.from(rebuilt.renameCollection(
                                new MongoNamespace(database.getName(), name),
                                new RenameCollectionOptions().dropTarget(true)))
                        .block(WRITE_TIMEOUT);
            } else if (existing.contains(name)) {
                Mono.from(database.getCollection(name).drop()).block(WRITE_TIMEOUT);
            }
        }
    }

    /** Reads the log from where it last stopped and applies each event to the fresh collections. */
    private final class Replay {

        private final RebuildableProjection projection;
        private final Function<String, MongoCollection<Document>> into;
        private final ViewBatch.Rebuild batches;
        private final Tracker tracker;
        private TrackingToken token;
        private Instant lastRecorded = Instant.EPOCH;
        private Instant headRead = Instant.EPOCH;

        Replay(RebuildableProjection projection, Map<String, MongoCollection<Document>> fresh, Tracker tracker) {
            this.projection = projection;
            this.into = fresh::get;
            this.batches = ViewBatch.rebuild(
                    projection.view(),
                    projection.collections().stream().map(name -> name + SUFFIX).toList());
            this.tracker = tracker;
        }

        /**
         * Replays until the log has nothing newer; at most {@code maxRate} events a second. Answers how many. Events
         * are applied in batches ({@link ViewBatch}): each batch writes every document it touched once, with one bulk
         * write per collection, at most every {@code norrort.query.rebuild-batch-events} events (default
         * {@value #BATCH_EVENTS}) or {@value #BATCH_DOCUMENTS} documents,
         * before a heartbeat, and at the end.
         */
        long toHead(Integer maxRate) {
            long replayed = 0;
            long started = System.nanoTime();
            ViewBatch batch = batches.next();
            TrackingToken from = token;
            try (ReadAhead events = new ReadAhead(() -> storage.readEvents(from, false), READ_AHEAD)) {
                while (events.hasNext()) {
                    if (stopping) {
                        throw new RebuildStopped("The service is shutting down");
                    }
                    ReadAhead.Read read = events.next();
                    ViewBatch into = batch;
                    read.event()
                            .ifPresent(
                                    event -> into.apply(event.position(), b -> projection.replay(event, b, this.into)));
                    token = read.token();
                    tracker.replayed(
                            token instanceof GapAwareTrackingToken gapAware ? gapAware.getIndex() : tracker.position);
                    replayed++;
                    if (batch.events() >= batchEvents || batch.size() >= BATCH_DOCUMENTS || heartbeatDue()) {
                        batch.flush();
                    }
                    heartbeat();
                    pace(maxRate, replayed, started);
                }
            }
            batch.flush();
            batches.awaitWrites();
            return replayed;
        }

        /** Waits for the write in flight, if any (a failed rebuild's last write); answers what it failed with. */
        Throwable settle() {
            return batches.settle(WRITE_TIMEOUT);
        }

        private boolean heartbeatDue() {
            return Duration.between(lastRecorded, clock.instant()).compareTo(HEARTBEAT) >= 0;
        }

        private void heartbeat() {
            Instant now = clock.instant();
            if (Duration.between(lastRecorded, now).compareTo(HEARTBEAT) >= 0) {
                lastRecorded = now;
                if (Duration.between(headRead, now).compareTo(HEAD_REFRESH) >= 0) {
                    headRead = now; // the head for the progress only (the replay reads to the end regardless)
                    tracker.head = Math.max(tracker.head, eventLog.head().index());
                }
                record(tracker);
            }
        }

        private void pace(Integer maxRate, long replayed, long startedNanos) {
            if (maxRate == null) {
                return;
            }
            long due = startedNanos + replayed * 1_000_000_000L / maxRate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RebuildStopped("Interrupted while pacing the rebuild", e);
                }
            }
        }
    }

    /** The progress of one view's rebuild on this instance; written by the rebuild's thread only. */
    private static final class Tracker {

        final String view;
        final AtomicBoolean running = new AtomicBoolean();
        volatile State state = State.IDLE;
        volatile Instant startedAt;
        volatile long eventsDone;
        volatile long position;
        volatile long head;
        volatile Integer maxRate;
        volatile Instant switchedAt;
        volatile Instant finishedAt;
        volatile String error;

        Tracker(String view) {
            this.view = view;
        }

        void register(MeterRegistry registry) {
            Gauge.builder("norrort.rebuild.events.done", this, t -> t.eventsDone)
                    .description("Events replayed by the view's current or last rebuild")
                    .tag("view", view)
                    .register(registry);
            Gauge.builder("norrort.rebuild.events.total", this, t -> t.head)
                    .description("The event log's head (highest position) as the view's rebuild last saw it")
                    .tag("view", view)
                    .register(registry);
            Gauge.builder("norrort.rebuild.events.rate", this, t -> {
                        Double rate = t.snapshot().ratePerSecond(Instant.now());
                        return rate == null ? 0 : rate;
                    })
                    .description("Events per second replayed by the view's current or last rebuild")
                    .tag("view", view)
                    .register(registry);
        }

        boolean started() {
            return startedAt != null;
        }

        void begin(Instant now, Integer rate) {
            state = State.REPLAYING;
            startedAt = now;
            eventsDone = 0;
            position = 0;
            maxRate = rate;
            switchedAt = null;
            finishedAt = null;
            error = null;
        }

        /** Forgets a start that did not get the lease. */
        void abandon() {
            state = State.IDLE;
            startedAt = null;
            running.set(false);
        }

        void replayed(long reached) {
            eventsDone++;
            position = Math.max(position, reached);
        }

        void finish(State end, Instant now, String failure) {
            if (end == State.DONE) {
                switchedAt = now;
            }
            finishedAt = now;
            error = failure;
            state = end;
        }

        RebuildProgress snapshot() {
            return new RebuildProgress(
                    view, state, startedAt, eventsDone, position, head, maxRate, switchedAt, finishedAt, error);
        }
    }

    @Override
    public void destroy() {
        stopping = true;
        executor.shutdownNow();
    }
}
