package se.norrort.consortium.query.projection;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.query.live.ViewChangeHub;

/**
 * The view documents of one batch of events, held in memory while the batch is applied and written once at its end.
 * <p>
 * A projection reads a document through {@link #get} (from the store the first time the batch touches it, from
 * memory after), and changes it through {@link #set}, {@link #update} or {@link #delete}. Events are applied one at a
 * time through {@link #apply}: an event whose handling fails leaves nothing behind in the batch (its changes are
 * staged and merged only when it succeeds), so it can be dead-lettered while the rest of the batch is written.
 * {@link #flush} then writes every touched document once (one bulk write per collection, collections in the order
 * given), then the view's progress once, then publishes the changes to live subscribers.
 * <p>
 * Conflicts: a document changed with {@link #update} in checked mode is written only if the store still holds the
 * revision the batch read (an insert if it read none). If another writer came first (an operator retrying dead
 * letters while the processor goes on), the document is read again and the batch's changes to it are applied again
 * (each is a pure fold that skips what the document already reflects), then written again; at most
 * {@value #CONFLICT_RETRIES} times.
 * <p>
 * Not thread-safe: one batch belongs to one processor thread (or one rebuild).
 */
public final class ViewBatch {

    private static final int CONFLICT_RETRIES = 10;
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> REVISION_INDEXED = ConcurrentHashMap.newKeySet();

    private record Key(String collection, String id) {}

    /** One document as the batch knows it. */
    private static final class Entry {
        final MongoCollection<Document> collection;
        final String id;
        Document stored; // as read from the store (null: none)
        Document current; // as the batch has it now (null: none)
        boolean dirty;
        boolean checked;
        List<UnaryOperator<Document>> steps = new ArrayList<>();

        Entry(MongoCollection<Document> collection, String id, Document stored) {
            this.collection = collection;
            this.id = id;
            this.stored = stored;
            this.current = stored;
        }

        Entry copy() {
            Entry copy = new Entry(collection, id, stored);
            copy.current = current;
            copy.dirty = dirty;
            copy.checked = checked;
            copy.steps = new ArrayList<>(steps);
            return copy;
        }
    }

    /** A document as a rebuild's write in flight stores it ({@code null}: deleted). */
    private record Pending(Document document) {}

    private record Publication(String view, String key, long position, Document document) {}

    private final String view;
    private final List<String> order;
    private final ViewChangeHub changes;
    private final ViewProgress progress;
    private final Set<Key> absentUnlessWritten;
    private final Set<String> readCollections;
    private final Set<String> unrecorded;
    private final Rebuild rebuild;
    private final Map<Key, Entry> entries = new LinkedHashMap<>();
    private final List<Publication> publications = new ArrayList<>();
    private long handled = -1;
    private int events;
    private final Map<Object, Object> memos = new HashMap<>();

    // The ids the batch's events concern (their applications), and the collections already read for all of them.
    private Set<String> together = Set.of();
    private final Set<String> collectionsReadTogether = new HashSet<>();

    // The event being applied: its changes, staged.
    private Map<Key, Entry> staged;
    private List<Publication> stagedPublications;

    /**
     * A batch for the live projection of {@code view}.
     *
     * @param order    the names of the view's collections in the order they are written at the flush
     * @param changes  where stored changes are published; {@code null} for none
     * @param progress where the view's progress is recorded once per batch; {@code null} for none
     */
    public ViewBatch(String view, List<String> order, ViewChangeHub changes, ViewProgress progress) {
        this(view, order, changes, progress, null, null, null, null);
    }

    private ViewBatch(
            String view,
            List<String> order,
            ViewChangeHub changes,
            ViewProgress progress,
            Set<Key> absentUnlessWritten,
            Set<String> readCollections,
            Set<String> unrecorded,
            Rebuild rebuild) {
        this.view = view;
        this.rebuild = rebuild;
        this.order = List.copyOf(order);
        this.changes = changes;
        this.progress = progress;
        this.absentUnlessWritten = absentUnlessWritten;
        this.readCollections = readCollections;
        this.unrecorded = unrecorded;
    }

