package se.norrort.consortium.query;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event stream the query-service's processors read, waking them as soon as the event store has new events.
 * <p>
 * Axon's pooled processor looks at its stream every 500 ms when caught up, unless the stream can tell it when events
 * are available ({@link BlockingStream#setOnAvailableCallback}); the embedded event store's streams cannot. This
 * source wraps the event store's streams and can: one thread of its own follows the store's head with a stream of
 * its own and, whenever events arrive, calls back every processor, which then reads them from its stream at once.
 * <p>
 * Cost: the event store's shared producer reads the store for all these streams at once (one read of the position
 * counter every fetch delay while nothing is new, see {@code ProcessingConfiguration}); the follower and the
 * processors' caught-up streams read from the producer's cache in memory, not from the store. Events committed by
 * another JVM (the command-service) are seen at the next fetch.
 */
public class WakingEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WakingEventSource.class);

    private final EventStore eventStore;
    private final Set<Runnable> callbacks = new CopyOnWriteArraySet<>();
    private final AtomicLong wakes = new AtomicLong();
    private final Thread follower;
    private volatile boolean closed;

    public WakingEventSource(EventStore eventStore) {
        this.eventStore = eventStore;
        this.follower = new Thread(this::follow, "event-wake");
        this.follower.setDaemon(true);
        this.follower.start();
    }

    /** How often the processors were woken, for tests and metrics. */
    public long wakes() {
        return wakes.get();
    }

    private void follow() {
        while (!closed) {
            try (BlockingStream<TrackedEventMessage<?>> head = eventStore.openStream(eventStore.createHeadToken())) {
                while (!closed) {
                    if (head.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        while (head.hasNextAvailable()) {
                            head.nextAvailable();
                        }
                        wakes.incrementAndGet();
                        callbacks.forEach(Runnable::run);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                // The processors still look at their streams on their own (at least every few seconds).
                log.warn("Following the event store's head failed; following again in 1 s: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new WakingStream(eventStore.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return eventStore.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return eventStore.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return eventStore.createTokenAt(dateTime);
    }

    @Override
    public void close() {
        closed = true;
        follower.interrupt();
    }

    /** A processor's stream: the event store's, plus a wake-up call when events arrive. */
    private final class WakingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Runnable callback;

        WakingStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                callbacks.remove(registered);
            }
            delegate.close();
        }

        @Override
        public Stream<TrackedEventMessage<?>> asStream() {
            return delegate.asStream();
        }
    }
}
