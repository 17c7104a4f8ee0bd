package se.norrort.consortium.eventstore.mongo;

import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.chain.CommitSeal;

/**
 * The commit documents of the {@value #COLLECTION} collection as {@link MongoEventLog} stores them (layout in
 * {@code doc/event-store.md}), for readers that look at what is stored rather than through the log's own walk: the
 * chain verification ({@link CommitChainVerifier}) and the archive export read <em>every</em> commit of a stream with
 * {@link #ofStream} sorted by {@link #streamOrder}, so a commit deleted in the middle shows up as a hole instead of
 * ending the read.
 */
public final class StoredCommits {

    /** The collection holding the commits. */
    public static final String COLLECTION = "events";
    /** The commit's seal: the id of the key that signed it. */
    static final String SEAL_KEY_ID = "kid";
    /** The commit's seal: the signature ({@link CommitSeal#signature()}). */
    static final String SEAL_SIGNATURE = "sig";

    private StoredCommits() {}

    /**
     * The filter for every commit of a stream: plain equality on the aggregate ({@code a}), served by the unique
     * {@code (a, f)} index on MongoDB (the embedded server scans the collection for it).
     */
    public static Bson ofStream(String aggregateId) {
        return new Document("a", aggregateId);
    }

    /** Stream order: by the commit's first sequence number ({@code f}). */
    public static Bson streamOrder() {
        return Sorts.ascending("f");
    }

    /**
     * The events of one commit document, with their global positions (the commit's {@code _id} plus their index).
     *
     * @throws IllegalArgumentException when the document cannot be read as a commit of events
     */
    public static List<StoredEvent> eventsOf(Document commit) {
        if (!(commit.get("_id") instanceof Number id)) {
            throw new IllegalArgumentException("its _id is not a position");
        }
        long first = id.longValue();
        try {
            boolean aggregate = commit.getBoolean("agg", true);
            String aggregateId = aggregate ? commit.getString("a") : null;
            String aggregateType = commit.getString("t");
            List<Document> docs = commit.getList("e", Document.class);
            if (docs == null || docs.isEmpty()) {
                throw new IllegalArgumentException("it holds no events");
            }
            List<StoredEvent> result = new ArrayList<>(docs.size());
            for (int i = 0; i < docs.size(); i++) {
                Document d = docs.get(i);
                result.add(new StoredEvent(
                        first + i,
                        d.getString("id"),
                        aggregateType,
                        aggregateId,
                        ((Number) d.get("s")).longValue(),
                        Instant.parse(d.getString("ts")),
                        d.getString("pt"),
                        d.getString("pr"),
                        d.getString("p"),
                        d.getString("m")));
            }
            return result;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    /** The commit's seal, if it carries one ({@code kid} and {@code sig}, both strings). */
    public static Optional<CommitSeal> sealOf(Document commit) {
        Object keyId = commit.get(SEAL_KEY_ID);
        Object signature = commit.get(SEAL_SIGNATURE);
        return keyId instanceof String k && signature instanceof String s
                ? Optional.of(new CommitSeal(k, s))
                : Optional.empty();
    }

    /** The stream key ({@code a}) the commit is stored under, if it has one. */
    static Optional<String> streamOf(Document commit) {
        return commit.get("a") instanceof String a ? Optional.of(a) : Optional.empty();
    }
}
