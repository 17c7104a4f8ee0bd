package se.norrort.consortium.query.api;

import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.axon.StoredEventReader;

/**
 * An application's history straight from the event store, for auditors: not a view that a projection keeps, but
 * the stored events themselves, read page by page with {@link EventLog#readStream} on
 * {@link Schedulers#boundedElastic()} (the port is blocking), so a history of any length is served in constant
 * memory. Payloads are read as the aggregate reads them ({@link StoredEventReader}): through the upcasters, then the
 * store's serializer, which maps the stored {@code @EventType} names (not class names) to the contract's records.
 */
@Component
public class StoredHistory {

    /** Events per read of the log (a page ends at a commit boundary, so it may hold a few more). */
    public static final int PAGE = 100;

    private final EventLog eventLog;
    private final StoredEventReader reader;

    public StoredHistory(EventLog eventLog, StoredEventReader reader) {
        this.eventLog = eventLog;
        this.reader = reader;
    }

    /** One stored event, its metadata and its payload as the contract's record (null if it cannot be read). */
    public record HistoryEvent(StoredEvent stored, Document metadata, ConsortiumEvent event, String unreadable) {

        /** A metadata value as text, or null. */
        public String meta(String key) {
            Object value = metadata.get(key);
            return value == null ? null : value.toString();
        }
    }

    /**
     * Every stored event of the application in stream order, as the log's commit-by-commit walk finds them. At most
     * one page is read ahead of what the subscriber requested.
     */
    public Flux<StoredEvent> stored(String applicationId) {
        return Flux.<List<StoredEvent>, Long>generate(() -> 0L, (next, sink) -> {
                    List<StoredEvent> page = eventLog.readStream(applicationId, next, PAGE);
                    if (page.isEmpty()) {
                        sink.complete();
                        return next;
                    }
                    sink.next(page);
                    return page.get(page.size() - 1).sequence() + 1;
                })
                // requests travel to the worker too, so every blocking read runs there, never on an event loop
                .subscribeOn(Schedulers.boundedElastic())
                .concatMapIterable(page -> page, 1);
    }

    /** Every stored event of the application in stream order, read. */
    public Flux<HistoryEvent> events(String applicationId) {
        return stored(applicationId).map(this::read);
    }

    /** Reads one stored event: metadata as JSON, payload upcast and deserialized. */
    public HistoryEvent read(StoredEvent stored) {
        Document metadata;
        try {
            metadata = Document.parse(stored.metadata());
        } catch (RuntimeException e) {
            metadata = new Document();
        }
        StoredEventReader.Read read = reader.read(stored);
        return new HistoryEvent(stored, metadata, read.event(), read.unreadable());
    }
}
