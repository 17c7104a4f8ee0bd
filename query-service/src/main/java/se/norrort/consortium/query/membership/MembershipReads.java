package se.norrort.consortium.query.membership;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import se.norrort.consortium.query.projection.ViewStore;
import se.norrort.consortium.query.security.CheckedDocuments;

/**
 * The membership view's reads, for its endpoints and its read rule: one application's stored document ({@value
 * MembershipProjection#COLLECTION}, by {@code _id}), as stored, so the endpoints serve it unchanged; or only what the
 * read rule checks.
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

    /**
     * The application's document for the membership endpoint (no provenance): the one this request's read rule
     * checked, when it kept it ({@link CheckedDocuments}, the same fields as read here), else read. Each
     * subscription after the first reads again.
     */
    public Mono<Optional<Document>> answered(String applicationId) {
        return CheckedDocuments.take(MembershipProjection.VIEW, applicationId)
                .map(Optional::of)
                .switchIfEmpty(Mono.defer(() -> application(applicationId, false)));
    }

    /** The application's document for serving (no provenance), or an empty {@link Mono} when there is none. */
    public Mono<Document> served(String applicationId) {
        return application(applicationId, false).flatMap(Mono::justOrEmpty);
    }

    /**
     * Only the application's member codes ({@code members[].code}) and {@code position}, what {@link
     * MembershipReadRule} checks; an empty {@link Mono} when there is none. Each subscription reads again.
     */
    public Mono<Document> members(String applicationId) {
        return Mono.from(views.find(Filters.eq("_id", applicationId))
                .projection(Projections.include("members.code", "position"))
                .first());
    }
}
