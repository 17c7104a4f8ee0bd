package se.norrort.consortium.eventstore.metrics;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Counts the wire commands a MongoDB client sends, by command name and collection ({@code "find events"},
 * {@code "insert events"}, ...), so that a benchmark can state how many store operations a request costs. Registered
 * on the service's {@code MongoClient}; one map lookup and one {@link LongAdder} increment per command.
 */
public final class StoreOperationCounter implements CommandListener {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        String name = event.getCommandName();
        String collection = collectionOf(name, event.getCommand());
        counts.computeIfAbsent(collection == null ? name : name + " " + collection, k -> new LongAdder())
                .increment();
    }

    private static String collectionOf(String name, BsonDocument command) {
        try {
            BsonValue target = command.get(name);
            if (target != null && target.isString()) {
                return target.asString().getValue();
            }
            BsonValue collection = command.get("collection"); // getMore
            return collection != null && collection.isString()
                    ? collection.asString().getValue()
                    : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** The counts so far, sorted by key (command name, then collection). */
    public Map<String, Long> snapshot() {
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((k, v) -> result.put(k, v.sum()));
        return result;
    }
}
