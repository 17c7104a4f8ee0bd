package se.norrort.consortium.eventstore.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.eventstore.LogPosition;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.StreamConflictException;
import se.norrort.consortium.eventstore.TrackedEvent;
import se.norrort.consortium.eventstore.chain.CommitSeal;
import se.norrort.consortium.eventstore.chain.CommitSealer;
import se.norrort.consortium.eventstore.chain.HashChain;

/**
 * {@link EventLog} on MongoDB through the official synchronous Java driver, using only features that both a MongoDB
 * replica set and the embedded mongo-java-server serve from an index.
 *
 * <h2>Layout</h2>
 * One document per commit in {@code events}: {@code _id} is the global position of the commit's first event (a
 * commit of n events occupies n consecutive positions), {@code a}/{@code f}/{@code l} the aggregate and its first and
 * last sequence number, {@code e} the events. A unique index on {@code (a, f)} refuses a second commit at the same
 * stream position: that is the optimistic concurrency check. Positions come from a counter document
 * ({@code event_counters}, {@code _id: "position"}) incremented with {@code findOneAndUpdate}. A commit must also
 * continue its stream where the previous commit ended (a point lookup on the unique {@code (a, l)} index), so a
 * writer working from a stale stream can never overlap a stored commit.
 *
 * <h2>Why no event is ever skipped</h2>
 * A writer allocates positions, then inserts. Between the two a reader can see a later position committed while an
 * earlier one is still missing: a gap. Readers keep gaps in their {@link LogPosition} and read them again. A gap is
 * settled by whoever inserts the document with that {@code _id} first: the writer (its commit), or, after
 * {@code gapTimeout} of seeing it missing, a reader, with a tombstone. A writer that loses that race gets a duplicate
 * key on {@code _id} and simply retries with fresh positions; its events are then committed later, at new positions.
 * So every allocated position ends up either as committed events, which every reader reads, or as a tombstone, which
 * holds no event. Writer clocks play no part.
 *
 * <h2>Index use</h2>
 * Every hot-path query is an equality on {@code _id} ({@code $in} of positions for tracking reads) or on all fields
 * of a unique index ({@code (a, f)} to walk an aggregate stream commit by commit); the embedded server scans the whole
 * collection for anything else.
 *
 * <h2>Seals</h2>
 * Given a {@link CommitSealer}, every commit is sealed once its chain hashes are computed: the seal ({@code kid},
 * {@code sig}) signs the commit's last sequence number and chain hash, and is stored in the commit document, beside
 * the events (never in their hashed metadata).
 */
public class MongoEventLog implements EventLog {

    private static final Logger log = LoggerFactory.getLogger(MongoEventLog.class);

    static final String EVENTS = StoredCommits.COLLECTION;
    static final String COUNTERS = "event_counters";
    static final String SNAPSHOTS = "snapshots";
    private static final String POSITION_COUNTER = "position";
    private static final String TOMBSTONE_PREFIX = "\u0000tombstone:";
    private static final int MAX_APPEND_ATTEMPTS = 10;
    private static final int HEAD_GAP_WINDOW = 1000;

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> snapshots;
    private final Duration gapTimeout;
    private final Clock clock;
    private final CommitSealer sealer;
    private final Map<Long, Instant> missingSince = new ConcurrentHashMap<>();
    private volatile LongConsumer beforeInsert = position -> {};

    public MongoEventLog(MongoDatabase database) {
        this(database, Duration.ofSeconds(10), Clock.systemUTC());
    }

    /**
     * @param database   where the collections live; indexes are created here, before this constructor returns
     * @param gapTimeout how long a reader waits for an allocated position to be committed before closing it with a
     *                   tombstone (the writer then retries at a new position; nothing is lost)
     * @param clock      the reader's own clock, used only to time gaps
     */
    public MongoEventLog(MongoDatabase database, Duration gapTimeout, Clock clock) {
        this(database, gapTimeout, clock, null);
    }

    /**
     * An event log that seals every commit it appends (see {@link CommitSeal}).
     *
     * @param sealer signs each commit's last chain hash; {@code null} stores commits unsealed
     */
    public MongoEventLog(MongoDatabase database, Duration gapTimeout, Clock clock, CommitSealer sealer) {
        this.sealer = sealer;
        this.events = database.getCollection(EVENTS);
        this.counters = database.getCollection(COUNTERS);
        this.snapshots = database.getCollection(SNAPSHOTS);
        this.gapTimeout = gapTimeout;
        this.clock = clock;
        ensureIndexes();
    }

