package se.norrort.consortium.query.live;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * View changes shared through MongoDB (collection {@value #COLLECTION}), so that a live stream on any query-service
 * instance sees every change, whichever instance's processor segment projected it.
 * <p>
 * Each instance records every change it publishes ({@link #record}, not waited for) and, while a live stream is
 * open on it, tails the collection every {@code poll-interval}, handing on the changes other instances recorded (its own go out in-process at once). The
 * tail re-reads a window of {@code lookback} behind the newest change it has seen, so a change whose insert became
 * visible late (inserts of several instances are not ordered) is still found; changes already handed on are skipped
 * by id. Records older than {@code retention} are deleted (the embedded server has no TTL indexes): a client that
 * reconnects reads the view's current state from the view itself, this collection only bridges instances.
 * Runs on the embedded server and on a replica set alike (range reads on {@code at}, indexed on a real server).
 */
public class StoreChangeFeed {

    static final String COLLECTION = "view_changes";
    private static final Logger log = LoggerFactory.getLogger(StoreChangeFeed.class);

    private final MongoCollection<Document> changes;
    private final String instance = UUID.randomUUID().toString();
    private final Duration pollInterval;
    private final Duration lookback;
    private final Duration retention;
    private final Clock clock;
    private final Map<ObjectId, Long> seen = new ConcurrentHashMap<>();
    private volatile long newestSeen;
    private volatile Disposable tail;
    private volatile Disposable pruning;

    public StoreChangeFeed(MongoDatabase viewDatabase, Duration pollInterval, Duration lookback, Duration retention,
                           Clock clock) {
        this.changes = viewDatabase.getCollection(COLLECTION);
        this.pollInterval = pollInterval;
        this.lookback = lookback;
        this.retention = retention;
        this.clock = clock;
    }

    /** Records a change this instance published; failures are logged, the in-process stream has it anyway. */
    public void record(ViewChanges.Change change) {
        Document record = new Document("_id", new ObjectId()).append("origin", instance)
                                                             .append("view", change.view())
                                                             .append("key", change.key())
                                                             .append("position", change.position())
                                                             .append("document", change.document())
                                                             .append("at", new Date(clock.millis()));
        Mono.from(changes.insertOne(record))
            .subscribe(ok -> { }, e -> log.warn("View change {}/{}@{} not shared with other instances: {}",
                                                change.view(), change.key(), change.position(), e.toString()));
    }

    /**
     * Starts tailing: {@code deliver} gets every change another instance recorded from now on, while
     * {@code listening} says someone follows a live stream here (no stream open: no read, the window moves on).
     */
    public void start(Consumer<ViewChanges.Change> deliver, java.util.function.BooleanSupplier listening) {
        newestSeen = clock.millis();
        Mono.from(changes.createIndex(Indexes.ascending("at"))).onErrorResume(e -> Mono.empty()).subscribe();
        tail = Flux.interval(pollInterval, Schedulers.parallel())
                   .onBackpressureDrop()
                   .concatMap(tick -> !listening.getAsBoolean()
                           ? Mono.fromRunnable(() -> newestSeen = Math.max(newestSeen, clock.millis() - lookback.toMillis()))
                           : poll(deliver).onErrorResume(e -> {
                       log.debug("View change tail: {}", e.toString());
                       return Mono.empty();
                   }), 1)
                   .subscribe();
        Duration every = retention.dividedBy(4).isZero() ? Duration.ofSeconds(1) : retention.dividedBy(4);
        pruning = Flux.interval(every, Schedulers.parallel()).onBackpressureDrop()
                      .concatMap(tick -> Mono.from(changes.deleteMany(
                              Filters.lt("at", new Date(clock.millis() - retention.toMillis()))))
                                             .onErrorResume(e -> Mono.empty()), 1)
                      .subscribe();
    }

    private Mono<Void> poll(Consumer<ViewChanges.Change> deliver) {
        long from = newestSeen - lookback.toMillis();
        return Flux.from(changes.find(Filters.gte("at", new Date(from))).sort(Sorts.ascending("at", "position")))
                   .doOnNext(record -> {
                       ObjectId id = record.getObjectId("_id");
                       long at = record.getDate("at").getTime();
                       if (at > newestSeen) {
                           newestSeen = at;
                       }
                       if (seen.putIfAbsent(id, at) != null || instance.equals(record.getString("origin"))) {
                           return;
                       }
                       deliver.accept(new ViewChanges.Change(record.getString("view"), record.getString("key"),
                                                             record.get("position", Number.class).longValue(),
                                                             record.get("document", Document.class)));
                   })
                   .then(Mono.fromRunnable(() -> {
                       long forget = newestSeen - 2 * lookback.toMillis();
                       seen.values().removeIf(at -> at < forget);
                   }));
    }

    /** Stops tailing. */
    public void stop() {
        if (tail != null) {
            tail.dispose();
        }
        if (pruning != null) {
            pruning.dispose();
        }
    }
}
