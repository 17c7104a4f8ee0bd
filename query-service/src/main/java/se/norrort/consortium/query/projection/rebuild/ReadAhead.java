package se.norrort.consortium.query.projection.rebuild;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import se.norrort.consortium.query.projection.ReplayedEvent;

/**
 * Reads the log for a rebuild on a thread of its own, up to a bounded number of events ahead of the replay, and
 * deserializes each event there, so that the replay's thread only applies them while the store answers the next
 * read. The events come out in the log's order, each with its tracking token; a failure of the reading thread is
 * thrown by {@link #next} once the events read before it have been taken. {@link #close} stops the thread.
 */
final class ReadAhead implements Iterator<ReadAhead.Read>, AutoCloseable {

    /** One message of the log: its event (empty for a message that is no consortium event) and its token. */
    record Read(Optional<ReplayedEvent> event, TrackingToken token) {}

    private static final Object END = new Object();
    private static final long POLL_MILLIS = 100;

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean closed;
    private Object next;

    ReadAhead(Supplier<Stream<? extends TrackedEventMessage<?>>> source, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(() -> read(source), "view-rebuild-reader");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void read(Supplier<Stream<? extends TrackedEventMessage<?>>> source) {
        try (Stream<? extends TrackedEventMessage<?>> events = source.get()) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (!closed && iterator.hasNext()) {
                TrackedEventMessage<?> message = iterator.next();
                put(new Read(ReplayedEvent.of(message), message.trackingToken()));
            }
            put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            try {
                put(e);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for room in the queue; gives up once closed. */
    private void put(Object item) throws InterruptedException {
        while (!closed) {
            if (queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                while (next == null) {
                    next = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (next == null && !thread.isAlive() && queue.isEmpty()) {
                        throw new RebuildStopped("The rebuild's reader stopped without an end");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RebuildStopped("Interrupted while reading the log", e);
            }
        }
        if (next instanceof RuntimeException failure) {
            throw failure;
        }
        if (next instanceof Error failure) {
            throw failure;
        }
        return next != END;
    }

    @Override
    public Read next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Read read = (Read) next;
        next = null;
        return read;
    }

    @Override
    public void close() {
        closed = true;
    }
}
