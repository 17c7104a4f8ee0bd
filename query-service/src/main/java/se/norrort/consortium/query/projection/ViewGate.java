package se.norrort.consortium.query.projection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Lets a view's live writers through, or holds them all while a rebuild swaps the view's
 * collections.
 * <p>
 * A projection handles each event {@link #pass inside the gate}: any number of its processor's threads (segments)
 * and operator retries of dead letters pass at once. A rebuild takes the gate {@link #exclusively}: it waits for the
 * events being handled to finish, and events that arrive meanwhile wait at the gate (their processor thread blocks)
 * until the rebuilt collections are in place; then they are applied to those. So no event is written to a collection
 * that is about to be replaced, and nothing writes a view's collections while the rebuild catches up for the last
 * time and renames them.
 * <p>
 * The gate is fair (a waiting rebuild is not starved by a stream of events) and local to this instance: with several
 * query-service instances that split a processor's segments, the others' writers are not held (see
 * {@link ProjectionRebuilder}).
 */
@Component
public class ViewGate {

    private final Map<String, ReentrantReadWriteLock> locks = new ConcurrentHashMap<>();

    /** How long a projection waits for one write of its view before its processor gives up on the event. */
    public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Runs one live write of the view on the calling (processor) thread: waits while a rebuild has the gate, then for
     * the write itself, at most {@link #WRITE_TIMEOUT}.
     */
    public void write(String view, Supplier<? extends Mono<?>> write) {
        pass(view, () -> write.get().block(WRITE_TIMEOUT));
    }

    /** Runs one live write of the view, waiting while a rebuild has the gate. */
    public void pass(String view, Runnable write) {
        ReentrantReadWriteLock.ReadLock lock = lock(view).readLock();
        lock.lock();
        try {
            write.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Enters the gate for a batch of live writes that spans several calls on the calling thread (waiting while a
     * rebuild has it); the answer leaves it again and must be run on the same thread.
     */
    public Runnable enter(String view) {
        ReentrantReadWriteLock.ReadLock lock = lock(view).readLock();
        lock.lock();
        return lock::unlock;
    }

    /** Runs {@code work} while no live write of the view runs; writes that arrive meanwhile wait for it. */
    public <T> T exclusively(String view, Supplier<T> work) {
        ReentrantReadWriteLock.WriteLock lock = lock(view).writeLock();
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a rebuild holds the view's gate now. */
    public boolean closed(String view) {
        return lock(view).isWriteLocked();
    }

    private ReentrantReadWriteLock lock(String view) {
        return locks.computeIfAbsent(view, v -> new ReentrantReadWriteLock(true));
    }
}
