package se.norrort.consortium.eventstore.cache;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.eventstore.LogPosition;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.StreamConflictException;
import se.norrort.consortium.eventstore.TrackedEvent;

/**
 * A write side's cache of aggregate streams in front of an {@link EventLog}: the events of the most recently used
 * streams since their latest snapshot, and that snapshot, so that loading an aggregate costs one store round trip
 * instead of one per commit plus one for the snapshot.
 *
 * <h2>Why it never decides on stale state</h2>
 * A load served from the cache still asks the store, with one point lookup, whether the stream has a commit after the
 * cached end ({@link EventLog#readStream} from there); another writer's commits (a second command-service instance)
 * are read and added before the aggregate decides. A commit landing between that check and this instance's append
 * makes the append collide on the stream's unique position and be refused ({@link StreamConflictException}), exactly
 * as without the cache; the stream is then evicted, so the next attempt loads it from the store. A refusal decided on
 * the state loaded is therefore decided on the current state, and an accepted command is appended only right after the
 * events it was decided on.
 *
 * <h2>A command's loads, confirmed once it is decided</h2>
 * Within a command's attempt ({@link #trust()} on the thread that handles it, up to {@link #confirm}), a load served
 * from the cache does not ask the store first. An accepted command needs no such question: its append continues
 * from the cached last event and collides on the stream's unique position if another writer appended meanwhile (the
 * command is then handled again on the stored stream, as above). A command that stored nothing for a stream it loaded
 * (a refusal, or an answer that needed no event) is confirmed before it is answered: {@link #confirm} asks the store,
 * with the same one point lookup, whether that stream has a commit after the cached end; if it has, the stream is
 * evicted and the caller handles the command again, since nothing of it was stored. An append in the attempt first
 * confirms the attempt's other streams the same way (a command decided on two streams). Outside an attempt (a
 * deadline, a test) every cached load asks the store first, as above. So the answer to a command is decided on the
 * stream as stored when it is answered, and an accepted command costs no read at all.
 *
 * <h2>Bounds</h2>
 * At most {@code maxStreams} streams (least recently used evicted), each holding only the events after its latest
 * snapshot (the aggregate's snapshot trigger bounds those). Everything else passes through to the delegate.
 */
public final class CachingEventLog implements EventLog {

    /** What is cached of one stream: its latest snapshot (if any) and its stored events from {@code first} on. */
    private record Entry(StoredEvent snapshot, boolean snapshotKnown, long first, List<StoredEvent> events) {

        /** The next sequence number the stream would get, as far as the cache knows. */
        long next() {
            return events.isEmpty() ? first : events.get(events.size() - 1).sequence() + 1;
        }

        StoredEvent last() {
            return events.isEmpty() ? null : events.get(events.size() - 1);
        }
    }

    /**
     * A command's attempt on one thread: the streams it loaded from the cache without asking the store, each with the
     * sequence it would have continued from. Only the thread that began it uses it.
     */
    public static final class Attempt {
        private final Map<String, Long> unconfirmed = new LinkedHashMap<>();

        private Attempt() {}
    }

    /** The attempt this thread handles now, if any ({@link #trust()}). */
    private static final ThreadLocal<Attempt> ATTEMPT = new ThreadLocal<>();

    /** The stream this thread has just read to its end, and where: the follow-up read from there needs no round trip. */
    private static final ThreadLocal<Object[]> JUST_READ = new ThreadLocal<>();

