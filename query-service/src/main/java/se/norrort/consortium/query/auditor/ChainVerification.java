package se.norrort.consortium.query.auditor;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.eventstore.chain.SealVerifier;
import se.norrort.consortium.eventstore.mongo.CommitChainVerifier;
import se.norrort.consortium.eventstore.mongo.CommitChainVerifier.Outcome;
import se.norrort.consortium.eventstore.mongo.StoredCommits;

/**
 * Recomputes an application's hash chain over every commit stored for it.
 * <p>
 * Unlike the event log's own walk (a point lookup on {@code (a, f)} per commit, which stops at the first missing
 * sequence number), this reads <em>all</em> commit documents of the application from the {@code events} collection
 * with a query on the aggregate ({@code a}) sorted by first sequence ({@code f}), so a commit deleted in the middle
 * shows up as a sequence hole, and a commit inserted after a hole is still read. On a MongoDB replica set the query
 * is served by the unique {@code (a, f)} index; the embedded server scans the collection for it, which is acceptable
 * for this occasional auditor action (and documented in {@code doc/auditor.md}). The commits are streamed with the
 * reactive driver and fed to {@link CommitChainVerifier} (the rules the archive export shares), so memory stays
 * constant; the read stops at the first broken link. Every commit must carry a valid seal of the command-service
 * ({@link SealVerifier}), so events appended outside it with recomputed hashes are the broken link.
 */
@Component
public class ChainVerification {

    private static final int BATCH = 100;

    private final MongoCollection<Document> events;
    private final SealVerifier seals;

    /** @param seals every commit must carry a seal it accepts */
    public ChainVerification(MongoDatabase viewDatabase, SealVerifier seals) {
        this.events = viewDatabase.getCollection(StoredCommits.COLLECTION);
        this.seals = seals;
    }

    /** Verifies the whole stored chain of the application. */
    public Mono<Outcome> verify(String applicationId) {
        return verify(applicationId, -1);
    }

    /** Verifies the whole stored chain and also notes the hash after {@code checkpointCount} events. */
    public Mono<Outcome> verify(String applicationId, long checkpointCount) {
        return Mono.defer(() -> {
            CommitChainVerifier verifier = new CommitChainVerifier(checkpointCount, seals);
            return Flux.from(events.find(StoredCommits.ofStream(applicationId))
                            .sort(StoredCommits.streamOrder())
                            .batchSize(BATCH))
                    .takeUntil(commit -> {
                        verifier.accept(commit);
                        return verifier.broken();
                    })
                    .then(Mono.fromSupplier(verifier::outcome));
        });
    }
}
