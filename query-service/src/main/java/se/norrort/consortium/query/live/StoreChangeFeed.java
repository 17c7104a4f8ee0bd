package se.norrort.consortium.query.live;

import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * View changes shared through MongoDB, so that a live stream on any query-service instance sees every change,
 * whichever instance's processor segment projected it.
 * <p>
 * <b>Sequenced per instance.</b> Each instance (an <i>origin</i>) numbers the changes it shares 1, 2, 3, ... and
 * stores each, not waited for, in {@value #COLLECTION} under the id {@code <origin>/<n>}. A reader keeps, per other
 * origin, the next number it expects and fetches the next ones by id ({@code _id $in [...]}): every read is served
 * from the {@code _id} index, on the embedded server as on a replica set, and costs the same however many changes
 * are kept (a range read on a time field is a scan of the whole collection on the embedded server). Inserts of one
 * origin may become visible out of order; a reader hands changes on in number order and waits up to
 * {@code lookback} for a missing number before it moves past it (an insert that failed).
 * <p>
 * <b>Origins.</b> Each instance keeps a record in {@value #ORIGINS} (its latest number and a heartbeat counter,
 * written every {@code heartbeat}) and reads the others' records at the same rate. An origin is alive while its
 * heartbeat counter moves (judged by this instance's own clock, so clock skew between hosts does not matter). An
 * instance shares its changes only while another instance is alive: a single query-service writes nothing here. A
 * starting instance that finds others waits one and a half heartbeats before it goes on, so that they know it
 * (and share their changes) before it serves live streams.
 * <p>
 * <b>Reading only while someone listens.</b> While no live stream is open on this instance, nothing is fetched and
 * the expected numbers jump to the origins' latest: a client that opens a stream reads the view's current state
 * from the view itself; this feed only bridges instances.
 * <p>
 * <b>Woken by a change stream where the store has one.</b> On a replica set or a sharded cluster (or with
 * {@code norrort.live.change-streams=on}), the feed watches {@value #COLLECTION} for other origins' inserts and reads
 * at once when one comes, and polls only once a heartbeat as a safety net; without change streams (the embedded
 * server) it polls every {@code pollInterval}. The stream only wakes the reader: what is read, in which order, and
 * how a gap is waited for stay the same either way. If the stream fails or ends, the feed goes back to polling and
 * opens a stream again 30 s later (with {@code auto}, if the store then has them). A change inserted while a stream is
 * being opened is read by the next heartbeat's round at the latest.
 * <p>
 * <b>Pruning.</b> Each instance deletes its own changes older than {@code retention}, by id; the records of an
 * origin whose heartbeat stopped for {@code retention} are deleted by the instances that see it.
 */
public class StoreChangeFeed {

    static final String COLLECTION = "view_changes";
    static final String ORIGINS = "view_change_origins";
    private static final Logger log = LoggerFactory.getLogger(StoreChangeFeed.class);
    private static final int BATCH = 128;
    private static final int PRUNE_CHUNK = 512;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    /** How long after a change stream ended (or was not to be used) the feed asks again and reopens it. */
    private static final Duration STREAM_RETRY = Duration.ofSeconds(30);

    /** Whether to watch {@value #COLLECTION} with a change stream. */
    public enum ChangeStreams {
        /** When the store is a replica set or a sharded cluster (as the driver found it). */
        AUTO,
        ON,
        OFF
    }

    private final MongoCollection<Document> changes;
    private final MongoCollection<Document> origins;
    private final ChangeStreams changeStreams;
    private final BooleanSupplier storeHasChangeStreams;
    private final String instance = UUID.randomUUID().toString();
    private final Duration pollInterval;
    private final Duration lookback;
    private final Duration retention;
    private final Duration heartbeat;
    private final Clock clock;

    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong beats = new AtomicLong();
    private final Map<String, Origin> known = new ConcurrentHashMap<>();
    private final Deque<long[]> marks = new ConcurrentLinkedDeque<>();
    private volatile boolean othersAlive;
    private volatile long prunedUpTo;
    private volatile Disposable rounds;
    private volatile Disposable announcing;
    /** Whether the others' records have been read once: origins first seen later are new (from their first). */
    private volatile boolean registered;
    /** Whether a change stream wakes the reader (then it polls only once a heartbeat). */
    private volatile boolean streaming;
    /** What {@link #useChangeStreams} last answered, for its log line. */
    private volatile Boolean lastDecision;
    /** Whether the next round reads the origins' records first (set once a heartbeat). */
    private volatile boolean readDue;

    /** What this instance knows of another origin; changed only on the feed's one round at a time. */
    private static final class Origin {
        final String id;
        long next;
        long latest;
        long beat = -1;
        long beatSeenAt;
        long gapSince = -1;

        Origin(String id, long next, long now) {
            this.id = id;
            this.next = next;
            this.beatSeenAt = now;
        }
    }

    public StoreChangeFeed(
            MongoDatabase viewDatabase,
            Duration pollInterval,
            Duration lookback,
            Duration retention,
            Duration heartbeat,
            ChangeStreams changeStreams,
            BooleanSupplier storeHasChangeStreams,
            Clock clock) {
        this.changeStreams = changeStreams;
        this.storeHasChangeStreams = storeHasChangeStreams;
        this.changes = viewDatabase.getCollection(COLLECTION);
        this.origins = viewDatabase.getCollection(ORIGINS);
        this.pollInterval = pollInterval;
        this.lookback = lookback;
        this.retention = retention;
        this.heartbeat = heartbeat;
        this.clock = clock;
    }

    /** Whether a change stream wakes this instance's reader now. */
    public boolean streaming() {
        return streaming;
    }

    /** Whether this instance shares its changes now (another query-service instance is alive). */
    public boolean sharing() {
        return othersAlive;
    }

    /** Shares a change this instance published, while another instance is alive; failures are logged. */
    public void record(ViewChangeHub.Change change) {
        if (!othersAlive) {
            return;
        }
        long n = sequence.incrementAndGet();
        Document record = new Document("_id", id(instance, n))
                .append("origin", instance)
                .append("n", n)
                .append("view", change.view())
                .append("key", change.key())
                .append("position", change.position())
                .append("document", change.document())
                .append("at", new Date(clock.millis()));
        Mono.from(changes.insertOne(record))
                .subscribe(
                        ok -> {},
                        e -> log.warn(
                                "View change {}/{}@{} not shared with other instances: {}",
                                change.view(),
                                change.key(),
                                change.position(),
                                e.toString()));
    }

    /**
     * Registers this instance and starts the rounds: {@code deliver} gets every change another instance shares from
     * now on, in each origin's order, while {@code listening} says someone follows a live stream here.
     */
    public void start(Consumer<ViewChangeHub.Change> deliver, BooleanSupplier listening) {
        long now = clock.millis();
        try {
            Mono.from(origins.updateOne(Filters.eq("_id", instance), ownRecord(), new UpdateOptions().upsert(true)))
                    .block(STARTUP_TIMEOUT);
            List<Document> others = Flux.from(origins.find()).collectList().block(STARTUP_TIMEOUT);
            for (Document other : others == null ? List.<Document>of() : others) {
                String id = other.getString("_id");
                if (!instance.equals(id)) {
                    Origin origin = new Origin(id, number(other, "latest") + 1, now);
                    origin.latest = number(other, "latest");
                    origin.beat = number(other, "beat");
                    known.put(id, origin);
                }
            }
            registered = true;
            if (!known.isEmpty()) {
                othersAlive = true;
                // let the others' next round see this instance, so that they share their changes before it serves
                Thread.sleep(heartbeat.toMillis() * 3 / 2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn(
                    "View change feed could not register this instance yet (retried every {}): {}",
                    heartbeat,
                    e.toString());
        }
        // this instance's own record on a schedule of its own, never behind a long poll round: a peer that saw its
        // heartbeat stop would take it for gone and stop sharing with it
        announcing = Flux.interval(heartbeat, heartbeat, Schedulers.parallel())
                .onBackpressureDrop()
                .concatMap(tick -> announce().onErrorResume(e -> Mono.empty()), 1)
                .subscribe();
        Flux<Long> polls = Flux.interval(pollInterval, Schedulers.parallel()).filter(tick -> !streaming);
        Flux<Long> readTicks =
                Flux.interval(Duration.ZERO, heartbeat, Schedulers.parallel()).doOnNext(tick -> readDue = true);
        // latest, not drop: a wake or tick that comes during a round is followed by one more round
        rounds = Flux.merge(polls, readTicks, wakes())
                .onBackpressureLatest()
                .concatMap(
                        tick -> round(deliver, listening).onErrorResume(e -> {
                            log.debug("View change feed round: {}", e.toString());
                            return Mono.empty();
                        }),
                        1)
                .subscribe();
    }

    /** One round: the others' records first when a heartbeat has passed, then their next changes. */
    private Mono<Void> round(Consumer<ViewChangeHub.Change> deliver, BooleanSupplier listening) {
        Mono<Void> read = Mono.empty();
        if (readDue) {
            readDue = false;
            read = readOrigins(listening);
        }
        return read.then(Mono.defer(() -> poll(deliver, listening)));
    }

    /**
     * A tick for every other origin's insert into {@value #COLLECTION}, where change streams are used; none (and
     * polling) where not, or once the stream failed.
     */
    private Flux<Long> wakes() {
        List<org.bson.conversions.Bson> pipeline = List.of(
                Aggregates.match(new Document("operationType", "insert")
                        .append("fullDocument.origin", new Document("$ne", instance))),
                // a wake only: the record is read by id anyway (the resume token, _id, stays)
                Aggregates.project(Projections.include("_id")));
        return Flux.defer(() -> !useChangeStreams()
                        ? Flux.<Long>empty()
                        : Flux.from(changes.watch(pipeline))
                                .doOnSubscribe(subscription -> streaming = true)
                                .map(event -> 0L)
                                .onErrorResume(e -> {
                                    log.warn(
                                            "View change feed: the change stream on {} failed ({}); reading every {}"
                                                    + " until it is open again",
                                            COLLECTION,
                                            e.toString(),
                                            pollInterval);
                                    return Flux.empty();
                                })
                                // ended (failed, or invalidated by a drop) or never open: polling until reopened
                                .doFinally(signal -> streaming = false))
                // asked again, and reopened, a while after it ended: a failover, or a store not known at start
                .repeatWhen(ended -> ended.delayElements(STREAM_RETRY, Schedulers.parallel()));
    }

    /**
     * {@link ChangeStreams#AUTO}: whether the store is a replica set or a sharded cluster (as the driver knows it now);
     * logged when the answer changes.
     */
    private boolean useChangeStreams() {
        boolean use = changeStreams == ChangeStreams.AUTO
                ? storeHasChangeStreams.getAsBoolean()
                : changeStreams == ChangeStreams.ON;
        if (lastDecision == null || lastDecision != use) {
            lastDecision = use;
            log.info(
                    "View change feed: {}",
                    use
                            ? "woken by a change stream"
                            : "reading every " + pollInterval + " (no change streams on this store)");
        }
        return use;
    }

    /** Stops the rounds and removes this instance's record (its changes go with the retention). */
    public void stop() {
        for (Disposable running : new Disposable[] {rounds, announcing}) {
            if (running != null) {
                running.dispose();
            }
        }
        othersAlive = false;
        try {
            // waited for (on the lifecycle thread), so that the others stop sharing with this instance at once
            Mono.from(origins.deleteOne(Filters.eq("_id", instance))).block(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            log.debug("View change feed: own record not removed at stop ({}); the others forget it", e.toString());
        }
    }

    /** This instance's heartbeat: its record written, its own old changes pruned. */
    private Mono<Void> announce() {
        long now = clock.millis();
        marks.addLast(new long[] {now, sequence.get()});
        pruneOwn(now);
        return Mono.from(origins.updateOne(Filters.eq("_id", instance), ownRecord(), new UpdateOptions().upsert(true)))
                .then();
    }

    /** The others' records read (on the feed's one round at a time, which owns the {@link Origin} fields). */
    private Mono<Void> readOrigins(BooleanSupplier listening) {
        long now = clock.millis();
        boolean firstRead = !registered;
        return Flux.from(origins.find())
                .collectList()
                .doOnNext(records -> {
                    Set<String> present = new HashSet<>();
                    boolean alive = false;
                    for (Document record : records) {
                        String id = record.getString("_id");
                        if (instance.equals(id)) {
                            continue;
                        }
                        present.add(id);
                        // an origin first seen after this instance's first read is new: its changes from the first;
                        // one there already (the read at start failed) from its latest, like those read at start
                        long latest = number(record, "latest");
                        Origin origin = known.computeIfAbsent(id, k -> new Origin(k, firstRead ? latest + 1 : 1, now));
                        origin.latest = latest;
                        long beat = number(record, "beat");
                        if (beat != origin.beat) {
                            origin.beat = beat;
                            origin.beatSeenAt = now;
                        }
                        if (!listening.getAsBoolean()) {
                            origin.next = Math.max(origin.next, origin.latest + 1);
                            origin.gapSince = -1;
                        }
                        long silent = now - origin.beatSeenAt;
                        if (silent <= heartbeat.toMillis() * 5) {
                            alive = true;
                        } else if (silent > retention.toMillis()) {
                            forget(origin);
                        }
                    }
                    known.keySet().retainAll(present);
                    othersAlive = alive;
                    registered = true;
                })
                .then();
    }

    /** The poll round, while someone listens: the next changes of every other origin, in each origin's order. */
    private Mono<Void> poll(Consumer<ViewChangeHub.Change> deliver, BooleanSupplier listening) {
        if (!listening.getAsBoolean() || known.isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromIterable(new ArrayList<>(known.values()))
                .concatMap(origin -> fetch(origin, deliver), 1)
                .then();
    }

    /** Fetches the origin's next changes by id and hands on those in unbroken order; repeats while batches fill. */
    private Mono<Void> fetch(Origin origin, Consumer<ViewChangeHub.Change> deliver) {
        long from = origin.next;
        List<String> ids = new ArrayList<>(BATCH);
        for (long n = from; n < from + BATCH; n++) {
            ids.add(id(origin.id, n));
        }
        return Flux.from(changes.find(Filters.in("_id", ids))).collectList().flatMap(found -> {
            found.sort(Comparator.comparingLong(record -> number(record, "n")));
            long next = from;
            long firstAfterGap = -1;
            for (Document record : found) {
                long n = number(record, "n");
                if (n == next) {
                    deliver.accept(new ViewChangeHub.Change(
                            record.getString("view"),
                            record.getString("key"),
                            number(record, "position"),
                            record.get("document", Document.class)));
                    next++;
                } else if (n > next && firstAfterGap < 0) {
                    firstAfterGap = n;
                }
            }
            boolean moved = next > origin.next;
            origin.next = next;
            boolean missing = firstAfterGap > 0 || origin.latest >= next;
            if (!missing) {
                origin.gapSince = -1;
            } else if (moved || origin.gapSince < 0) {
                origin.gapSince = clock.millis();
            } else if (clock.millis() - origin.gapSince > lookback.toMillis()) {
                long skipTo = firstAfterGap > 0 ? firstAfterGap : Math.min(from + BATCH, origin.latest + 1);
                log.debug(
                        "View changes {}..{} of {} not found within {}; moving on",
                        next,
                        skipTo - 1,
                        origin.id,
                        lookback);
                origin.next = skipTo;
                origin.gapSince = -1;
            }
            return next == from + BATCH ? fetch(origin, deliver) : Mono.<Void>empty();
        });
    }

    /** Deletes, by id, this instance's changes recorded longer than {@code retention} ago. */
    private void pruneOwn(long now) {
        long upTo = prunedUpTo;
        while (!marks.isEmpty() && marks.peekFirst()[0] < now - retention.toMillis()) {
            upTo = Math.max(upTo, marks.pollFirst()[1]);
        }
        for (long from = prunedUpTo + 1; from <= upTo; from += PRUNE_CHUNK) {
            Mono.from(changes.deleteMany(
                            Filters.in("_id", ids(instance, from, Math.min(upTo, from + PRUNE_CHUNK - 1)))))
                    .onErrorResume(e -> Mono.empty())
                    .subscribe();
        }
        prunedUpTo = upTo;
    }

    /**
     * An origin silent for longer than the retention: its record goes first (so no instance reads it again), then its
     * changes, by id (an index delete on both stores), numbers 1 to its latest.
     */
    private void forget(Origin origin) {
        log.info(
                "Query-service instance {} has been silent for over {}: its shared view changes are deleted",
                origin.id,
                retention);
        known.remove(origin.id);
        Mono.from(origins.deleteOne(Filters.eq("_id", origin.id)))
                .thenMany(Flux.fromStream(
                        java.util.stream.LongStream.iterate(1, n -> n <= origin.latest, n -> n + PRUNE_CHUNK)
                                .boxed()))
                .concatMap(
                        from -> Mono.from(changes.deleteMany(Filters.in(
                                "_id", ids(origin.id, from, Math.min(origin.latest, from + PRUNE_CHUNK - 1))))),
                        1)
                .onErrorResume(e -> Mono.empty())
                .subscribe();
    }

    private static List<String> ids(String origin, long from, long to) {
        List<String> ids = new ArrayList<>();
        for (long n = from; n <= to; n++) {
            ids.add(id(origin, n));
        }
        return ids;
    }

    private org.bson.conversions.Bson ownRecord() {
        return Updates.combine(
                Updates.set("latest", sequence.get()),
                Updates.set("beat", beats.incrementAndGet()),
                Updates.set("at", new Date(clock.millis())));
    }

    private static String id(String origin, long n) {
        return origin + "/" + n;
    }

    private static long number(Document document, String field) {
        Number value = document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
