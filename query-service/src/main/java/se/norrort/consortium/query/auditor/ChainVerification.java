package se.norrort.consortium.query.auditor;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.chain.HashChain;
import se.norrort.consortium.eventstore.chain.HashChain.BrokenLink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recomputes an application's hash chain over every commit stored for it.
 * <p>
 * Unlike the event log's own walk (a point lookup on {@code (a, f)} per commit, which stops at the first missing
 * sequence number), this reads <em>all</em> commit documents of the application from the {@code events} collection
 * with a query on the aggregate ({@code a}) sorted by first sequence ({@code f}), so a commit deleted in the middle
 * shows up as a sequence hole, and a commit inserted after a hole is still read. On a MongoDB replica set the query
 * is served by the unique {@code (a, f)} index; the embedded server scans the collection for it, which is acceptable
 * for this occasional auditor action (and documented in {@code doc/auditor.md}). The commits are streamed with the
 * reactive driver and folded through {@link HashChain.Verifier}, so memory stays constant; the read stops at the
 * first broken link.
 */
@Component
public class ChainVerification {

    static final String EVENTS = "events";
    private static final int BATCH = 100;

    private final MongoCollection<Document> events;

    public ChainVerification(MongoDatabase viewDatabase) {
        this.events = viewDatabase.getCollection(EVENTS);
    }

    /**
     * What verification found.
     *
     * @param events           how many events verified before the end or the first broken link
     * @param headHash         the chain hash of the last verified event ({@code ""} for none)
     * @param brokenAt         the first broken link, if any
     * @param hashAtCheckpoint the chain hash after the first {@code checkpointCount} events, if the chain reached
     *                         that far unbroken
     */
    public record Outcome(int events, String headHash, Optional<BrokenLink> brokenAt, Optional<String> hashAtCheckpoint) {

        public boolean ok() {
            return brokenAt.isEmpty();
        }
    }

    /** Verifies the whole stored chain of the application. */
    public Mono<Outcome> verify(String applicationId) {
        return verify(applicationId, -1);
    }

    /** Verifies the whole stored chain and also notes the hash after {@code checkpointCount} events. */
    public Mono<Outcome> verify(String applicationId, long checkpointCount) {
        return Mono.defer(() -> {
            HashChain.Verifier verifier = new HashChain.Verifier();
            String[] atCheckpoint = {checkpointCount == 0 ? HashChain.GENESIS : null};
            BrokenLink[] malformed = {null};
            return commits(applicationId)
                    .concatMapIterable(ChainVerification::itemsOf, 1)
                    .takeUntil(item -> {
                        if (item.malformed() != null) {
                            malformed[0] = new BrokenLink(verifier.count(), -1, item.position(), null,
                                                          item.malformed());
                            return true;
                        }
                        boolean broken = verifier.accept(item.event()).isPresent();
                        if (!broken && verifier.count() == checkpointCount) {
                            atCheckpoint[0] = verifier.head();
                        }
                        return broken;
                    })
                    .then(Mono.fromSupplier(() -> new Outcome(
                            verifier.count(), verifier.head(),
                            malformed[0] != null ? Optional.of(malformed[0]) : verifier.broken(),
                            Optional.ofNullable(atCheckpoint[0]))));
        });
    }

    /** Every commit document of the application, by first sequence number. */
    private Flux<Document> commits(String applicationId) {
        return Flux.from(events.find(new Document("a", applicationId))
                               .sort(Sorts.ascending("f"))
                               .batchSize(BATCH));
    }

    /** One event of a commit, or why the commit could not be read as events. */
    private record Item(StoredEvent event, long position, String malformed) {
    }

    /** The events of one commit document, with their global positions (the commit's {@code _id} + index). */
    private static List<Item> itemsOf(Document commit) {
        Object id = commit.get("_id");
        long first = id instanceof Number n ? n.longValue() : -1;
        try {
            String aggregateId = commit.getString("a");
            String aggregateType = commit.getString("t");
            List<Document> docs = commit.getList("e", Document.class);
            if (docs == null || docs.isEmpty()) {
                throw new IllegalArgumentException("it holds no events");
            }
            List<Item> items = new ArrayList<>(docs.size());
            for (int i = 0; i < docs.size(); i++) {
                Document d = docs.get(i);
                items.add(new Item(new StoredEvent(first + i, d.getString("id"), aggregateType, aggregateId,
                                                   ((Number) d.get("s")).longValue(),
                                                   Instant.parse(d.getString("ts")), d.getString("pt"),
                                                   d.getString("pr"), d.getString("p"), d.getString("m")),
                                   first + i, null));
            }
            return items;
        } catch (RuntimeException e) {
            return List.of(new Item(null, first, "the commit stored at position " + id
                    + " cannot be read as events (" + e.getMessage() + ")"));
        }
    }
}