    /**
     * Batches of a rebuild into fresh collections, which nobody else writes: a document this rebuild never wrote is
     * known to be absent without asking the store. Each call answers a new batch that shares this knowledge.
     */
    public static Rebuild rebuild(String view, List<String> order) {
        return new Rebuild(view, order);
    }

    /**
     * A rebuild's sequence of batches into its fresh collections. Their flushes write on a thread of the rebuild's
     * own, so the next batch is applied while the store writes the last one: a flush first waits for the write
     * before it (one write in flight at a time, in order), and a document of the write in flight is read from it, not
     * from the store. {@link #awaitWrites} waits for the last one (before the rebuilt collections are used);
     * {@link #close} ends the thread.
     * <p>
     * A batch shares the documents of the write in flight with the driver encoding them on the writing thread: safe
     * because a fold never changes the document it is given (it returns a changed copy, see
     * {@link Provenance#apply}); a fold that changed its input in place would race that encoding.
     */
    public static final class Rebuild implements AutoCloseable {
        private final String view;
        private final List<String> order;
        private final Set<Key> written = new HashSet<>();
        private final Set<String> read = new HashSet<>();
        private final Set<String> unrecorded = new HashSet<>();
        private final Map<Key, Pending> inFlight = new ConcurrentHashMap<>();
        private ExecutorService writer;
        private Future<?> pending;

        private Rebuild(String view, List<String> order) {
            this.view = view;
            this.order = order;
        }

        public ViewBatch next() {
            return new ViewBatch(view, order, null, null, written, read, unrecorded, this);
        }

        /** The document as the write in flight stores it; {@code null} when that write does not hold it. */
        private Pending inFlight(Key key) {
            return inFlight.get(key);
        }