    private final EventLog delegate;
    private final int maxStreams;
    private final Map<String, Entry> streams;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public CachingEventLog(EventLog delegate, int maxStreams) {
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams must be at least 1");
        }
        this.delegate = delegate;
        this.maxStreams = maxStreams;
        this.streams = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CachingEventLog.Entry> eldest) {
                return size() > CachingEventLog.this.maxStreams;
            }
        };
    }

    /** The log this cache reads through to. */
    public EventLog delegate() {
        return delegate;
    }

    private Entry get(String aggregateId) {
        synchronized (streams) {
            return streams.get(aggregateId);
        }
    }

    private void put(String aggregateId, Entry entry) {
        synchronized (streams) {
            streams.put(aggregateId, entry);
        }
    }

    /** Forgets a stream (e.g. after a conflict). */
    public void evict(String aggregateId) {
        synchronized (streams) {
            streams.remove(aggregateId);
        }
    }

    /**
     * Begins a command's attempt on this thread: from now on a load served from the cache does not ask the store
     * first; {@link #confirm} must end it on this thread once the command is decided (see the class comment).
     */
    public Attempt trust() {
        Attempt attempt = new Attempt();
        ATTEMPT.set(attempt);
        return attempt;
    }

    /**
     * Ends the attempt: whether every stream it loaded from the cache, and did not append to, still ends where the
     * cache had it (one point lookup each). A stream with a newer commit is evicted, and the answer is false: the
     * command was decided on a stale stream, stored nothing for it, and is to be handled again.
     */
    public boolean confirm(Attempt attempt) {
        if (ATTEMPT.get() == attempt) {
            ATTEMPT.remove();
        }
        boolean current = true;
        for (Map.Entry<String, Long> loaded : attempt.unconfirmed.entrySet()) {
            current &= isCurrent(loaded.getKey(), loaded.getValue());
        }
        attempt.unconfirmed.clear();
        return current;
    }

    /**
     * Whether the stream has no commit at {@code next} that this cache did not append; evicts it if it has. A
     * stream this cache has appended to since (its cached end moved past {@code next}) was decided by that append.
     */
    private boolean isCurrent(String aggregateId, long next) {
        Entry entry = get(aggregateId);
        if (entry != null && entry.next() > next) {
            return true;
        }
        // next is right after a cached commit: a commit boundary, so this is one point read
        if (delegate.readStreamAfterCommit(aggregateId, next).isEmpty()) {
            return true;
        }
        evict(aggregateId);
        return false;
    }

    /** Loads served from the cache, and loads read from the store, since start. */
    public long[] hitsAndMisses() {
        return new long[] {hits.get(), misses.get()};
    }

    @Override
    public List<StoredEvent> append(List<StoredEvent> events) {
        if (events.isEmpty() || !events.get(0).hasAggregate()) {
            return delegate.append(events);
        }
        String aggregateId = events.get(0).aggregateId();
        Attempt attempt = ATTEMPT.get();
        if (attempt != null) {
            // this append decides its own stream; the attempt's other streams are confirmed before it stores anything
            attempt.unconfirmed.remove(aggregateId);
            for (Map.Entry<String, Long> other : attempt.unconfirmed.entrySet()) {
                if (!isCurrent(other.getKey(), other.getValue())) {
                    throw new StreamConflictException(other.getKey(), other.getValue());
                }
            }
            attempt.unconfirmed.clear();
        }
        Entry entry = get(aggregateId);
        JUST_READ.remove();
        List<StoredEvent> stored;
        try {
            StoredEvent last = entry == null ? null : entry.last();
            stored = last != null && last.sequence() == events.get(0).sequence() - 1
                    ? delegate.appendAfter(last, events)
                    : delegate.append(events);
        } catch (StreamConflictException e) {
            evict(aggregateId);
            throw e;
        } catch (RuntimeException e) {
            evict(aggregateId); // unknown outcome: read the stream from the store next time
            throw e;
        }
        if (entry != null && entry.next() == events.get(0).sequence()) {
            List<StoredEvent> extended = new ArrayList<>(entry.events().size() + stored.size());
            extended.addAll(entry.events());
            extended.addAll(stored);
            put(aggregateId, new Entry(entry.snapshot(), entry.snapshotKnown(), entry.first(), extended));
        } else if (entry == null && events.get(0).sequence() == 0) {
            put(aggregateId, new Entry(null, true, 0, List.copyOf(stored))); // a new stream: all of it is known
        } else {
            evict(aggregateId);
        }
        return stored;
    }

    @Override
    public List<StoredEvent> readStream(String aggregateId, long fromSequence, int max) {
        Object[] justRead = JUST_READ.get();
        JUST_READ.remove();
        Entry entry = get(aggregateId);
        if (entry != null && fromSequence >= entry.first()) {
            long next = entry.next();
            if (fromSequence >= next
                    && justRead != null
                    && aggregateId.equals(justRead[0])
                    && ((Long) justRead[1]) == next) {
                return List.of(); // the follow-up read of a load that has just checked the store
            }
            Attempt attempt = ATTEMPT.get();
            List<StoredEvent> newer;
            if (attempt != null && !entry.events().isEmpty()) {
                // confirmed when decided, unless the attempt appends to it (an entry without events is only a
                // snapshot read: it knows nothing of the stream's end, so that is read below)
                attempt.unconfirmed.putIfAbsent(aggregateId, next);
                newer = List.of();
            } else {
                // one point lookup (usually empty): what other writers committed after the cached end
                newer = entry.events().isEmpty()
                        ? delegate.readStream(aggregateId, next, Integer.MAX_VALUE)
                        : delegate.readStreamAfterCommit(aggregateId, next);
            }
            if (!newer.isEmpty()) {
                if (newer.get(0).sequence() != next) {
                    evict(aggregateId);
                    misses.incrementAndGet();
                    return load(aggregateId, fromSequence);
                }
                List<StoredEvent> extended = new ArrayList<>(entry.events().size() + newer.size());
                extended.addAll(entry.events());
                extended.addAll(newer);
                entry = new Entry(entry.snapshot(), entry.snapshotKnown(), entry.first(), extended);
                put(aggregateId, entry);
            }
            hits.incrementAndGet();
            JUST_READ.set(new Object[] {aggregateId, entry.next()});
            List<StoredEvent> result = new ArrayList<>();
            for (StoredEvent e : entry.events()) {
                if (e.sequence() >= fromSequence) {
                    result.add(e);
                }
            }
            return result;
        }
        misses.incrementAndGet();
        return load(aggregateId, fromSequence);
    }

    /** Reads the stream from the store to its end, and caches it from {@code fromSequence} on. */
    private List<StoredEvent> load(String aggregateId, long fromSequence) {
        List<StoredEvent> events = delegate.readStream(aggregateId, fromSequence, Integer.MAX_VALUE);
        Entry old = get(aggregateId);
        boolean startsAtBoundary = events.isEmpty() || events.get(0).sequence() == fromSequence;
        if (startsAtBoundary) {
            Entry entry = new Entry(
                    old == null ? null : old.snapshot(),
                    old != null && old.snapshotKnown(),
                    fromSequence,
                    List.copyOf(events));
            put(aggregateId, entry);
            JUST_READ.set(new Object[] {aggregateId, entry.next()});
        }
        return events;
    }

    @Override
    public OptionalLong lastSequence(String aggregateId) {
        return delegate.lastSequence(aggregateId);
    }

    @Override
    public List<TrackedEvent> readAfter(LogPosition after, int max) {
        return delegate.readAfter(after, max);
    }

    @Override
    public LogPosition head() {
        return delegate.head();
    }

    @Override
    public LogPosition positionAt(Instant instant) {
        return delegate.positionAt(instant);
    }

    /**
     * Stores the snapshot, and keeps it as the cached one; the cached events it covers are dropped (a load reads only
     * the events after the snapshot).
     */
    @Override
    public void storeSnapshot(StoredEvent snapshot) {
        delegate.storeSnapshot(snapshot);
        if (!snapshot.hasAggregate()) {
            return;
        }
        synchronized (streams) {
            Entry entry = streams.get(snapshot.aggregateId());
            if (entry == null) {
                return;
            }
            if (entry.snapshot() != null && entry.snapshot().sequence() >= snapshot.sequence()) {
                return;
            }
            List<StoredEvent> after = new ArrayList<>();
            for (StoredEvent e : entry.events()) {
                if (e.sequence() > snapshot.sequence()) {
                    after.add(e);
                }
            }
            // keep the last covered event too: it is the predecessor the next append continues from
            StoredEvent last = entry.last();
            long first = snapshot.sequence() + 1;
            if (after.isEmpty() && last != null && last.sequence() == snapshot.sequence()) {
                after.add(last);
                first = last.sequence();
            }
            if (entry.first() > first) {
                return; // the cache does not reach back to the snapshot: keep what it has
            }
            streams.put(snapshot.aggregateId(), new Entry(snapshot, true, first, after));
        }
    }

    /**
     * The cached snapshot when this cache knows the stream's latest snapshot (it read it, or stored it); otherwise
     * read from the store. A snapshot another writer stored meanwhile is only an older starting point for this cache:
     * the events after the cached one are still read, so the state loaded is the same.
     */
    @Override
    public Optional<StoredEvent> latestSnapshot(String aggregateId) {
        JUST_READ.remove(); // a load starts here: its reads check the store again
        Entry entry = get(aggregateId);
        if (entry != null && entry.snapshotKnown()) {
            return Optional.ofNullable(entry.snapshot());
        }
        Optional<StoredEvent> snapshot = delegate.latestSnapshot(aggregateId);
        synchronized (streams) {
            Entry current = streams.get(aggregateId);
            if (current != null
                    && snapshot.map(s -> s.sequence() + 1 >= current.first()).orElse(current.first() == 0)) {
                streams.put(aggregateId, new Entry(snapshot.orElse(null), true, current.first(), current.events()));
            } else if (current == null) {
                streams.put(
                        aggregateId,
                        new Entry(
                                snapshot.orElse(null),
                                true,
                                snapshot.map(s -> s.sequence() + 1).orElse(0L),
                                List.of()));
            }
        }
        return snapshot;
    }
}