    private void ensureIndexes() {
        events.createIndex(
                Indexes.ascending("a", "f"), new IndexOptions().unique(true).name("stream_first_seq"));
        events.createIndex(
                Indexes.ascending("a", "l"), new IndexOptions().unique(true).name("stream_last_seq"));
        // Serves positionAt(instant) on a real MongoDB; the embedded server scans instead (an operator action).
        events.createIndex(Indexes.ascending("ct"), new IndexOptions().name("commit_time"));
    }

    /** Test seam: runs between allocating positions and inserting the commit, e.g. to inject delays. */
    public void beforeInsert(LongConsumer hook) {
        this.beforeInsert = hook;
    }

    @Override
    public List<StoredEvent> append(List<StoredEvent> batch) {
        return append(null, batch);
    }

    /**
     * Skips the predecessor lookup: {@code predecessor} was read from this log as the last event of a stored commit,
     * so the stream has no hole before the new commit, and an overlap is impossible (a commit starting before it would
     * cover a stored event). A stream that moved on since is still refused by the unique {@code (a, f)} index.
     */
    @Override
    public List<StoredEvent> appendAfter(StoredEvent predecessor, List<StoredEvent> batch) {
        if (predecessor == null
                || batch.isEmpty()
                || !batch.get(0).hasAggregate()
                || !batch.get(0).aggregateId().equals(predecessor.aggregateId())
                || predecessor.sequence() != batch.get(0).sequence() - 1) {
            return append(null, batch);
        }
        return append(predecessor, batch);
    }