        /** Writes the entries (each list one collection's) once the write before has finished; answers at once. */
        private void submit(ViewBatch batch, List<List<Entry>> writes) {
            awaitWrites(); // one write in flight at a time: the map holds that write's documents only
            for (List<Entry> dirty : writes) {
                for (Entry entry : dirty) {
                    inFlight.put(
                            new Key(entry.collection.getNamespace().getCollectionName(), entry.id),
                            new Pending(entry.current));
                }
            }
            if (writer == null) {
                writer = Executors.newSingleThreadExecutor(r -> {
                    Thread thread = new Thread(r, "view-rebuild-writer");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            pending = writer.submit(() -> {
                for (List<Entry> dirty : writes) {
                    batch.write(dirty);
                }
                inFlight.clear(); // stored: read from the store from now on
            });
        }

        /** Waits until every flushed batch is stored; rethrows what a write failed with. */
        public void awaitWrites() {
            if (pending == null) {
                return;
            }
            try {
                pending.get();
                pending = null;
            } catch (InterruptedException e) {
                // the write stays pending: settle() can still wait for it
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the rebuild's write", e);
            } catch (ExecutionException e) {
                pending = null;
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /**
         * Waits up to {@code max} for the write in flight, if any, also when this thread is interrupted (a rebuild
         * that failed or is stopped, before it drops its fresh collections); answers what the write failed with, or
         * {@code null}. The interrupt is kept.
         */
        public Throwable settle(Duration max) {
            if (pending == null) {
                return null;
            }
            long deadline = System.nanoTime() + max.toNanos();
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        pending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        return null;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        return e.getCause();
                    } catch (TimeoutException e) {
                        return e;
                    }
                }
            } finally {
                pending = null;
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Ends the writing thread (a write in flight is abandoned: call {@link #awaitWrites} first to keep it). */
        @Override
        public void close() {
            if (writer != null) {
                writer.shutdownNow();
            }
        }
    }

    public String view() {
        return view;
    }

    /** How many events this batch has applied. */
    public int events() {
        return events;
    }

    /** How many documents this batch holds. */
    public int size() {
        return entries.size();
    }

    /**
     * Applies one event at {@code position}: {@code work} reads and changes documents through this batch. If it
     * throws, none of its changes stay in the batch and the exception propagates.
     */
    public void apply(long position, Consumer<ViewBatch> work) {
        staged = new LinkedHashMap<>();
        stagedPublications = new ArrayList<>();
        try {
            work.accept(this);
            entries.putAll(staged);
            publications.addAll(stagedPublications);
            handled = Math.max(handled, position);
            events++;
        } finally {
            staged = null;
            stagedPublications = null;
        }
    }

    /**
     * A projection's memo for the documents this batch holds (e.g. the records it decoded them into), made by
     * {@code create} on first use and forgotten with the documents at the {@link #flush}: so it is as large as the
     * batch at most. What it holds must be derived from documents by their identity, never by their id: a document
     * read again after a conflict is another object.
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, Supplier<T> create) {
        return (T) memos.computeIfAbsent(key, k -> create.get());
    }

    /** The document with this id as the batch has it, or {@code null}. */
    public Document get(MongoCollection<Document> collection, String id) {
        return entry(collection, id, false, true).current;
    }

    /** Stores {@code document} under {@code id} at the flush, replacing any earlier one. */
    public void set(MongoCollection<Document> collection, String id, Document document) {
        Entry entry = entry(collection, id, true, false);
        entry.current = document;
        entry.dirty = true;
    }

    /** Removes the document with {@code id} at the flush (whether or not there is one). */
    public void delete(MongoCollection<Document> collection, String id) {
        Entry entry = entry(collection, id, true, false);
        entry.current = null;
        entry.dirty = true;
    }

    /**
     * Applies {@code step} (a pure fold that returns the very document it was given when it changes nothing) to the
     * document with {@code id} and answers the result. With {@code checked}, the write is conditional on the revision
     * read and, on a conflict, the document is read again and the steps applied again (see the class comment).
     */
    public Document update(
            MongoCollection<Document> collection, String id, boolean checked, UnaryOperator<Document> step) {
        Entry entry = entry(collection, id, true, true);
        Document before = entry.current;
        Document after = step.apply(before);
        if (after != before) {
            entry.current = after;
            entry.dirty = true;
            entry.checked |= checked;
            entry.steps.add(step);
        }
        return after;
    }

    /**
     * Publishes the document (as this event left it) to live subscribers once the batch is stored. A document whose
     * write met a conflict is stored as resolved, which may differ from the published one (see the class comment).
     */
    public void publish(String key, long position, Document document) {
        if (changes == null) {
            return;
        }
        Publication publication = new Publication(view, key, position, document);
        if (stagedPublications != null) {
            stagedPublications.add(publication);
        } else {
            publications.add(publication);
        }
    }

    /**
     * Reads, in one query, those of the documents with these ids that the batch does not hold yet, so that the
     * {@link #get}s and {@link #update}s of them that follow need no round trip each (an event that concerns fifteen
     * municipalities reads their fifteen entries at once). Only a read: it changes nothing, and a document it finds
     * absent is known absent for the rest of the batch, exactly as if {@link #get} had read it. In a rebuild, ids the
     * rebuild knows to be absent are not asked for.
     */
    public void prefetch(MongoCollection<Document> collection, Collection<String> ids) {
        String name = collection.getNamespace().getCollectionName();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            Key key = new Key(name, id);
            if ((staged == null || !staged.containsKey(key)) && !entries.containsKey(key) && mayBeStored(key)) {
                Pending writing = rebuild == null ? null : rebuild.inFlight(key);
                if (writing != null) {
                    entries.put(key, new Entry(collection, id, writing.document()));
                } else {
                    missing.add(id);
                }
            }
        }
        if (readCollections != null) {
            readCollections.add(name);
        }
        if (missing.size() < 2) {
            return; // one is read by the get that follows, with no extra query
        }
        Map<String, Document> found = new HashMap<>();
        Flux.from(collection.find(Filters.in("_id", missing)))
                .doOnNext(d -> found.put(String.valueOf(d.get("_id")), d))
                .then()
                .block(WRITE_TIMEOUT);
        for (String id : missing) {
            entries.put(new Key(name, id), new Entry(collection, id, found.get(id)));
        }
    }

    /**
     * The ids of the documents the batch's events concern (for a live batch: the applications of every event of the
     * processor's batch, known when it opens, see {@link LiveBatches}). The first read of one of them in a collection
     * reads all of them in that collection with one query ({@link #prefetch}), so a batch of events of eight
     * applications reads each collection keyed by application once, not eight times. Only reads, as a prefetch: a
     * document found absent is known absent for the rest of the batch; a read of any other id is unchanged.
     */
    public void readTogether(Collection<String> ids) {
        together = Set.copyOf(ids);
        collectionsReadTogether.clear();
    }

    /** Whether the store may hold the document: always, except in a rebuild for one it has not written. */
    private boolean mayBeStored(Key key) {
        return absentUnlessWritten == null
                || unrecorded.contains(key.collection())
                || absentUnlessWritten.contains(key);
    }

    /** The entry for the document, read from the store first if {@code load} and the batch does not hold it. */
    private Entry entry(MongoCollection<Document> collection, String id, boolean forWrite, boolean load) {
        Key key = new Key(collection.getNamespace().getCollectionName(), id);
        if (staged != null) {
            Entry own = staged.get(key);
            if (own != null) {
                return own;
            }
        }
        Entry entry = entries.get(key);
        if (entry == null && load && together.contains(id) && collectionsReadTogether.add(key.collection())) {
            prefetch(collection, together);
            entry = entries.get(key);
        }
        if (entry == null) {
            if (load && readCollections != null) {
                readCollections.add(key.collection());
            }
            Document stored = null;
            if (load && mayBeStored(key)) {
                Pending writing = rebuild == null ? null : rebuild.inFlight(key);
                stored = writing != null
                        ? writing.document()
                        : ViewStore.byId(collection, id).block(WRITE_TIMEOUT).orElse(null);
            }
            entry = new Entry(collection, id, stored);
            if (load || staged == null) {
                // Only read, not changed: it may stay even if the event fails.
                entries.put(key, entry);
            } else {
                staged.put(key, entry);
                return entry;
            }
        }
        if (staged != null && forWrite) {
            Entry own = entry.copy();
            staged.put(key, own);
            return own;
        }
        return entry;
    }

    /**
     * Writes every changed document (one bulk write per collection, in the given order, then those of other
     * collections), then the view's progress, then publishes the changes. Empties the batch.
     */
    public void flush() {
        Map<String, List<Entry>> byCollection = new LinkedHashMap<>();
        order.forEach(name -> byCollection.put(name, new ArrayList<>()));
        for (Entry entry : entries.values()) {
            if (entry.dirty) {
                byCollection
                        .computeIfAbsent(entry.collection.getNamespace().getCollectionName(), n -> new ArrayList<>())
                        .add(entry);
            }
        }
        if (absentUnlessWritten != null) {
            // Remembered only for collections the projection reads by id (not, e.g., audit entries, which it only
            // writes), so that this stays as small as the set of documents it reads.
            entries.forEach((key, entry) -> {
                if (entry.dirty && entry.current != null) {
                    if (readCollections.contains(key.collection())) {
                        absentUnlessWritten.add(key);
                    } else {
                        unrecorded.add(key.collection());
                    }
                }
            });
        }
        List<List<Entry>> writes = new ArrayList<>();
        for (List<Entry> dirty : byCollection.values()) {
            if (!dirty.isEmpty()) {
                writes.add(dirty);
            }
        }
        if (rebuild != null) {
            rebuild.submit(this, writes); // written on the rebuild's thread while the next batch is applied
        } else {
            writes.forEach(this::write);
        }
        if (progress != null && handled >= 0) {
            progress.handled(view, handled).block(WRITE_TIMEOUT);
            progress.advanced(view);
        }
        if (changes != null) {
            for (Publication p : publications) {
                // without provenance: no stream serves it, and it grows with every event (a shallow copy)
                changes.published(p.view(), p.key(), p.position(), Provenance.without(p.document()));
            }
        }
        entries.clear();
        memos.clear();
        publications.clear();
        collectionsReadTogether.clear();
        handled = -1;
        events = 0;
    }

    private void write(List<Entry> dirty) {
        MongoCollection<Document> collection = dirty.get(0).collection;
        List<WriteModel<Document>> models = new ArrayList<>(dirty.size());
        for (Entry entry : dirty) {
            if (absentUnlessWritten != null) {
                entry.checked = false; // a rebuild's fresh collections have no other writer
            }
            if (entry.checked) {
                ensureRevisionIndex(collection);
            }
            models.add(model(entry));
        }
        List<Entry> conflicts = new ArrayList<>();
        try {
            Mono.from(collection.bulkWrite(models, new BulkWriteOptions().ordered(false)))
                    .block(WRITE_TIMEOUT);
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                Entry entry = dirty.get(error.getIndex());
                if (!entry.checked || ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                conflicts.add(entry);
            }
        }
        for (Entry entry : conflicts) {
            resolve(entry);
        }
        for (Entry entry : dirty) {
            entry.stored = entry.current;
            entry.dirty = false;
        }
    }

    private static WriteModel<Document> model(Entry entry) {
        if (entry.current == null) {
            return new DeleteOneModel<>(Filters.eq("_id", entry.id));
        }
        if (!entry.checked) {
            return new ReplaceOneModel<>(Filters.eq("_id", entry.id), entry.current, new ReplaceOptions().upsert(true));
        }
        if (entry.stored == null) {
            return new InsertOneModel<>(entry.current);
        }
        // No match (the revision moved on) makes the upsert insert a second document with this _id: a duplicate key.
        return new ReplaceOneModel<>(
                new Document("_id", entry.id).append("revision", ViewFields.longOf(entry.stored, "revision")),
                entry.current,
                new ReplaceOptions().upsert(true));
    }

    /**
     * The embedded server serves a filter from an index only if it names every field of a unique index; a filter on
     * {@code _id} and {@code revision} would scan the collection, document by document, for every checked write. So
     * collections written in checked mode get a unique index on both (on MongoDB, the {@code _id} prefix would do).
     */
    private static void ensureRevisionIndex(MongoCollection<Document> collection) {
        String namespace = collection.getNamespace().getFullName();
        if (REVISION_INDEXED.add(namespace)) {
            try {
                Mono.from(collection.createIndex(
                                Indexes.ascending("_id", "revision"),
                                new IndexOptions().unique(true).name("id_revision")))
                        .block(WRITE_TIMEOUT);
            } catch (RuntimeException e) {
                REVISION_INDEXED.remove(namespace);
                throw e;
            }
        }
    }

    /** Forgets which collections have the revision index, e.g. after a rebuild replaced them. */
    public static void forgetIndexes() {
        REVISION_INDEXED.clear();
    }

    /** Another writer changed the document since it was read: read it again, apply the steps again, write. */
    private static void resolve(Entry entry) {
        for (int attempt = 1; ; attempt++) {
            Document stored = ViewStore.byId(entry.collection, entry.id)
                    .block(WRITE_TIMEOUT)
                    .orElse(null);
            Document current = stored;
            for (UnaryOperator<Document> step : entry.steps) {
                current = step.apply(current);
            }
            entry.stored = stored;
            entry.current = current;
            if (current == stored) {
                return;
            }
            try {
                Mono.from(collection(entry).bulkWrite(List.of(model(entry)))).block(WRITE_TIMEOUT);
                return;
            } catch (MongoBulkWriteException | MongoWriteException e) {
                if (attempt >= CONFLICT_RETRIES || !duplicateKey(e)) {
                    throw e;
                }
                sleep(attempt);
            }
        }
    }

    private static MongoCollection<Document> collection(Entry entry) {
        return entry.collection;
    }

    private static boolean duplicateKey(RuntimeException e) {
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream()
                    .allMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY);
        }
        return ((MongoWriteException) e).getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    private static void sleep(int attempt) {
        try {
            Thread.sleep(Math.min(200, 10L << Math.min(attempt, 4)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while resolving a write conflict", e);
        }
    }
}
