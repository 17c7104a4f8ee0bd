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

    /** Events of one aggregate from {@code fromSequence} on, in stream order, at most about {@code max}. */
    List<StoredEvent> readStream(String aggregateId, long fromSequence, int max);

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
