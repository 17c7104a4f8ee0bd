package se.norrort.consortium.query.audittrail;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.query.projection.ViewFields;
import se.norrort.consortium.query.projection.ViewStore;

/**
 * The audit trail's reads, for its endpoints: an application's header ({@value AuditTrailProjection#HEADERS}) and its
 * entries ({@value AuditTrailProjection#COLLECTION}), as stored.
 * <p>
 * Entries are read by {@code _id $in [...]}: the ids follow from the application id and the sequences wanted, and
 * the header says how many entries there are, so no read scans the collection, not even on the embedded MongoDB
 * server.
 */
@Component
public class AuditTrailReads {

    /** Entries per read when the whole trail is read. */
    static final int BATCH = 100;

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> headers;

    public AuditTrailReads(MongoDatabase viewDatabase) {
        this.entries = viewDatabase.getCollection(AuditTrailProjection.COLLECTION);
        this.headers = viewDatabase.getCollection(AuditTrailProjection.HEADERS);
    }

    /**
     * The application's header, without its provenance unless {@code withProvenance}; an empty {@link Optional} when
     * the trail knows no such application.
     */
    public Mono<Optional<Document>> header(String applicationId, boolean withProvenance) {
        return ViewStore.read(headers, applicationId, withProvenance);
    }

    /**
     * Page {@code page} (from 0) of {@code size} entries of the application's trail of {@code count} entries (the
     * header's count), in event order.
     */
    public Flux<Document> page(String applicationId, long count, int page, int size) {
        return read(AuditTrailView.pageIds(applicationId, count, page, size));
    }

    /**
     * Every entry of the application's trail in event order, as many as its header counts when it is read, read
     * {@value #BATCH} at a time as the subscriber asks; nothing when there is no header.
     */
    public Flux<Document> all(String applicationId) {
        return header(applicationId, false).flatMap(Mono::justOrEmpty).flatMapMany(header -> {
            long count = ViewFields.longOf(header, "count");
            int batches = (int) ((count + BATCH - 1) / BATCH);
            return Flux.range(0, batches).concatMap(b -> page(applicationId, count, b, BATCH));
        });
    }

    /** The entries with the given ids, in event order. */
    private Flux<Document> read(List<String> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return Flux.from(entries.find(Filters.in("_id", ids)))
                .collectSortedList(Comparator.comparingLong(e -> ViewFields.longOf(e, "sequence")))
                .flatMapIterable(list -> list);
    }
}