    private List<StoredEvent> append(StoredEvent knownPredecessor, List<StoredEvent> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        validateBatch(batch);
        StoredEvent head = batch.get(0);
        String previousHash = HashChain.GENESIS;
        if (knownPredecessor != null) {
            previousHash = HashChain.storedHash(knownPredecessor).orElse(HashChain.GENESIS);
        } else if (head.sequence() > 0) {
            Document predecessor = events.find(streamKey("l", head.aggregateId(), head.sequence() - 1))
                    .first();
            if (predecessor == null) {
                // A commit must continue the stream right where its last commit ended (no overlap, no hole).
                throw new StreamConflictException(head.aggregateId(), head.sequence());
            }
            List<StoredEvent> previous = StoredCommits.eventsOf(predecessor);
            previousHash =
                    HashChain.storedHash(previous.get(previous.size() - 1)).orElse(HashChain.GENESIS);
        }
        List<StoredEvent> sealed = new ArrayList<>(batch.size());
        for (StoredEvent event : batch) {
            StoredEvent withHash = HashChain.sealed(previousHash, event);
            sealed.add(withHash);
            previousHash = HashChain.storedHash(withHash).orElseThrow();
        }
        batch = sealed;
        int n = batch.size();
        CommitSeal seal = sealer == null ? null : sealer.seal(streamKey(head), head.sequence() + n - 1, previousHash);
        for (int attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
            long first = allocate(n);
            beforeInsert.accept(first);
            try {
                events.insertOne(commitDocument(first, batch, seal));
                List<StoredEvent> stored = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    stored.add(batch.get(i).atPosition(first + i));
                }
                return stored;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                if (events.find(Filters.eq("_id", first)).first() != null) {
                    // A reader closed our positions with a tombstone while we were slow: take new ones.
                    log.debug("Positions from {} were closed by a reader; retrying (attempt {})", first, attempt);
                    continue;
                }
                // The stream already has this sequence number: close our positions and refuse.
                insertTombstone(first, n);
                throw new StreamConflictException(streamKey(head), head.sequence());
            }
        }
        throw new IllegalStateException("Could not append after " + MAX_APPEND_ATTEMPTS + " attempts");
    }

    private static void validateBatch(List<StoredEvent> batch) {
        StoredEvent head = batch.get(0);
        if (!head.hasAggregate()) {
            if (batch.size() != 1) {
                throw new IllegalArgumentException("Events without an aggregate are appended one at a time");
            }
            return;
        }
        for (int i = 1; i < batch.size(); i++) {
            StoredEvent e = batch.get(i);
            if (!head.aggregateId().equals(e.aggregateId()) || e.sequence() != head.sequence() + i) {
                throw new IllegalArgumentException("A commit holds consecutive events of one aggregate");
            }
        }
    }

    private long allocate(int n) {
        Document counter = counters.findOneAndUpdate(
                Filters.eq("_id", POSITION_COUNTER),
                Updates.inc("value", (long) n),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        long last = ((Number) counter.get("value")).longValue();
        return last - n + 1;
    }

    private long allocatedHead() {
        Document counter = counters.find(Filters.eq("_id", POSITION_COUNTER)).first();
        return counter == null ? 0 : ((Number) counter.get("value")).longValue();
    }

    /**
     * Equality on both fields of a unique stream index, as a plain document: {@code Filters.and} renders
     * {@code $and}, which the embedded server does not serve from an index (it scans the collection).
     */
    private static Document streamKey(String sequenceField, String aggregateId, long sequence) {
        return new Document("a", aggregateId).append(sequenceField, sequence);
    }

    private static String streamKey(StoredEvent e) {
        // An event of no aggregate is a stream of its own, keyed by its id.
        return e.hasAggregate() ? e.aggregateId() : e.eventId();
    }

    private Document commitDocument(long first, List<StoredEvent> batch, CommitSeal seal) {
        StoredEvent head = batch.get(0);
        List<Document> eventDocs = new ArrayList<>(batch.size());
        for (StoredEvent e : batch) {
            Document d = new Document("id", e.eventId())
                    .append("s", e.sequence())
                    .append("ts", e.timestamp().toString())
                    .append("pt", e.payloadType())
                    .append("pr", e.payloadRevision())
                    .append("p", e.payload())
                    .append("m", e.metadata());
            eventDocs.add(d);
        }
        Document commit = new Document("_id", first)
                .append("a", streamKey(head))
                .append("agg", head.hasAggregate())
                .append("t", head.aggregateType())
                .append("f", head.sequence())
                .append("l", head.sequence() + batch.size() - 1)
                .append("n", batch.size())
                .append("ct", Date.from(clock.instant()))
                .append("e", eventDocs);
        if (seal != null) {
            commit.append(StoredCommits.SEAL_KEY_ID, seal.keyId())
                    .append(StoredCommits.SEAL_SIGNATURE, seal.signature());
        }
        return commit;
    }

    private boolean insertTombstone(long position, int n) {
        try {
            events.insertOne(new Document("_id", position)
                    .append("a", TOMBSTONE_PREFIX + position)
                    .append("f", 0L)
                    .append("l", 0L)
                    .append("n", n)
                    .append("tomb", true)
                    .append("ct", Date.from(clock.instant())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<StoredEvent> readStream(String aggregateId, long fromSequence, int max) {
        return readStream(aggregateId, fromSequence, max, true);
    }

    /** Commit by commit from {@code nextSequence}, a commit boundary: no look for a straddling commit (a scan). */
    @Override
    public List<StoredEvent> readStreamAfterCommit(String aggregateId, long nextSequence) {
        return readStream(aggregateId, nextSequence, Integer.MAX_VALUE, false);
    }

    private List<StoredEvent> readStream(String aggregateId, long fromSequence, int max, boolean mayStartInside) {
        List<StoredEvent> result = new ArrayList<>();
        long next = fromSequence;
        while (result.size() < max) {
            Document commit = events.find(streamKey("f", aggregateId, next)).first();
            if (commit == null) {
                if (mayStartInside && result.isEmpty() && next > 0) {
                    // fromSequence inside a commit (not at a commit boundary): rare, so a scan is acceptable.
                    commit = events.find(Filters.and(
                                    Filters.eq("a", aggregateId), Filters.lte("f", next), Filters.gte("l", next)))
                            .first();
                }
                if (commit == null) {
                    break;
                }
            }
            for (StoredEvent e : StoredCommits.eventsOf(commit)) {
                if (e.sequence() >= fromSequence) {
                    result.add(e);
                }
            }
            next = ((Number) commit.get("l")).longValue() + 1;
        }
        return result;
    }

    @Override
    public OptionalLong lastSequence(String aggregateId) {
        Optional<StoredEvent> snapshot = latestSnapshot(aggregateId);
        long from = snapshot.map(s -> s.sequence() + 1).orElse(0L);
        long last = snapshot.map(StoredEvent::sequence).orElse(-1L);
        while (true) {
            Document commit = events.find(streamKey("f", aggregateId, from)).first();
            if (commit == null) {
                break;
            }
            last = ((Number) commit.get("l")).longValue();
            from = last + 1;
        }
        return last < 0 ? OptionalLong.empty() : OptionalLong.of(last);
    }

    @Override
    public List<TrackedEvent> readAfter(LogPosition after, int max) {
        long head = allocatedHead();
        long index = after.index(); // highest position settled (read or tombstoned)
        long scanned = after.index(); // highest position looked at in this call
        TreeSet<Long> gaps = new TreeSet<>(after.gaps()); // allocated, not yet committed
        List<TrackedEvent> result = new ArrayList<>();
        while (result.isEmpty()) {
            long windowEnd = Math.min(scanned + max, head);
            TreeSet<Long> candidates = new TreeSet<>(gaps);
            for (long p = scanned + 1; p <= windowEnd; p++) {
                candidates.add(p);
            }
            if (candidates.isEmpty()) {
                break;
            }
            Map<Long, Document> found = new HashMap<>();
            events.find(Filters.in("_id", candidates)).forEach(d -> found.put(((Number) d.get("_id")).longValue(), d));
            long coveredUntil = 0;
            for (long p : candidates) {
                if (p <= coveredUntil) {
                    gaps.remove(p); // inside a commit that starts at a lower position
                    continue;
                }
                Document doc = found.get(p);
                if (doc == null && gapTimedOut(p)) {
                    if (insertTombstone(p, 1)) {
                        log.info(
                                "Closed position {} with a tombstone: allocated but not committed within {}",
                                p,
                                gapTimeout);
                    }
                    doc = events.find(Filters.eq("_id", p)).first();
                }
                if (doc == null) {
                    gaps.add(p);
                    continue;
                }
                missingSince.remove(p);
                gaps.remove(p);
                coveredUntil = p + ((Number) doc.get("n")).intValue() - 1;
                index = Math.max(index, coveredUntil);
                if (doc.getBoolean("tomb", false)) {
                    continue;
                }
                for (StoredEvent e : StoredCommits.eventsOf(doc)) {
                    result.add(new TrackedEvent(e, new LogPosition(index, gaps.headSet(index))));
                }
            }
            scanned = Math.max(windowEnd, coveredUntil);
            if (scanned >= head && result.isEmpty()) {
                break;
            }
        }
        return result;
    }

    private boolean gapTimedOut(long position) {
        Instant now = clock.instant();
        Instant since = missingSince.computeIfAbsent(position, p -> now);
        if (missingSince.size() > 100_000) {
            missingSince
                    .entrySet()
                    .removeIf(entry -> entry.getValue().isBefore(now.minus(gapTimeout.multipliedBy(10))));
        }
        return !since.plus(gapTimeout).isAfter(now);
    }

    @Override
    public LogPosition head() {
        long head = allocatedHead();
        TreeSet<Long> missing = new TreeSet<>();
        List<Long> window = new ArrayList<>();
        // Look a little further back than the gap window so that commits of several events starting before it
        // mark their positions as present.
        for (long p = Math.max(1, head - HEAD_GAP_WINDOW - 64); p <= head; p++) {
            window.add(p);
            if (p > head - HEAD_GAP_WINDOW) {
                missing.add(p);
            }
        }
        long index = Math.max(0, head - HEAD_GAP_WINDOW);
        if (!window.isEmpty()) {
            for (Document d : events.find(Filters.in("_id", window))) {
                long p = ((Number) d.get("_id")).longValue();
                int n = ((Number) d.get("n")).intValue();
                for (long q = p; q < p + n; q++) {
                    missing.remove(q);
                }
                index = Math.max(index, p + n - 1);
            }
        }
        // Positions above the highest committed one are still being written: the reader will see them as they land.
        return new LogPosition(index, missing.headSet(index));
    }

    @Override
    public LogPosition positionAt(Instant instant) {
        Document first = events.find(Filters.gte("ct", Date.from(instant)))
                .sort(Sorts.ascending("_id"))
                .first();
        if (first == null) {
            return head();
        }
        long position = ((Number) first.get("_id")).longValue();
        return position <= 1 ? LogPosition.START : new LogPosition(position - 1, new TreeSet<>());
    }

    @Override
    public void storeSnapshot(StoredEvent snapshot) {
        Document doc = new Document("_id", snapshot.aggregateId())
                .append("id", snapshot.eventId())
                .append("t", snapshot.aggregateType())
                .append("s", snapshot.sequence())
                .append("ts", snapshot.timestamp().toString())
                .append("pt", snapshot.payloadType())
                .append("pr", snapshot.payloadRevision())
                .append("p", snapshot.payload())
                .append("m", snapshot.metadata());
        try {
            snapshots.replaceOne(
                    Filters.and(Filters.eq("_id", snapshot.aggregateId()), Filters.lt("s", snapshot.sequence())),
                    doc,
                    new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // A newer snapshot is already stored.
        }
    }

    @Override
    public Optional<StoredEvent> latestSnapshot(String aggregateId) {
        Document d = snapshots.find(Filters.eq("_id", aggregateId)).first();
        if (d == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredEvent(
                0,
                d.getString("id"),
                d.getString("t"),
                aggregateId,
                ((Number) d.get("s")).longValue(),
                Instant.parse(d.getString("ts")),
                d.getString("pt"),
                d.getString("pr"),
                d.getString("p"),
                d.getString("m")));
    }
}
