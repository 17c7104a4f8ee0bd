package se.norrort.consortium.eventstore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The project's own port to event storage: a global, gap-aware, append-only log of per-aggregate streams.
 * <p>
 * Axon's storage engine ({@link se.norrort.consortium.eventstore.axon.EventLogStorageEngine}) is an adapter on top
 * of this port, so the storage can be swapped without touching Axon configuration, and Axon can be swapped without
 * touching the storage. Every implementation must pass the conformance suite ({@code EventLogConformanceSuite}).
 */
public interface EventLog {

    /**
     * Appends events atomically: either all of them are stored, or none.
     *
     * @param events events of one aggregate with consecutive sequence numbers (or a single event of no aggregate)
     * @return the events as stored, with their global positions
     * @throws StreamConflictException when the stream already has an event at the first sequence number
     */
    List<StoredEvent> append(List<StoredEvent> events);

    /**
     * As {@link #append(List)}, for a caller that already holds the stream's last stored event (the last event of a
     * stored commit, as read from this log): an implementation may use it instead of looking the predecessor up. The
     * append is still refused with {@link StreamConflictException} when the stream has moved on.
     *
     * @param predecessor the stored event at the sequence number just before the first of {@code events}
     */
    default List<StoredEvent> appendAfter(StoredEvent predecessor, List<StoredEvent> events) {
        return append(events);
    }

    /** Events of one aggregate from {@code fromSequence} on, in stream order, at most about {@code max}. */
    List<StoredEvent> readStream(String aggregateId, long fromSequence, int max);

    /**
     * As {@link #readStream}, reading to the stream's end, for a caller that knows {@code nextSequence} follows the end
     * of a stored commit (it holds the stream up to there): an implementation may then skip looking for a commit that
     * straddles it.
     */
    default List<StoredEvent> readStreamAfterCommit(String aggregateId, long nextSequence) {
        return readStream(aggregateId, nextSequence, Integer.MAX_VALUE);
    }

    /** The last sequence number of the aggregate's stream, if it has any events. */
    OptionalLong lastSequence(String aggregateId);

    /**
     * The next committed events after {@code after}, in global order: first any that filled one of its gaps, then the
     * ones beyond its index. Returns an empty list when nothing new is committed yet.
     */
    List<TrackedEvent> readAfter(LogPosition after, int max);

    /** A position from which a reader sees only events committed from now on (with in-flight writes as gaps). */
    LogPosition head();

    /** A position from which a reader sees the events stored at or after the given instant. */
    LogPosition positionAt(Instant instant);

    /** Stores the snapshot as the aggregate's latest if it is newer than the one stored. */
    void storeSnapshot(StoredEvent snapshot);

    /** The aggregate's latest snapshot. */
    Optional<StoredEvent> latestSnapshot(String aggregateId);
}
