package se.norrort.consortium.query.support;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import reactor.core.publisher.Mono;

import java.util.Optional;

/** The two view-document operations every projection and view endpoint uses, both by {@code _id}. */
public final class ViewStore {

    private ViewStore() {
    }

    /** The document with this id, or an empty {@link Optional} (never an empty {@link Mono}). */
    public static Mono<Optional<Document>> byId(MongoCollection<Document> collection, String id) {
        return Mono.from(collection.find(Filters.eq("_id", id)).first())
                   .map(Optional::of)
                   .defaultIfEmpty(Optional.empty());
    }

    /** Stores the document under this id, replacing any earlier one. */
    public static Mono<Void> upsert(MongoCollection<Document> collection, String id, Document document) {
        return Mono.from(collection.replaceOne(Filters.eq("_id", id), document, new ReplaceOptions().upsert(true)))
                   .then();
    }
}
