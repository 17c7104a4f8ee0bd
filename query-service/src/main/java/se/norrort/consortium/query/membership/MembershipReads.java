package se.norrort.consortium.query.membership;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import se.norrort.consortium.query.projection.ViewStore;

/**
 * The membership view's reads, for its endpoints: one application's stored document ({@value
 * MembershipProjection#COLLECTION}, by {@code _id}), as stored, so the endpoints serve it unchanged.
 */
@Component
public class MembershipReads {

    private final MongoCollection<Document> views;

    public MembershipReads(MongoDatabase viewDatabase) {
        this.views = viewDatabase.getCollection(MembershipProjection.COLLECTION);
    }

    /**
     * The application's document, without its provenance unless {@code withProvenance}; an empty {@link Optional}
     * when the view knows no such application.
     */
    public Mono<Optional<Document>> application(String applicationId, boolean withProvenance) {
        return ViewStore.read(views, applicationId, withProvenance);
    }

    /** The application's document for serving (no provenance), or an empty {@link Mono} when there is none. */
    public Mono<Document> served(String applicationId) {
        return application(applicationId, false).flatMap(Mono::justOrEmpty);
    }
}
