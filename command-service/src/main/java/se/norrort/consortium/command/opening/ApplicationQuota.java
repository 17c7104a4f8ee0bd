package se.norrort.consortium.command.opening;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.command.web.ApiProblem;

/**
 * At most {@code norrort.quotas.applications-per-owner} applications (100 by default) opened by one owner
 * municipality. Every invited municipality's view document copies every application it is invited to, so this,
 * with the length caps on every text, bounds that document far below MongoDB's 16 MB limit (doc/security.md).
 * <p>
 * Collection {@code application_quota}: one document per owner with the ids it opened. An id is reserved before the
 * open is sent (conditional update: only while fewer than the quota are reserved; a full owner's upsert meets its own
 * {@code _id} and fails as a duplicate), and released again if the open is refused for any reason other than the id
 * existing already. Blocking driver, called on {@code boundedElastic}.
 */
@Component
public class ApplicationQuota {

    private final MongoCollection<Document> owners;
    private final int perOwner;

    public ApplicationQuota(
            MongoDatabase norrortDatabase, @Value("${norrort.quotas.applications-per-owner:100}") int perOwner) {
        this.owners = norrortDatabase.getCollection("application_quota");
        this.perOwner = perOwner;
    }

    /**
     * Reserves {@code applicationId} for {@code owner}; an {@link ApiProblem} 409 APPLICATION_LIMIT_REACHED when it is
     * full.
     */
    public Mono<Void> reserve(String owner, String applicationId) {
        return Mono.<Void>fromRunnable(() -> {
                    Document full =
                            new Document("_id", owner).append("ids." + (perOwner - 1), new Document("$exists", false));
                    try {
                        owners.updateOne(
                                full.append("ids", new Document("$ne", applicationId)),
                                Updates.push("ids", applicationId),
                                new UpdateOptions().upsert(true));
                    } catch (MongoWriteException e) {
                        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                            throw e;
                        }
                        Document existing =
                                owners.find(new Document("_id", owner)).first();
                        if (existing != null
                                && existing.getList("ids", String.class).contains(applicationId)) {
                            return; // reserved before (a retry): counts once
                        }
                        throw ApiProblem.refusal(
                                ErrorCode.APPLICATION_LIMIT_REACHED,
                                "The municipality has opened " + perOwner + " applications, the most allowed;"
                                        + " nothing was stored.");
                    }
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Releases a reservation whose open was refused. */
    public Mono<Void> release(String owner, String applicationId) {
        return Mono.<Void>fromRunnable(
                        () -> owners.updateOne(new Document("_id", owner), Updates.pull("ids", applicationId)))
                .subscribeOn(Schedulers.boundedElastic());
    }
}
