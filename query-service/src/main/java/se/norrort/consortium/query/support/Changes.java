package se.norrort.consortium.query.support;

import org.bson.Document;
import se.norrort.consortium.query.live.ViewChanges;

/**
 * Publishes a stored change to {@link ViewChanges}, one publisher at a time.
 * <p>
 * {@code ViewChanges} emits into a Reactor {@code Sinks.many()} sink with {@code tryEmitNext}, which refuses an
 * emission made while another thread is emitting ({@code FAIL_NON_SERIALIZED}): the change is then silently lost for
 * live subscribers. Each processor publishes from its own thread, so the projections here hold the
 * {@code ViewChanges} instance's lock while publishing; that serializes them with one another and with any
 * publisher that locks the same instance (e.g. {@code ViewChanges.published} made {@code synchronized}).
 */
public final class Changes {

    private Changes() {}

    public static void publish(ViewChanges changes, String view, String key, long position, Document document) {
        synchronized (changes) {
            changes.published(view, key, position, document);
        }
    }
}
