package se.norrort.consortium.query.projection;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Mono;

/** The two view-document operations every projection and view endpoint uses, both by {@code _id}. */
public final class ViewStore {

    private ViewStore() {}

    /**
     * Reads of a view for serving it leave its {@link Provenance} out: no answer shows it, and it is several times
     * the size of the view.
     */
    public static final Bson SERVED = Projections.exclude(Provenance.FIELD);

    /** The document with this id, provenance included, or an empty {@link Optional} (never an empty {@link Mono}). */
    public static Mono<Optional<Document>> byId(MongoCollection<Document> collection, String id) {
        return read(collection, id, true);
    }

    /**
     * The document with this id, for serving: without its provenance unless {@code withProvenance}; an empty
     * {@link Optional} when there is none.
     */
    public static Mono<Optional<Document>> read(
            MongoCollection<Document> collection, String id, boolean withProvenance) {
        var find = collection.find(Filters.eq("_id", id));
        return Mono.from((withProvenance ? find : find.projection(SERVED)).first())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
    }

    /** Stores the document under this id, replacing any earlier one. */
    public static Mono<Void> upsert(MongoCollection<Document> collection, String id, Document document) {
        return Mono.from(collection.replaceOne(Filters.eq("_id", id), document, new ReplaceOptions().upsert(true)))
                .then();
    }
}
