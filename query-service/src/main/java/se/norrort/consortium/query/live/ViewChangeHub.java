package se.norrort.consortium.query.live;

import org.bson.Document;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Changes of views as this query-service instance writes them, for live streams. Projections publish after their
 * write is stored; subscribers see each later change of the view they follow.
 * <p>
 * Views are state, so a slow subscriber gets the latest state rather than a growing buffer of old ones; a
 * subscriber that disconnects is dropped from the sink by cancellation.
 * <p>
 * Scope: every instance. Changes this instance's processors make go out in-process at once and, while another
 * query-service instance is alive, are shared through MongoDB ({@link StoreChangeFeed}); changes other instances made
 * (their processor segments) arrive from there within {@code norrort.live.poll-interval}. With {@code norrort.live.feed=local} only this instance's changes are seen
 * (one query-service instance).
 */
@Component
public class ViewChangeHub implements SmartLifecycle {

    /** One stored change of a view document. */
    public record Change(String view, String key, long position, Document document) {}

    private static final java.time.Duration EMIT_RETRY = java.time.Duration.ofSeconds(1);

    private final Sinks.Many<Change> sink = Sinks.many().multicast().directBestEffort();
    private final StoreChangeFeed feed;

    /** Changes of this instance only (tests, a single instance). */
    public ViewChangeHub() {
        this((StoreChangeFeed) null);
    }

    /** Changes of every instance, shared through {@code feed} ({@code null}: this instance only). */
    public ViewChangeHub(StoreChangeFeed feed) {
        this.feed = feed;
    }

    /** For Spring: shared through the store unless {@code norrort.live.feed=local}. */
    @org.springframework.beans.factory.annotation.Autowired
    public ViewChangeHub(org.springframework.beans.factory.ObjectProvider<StoreChangeFeed> feed) {
        this(feed.getIfAvailable());
    }

    /**
     * Publishes a stored change. Several processor threads publish at once; the sink is serialized, so a
     * concurrent emission retries briefly instead of being dropped.
     */
    public void published(String view, String key, long position, Document document) {
        Change change = new Change(view, key, position, document);
        emit(change);
        if (feed != null) {
            feed.record(change);
        }
    }

    private void emit(Change change) {
        sink.emitNext(change, Sinks.EmitFailureHandler.busyLooping(EMIT_RETRY));
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
        if (feed != null) {
            feed.start(this::emit, () -> sink.currentSubscriberCount() > 0);
        }
    }

    /**
     * Ends every live stream when the instance stops, before the web server's graceful shutdown waits for open
     * requests (this phase stops first): clients reconnect with {@code Last-Event-ID}, to another instance.
     */
    @Override
    public void stop() {
        running = false;
        if (feed != null) {
            feed.stop();
        }
        sink.emitComplete(Sinks.EmitFailureHandler.busyLooping(EMIT_RETRY));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /** Changes of one view document, from now on. */
    public Flux<Change> of(String view, String key) {
        return sink.asFlux()
                .filter(c -> c.view().equals(view) && c.key().equals(key))
                .onBackpressureLatest();
    }

    /** Changes of every document of one view, from now on. */
    public Flux<Change> of(String view) {
        return sink.asFlux().filter(c -> c.view().equals(view)).onBackpressureLatest();
    }
}
