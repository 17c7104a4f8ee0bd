package se.norrort.consortium.command.web.idempotency;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;

/**
 * Remembers requests sent with an {@code Idempotency-Key} (collection {@code idempotency_keys}, keyed by actor and
 * key) and the answer they got, so that a retry gets the same answer instead of deciding twice. Blocking driver:
 * call it off request threads.
 */
@Component
public class IdempotencyStore {

    /** A request still being handled is taken over by a retry after this long (its client gave up or crashed). */
    static final Duration STALE_PENDING = Duration.ofMinutes(2);

    private final MongoCollection<Document> keys;
    private final Clock clock;

    public IdempotencyStore(MongoDatabase norrortDatabase, Clock clock) {
        this.keys = norrortDatabase.getCollection("idempotency_keys");
        this.clock = clock;
    }

    /** The stored answer of a completed request. */
    public record StoredResponse(int status, Map<String, String> headers, byte[] body) {}

    /** What to do with a request. */
    public sealed interface Outcome permits Proceed, Replay, Mismatch, InProgress {}

    /** First time (or a stale attempt): handle the request and complete it. */
    public record Proceed() implements Outcome {}

    /** Answered before with the same request: answer the same. */
    public record Replay(StoredResponse response) implements Outcome {}

    /** The key was used for a different request. */
    public record Mismatch() implements Outcome {}

    /** The same request is being handled right now. */
    public record InProgress() implements Outcome {}

    public Outcome begin(String scope, String fingerprint) {
        Instant now = clock.instant();
        try {
            keys.insertOne(new Document("_id", scope)
                    .append("fingerprint", fingerprint)
                    .append("state", "PENDING")
                    .append("createdAt", Date.from(now)));
            return new Proceed();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document existing = keys.find(Filters.eq("_id", scope)).first();
        if (existing == null) {
            return begin(scope, fingerprint); // abandoned between insert and read: try again
        }
        if (!fingerprint.equals(existing.getString("fingerprint"))) {
            return new Mismatch();
        }
        if ("DONE".equals(existing.getString("state"))) {
            Document headers = existing.get("headers", Document.class);
            Map<String, String> headerMap = new java.util.LinkedHashMap<>();
            headers.forEach((k, v) -> headerMap.put(k, (String) v));
            return new Replay(new StoredResponse(
                    existing.getInteger("status"),
                    headerMap,
                    existing.get("body", Binary.class).getData()));
        }
        Date created = existing.getDate("createdAt");
        if (created.toInstant().isBefore(now.minus(STALE_PENDING))) {
            Document taken = keys.findOneAndUpdate(
                    new Document("_id", scope).append("state", "PENDING").append("createdAt", created),
                    Updates.set("createdAt", Date.from(now)));
            if (taken != null) {
                return new Proceed();
            }
        }
        return new InProgress();
    }

    public void complete(String scope, StoredResponse response) {
        Document headers = new Document();
        response.headers().forEach(headers::append);
        keys.updateOne(
                Filters.eq("_id", scope),
                Updates.combine(
                        Updates.set("state", "DONE"),
                        Updates.set("status", response.status()),
                        Updates.set("headers", headers),
                        Updates.set("body", new Binary(response.body())),
                        Updates.set("completedAt", Date.from(clock.instant()))));
    }

    /** The request failed for a reason a retry may not meet again (e.g. 5xx): forget it. */
    public void abandon(String scope) {
        keys.deleteOne(Filters.eq("_id", scope));
    }
}
