package se.norrort.consortium.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.UUID;
import se.norrort.consortium.eventstore.embedded.EmbeddedMongo;

/**
 * The store integration tests run against: the embedded server (in memory, one per test JVM) by default, or the
 * MongoDB named by the {@code MONGODB_URI} environment variable. Each caller gets a fresh database, never a mock.
 */
public final class TestMongo {

    private static String connectionString;
    private static MongoClient client;

    private TestMongo() {}

    /** The connection string of the store under test. */
    public static synchronized String connectionString() {
        if (connectionString == null) {
            String uri = System.getenv("MONGODB_URI");
            if (uri != null && !uri.isBlank()) {
                connectionString = uri;
            } else {
                // in memory, and never closed: it ends with the test JVM. Closing it in a shutdown hook raced the
                // test contexts' own shutdown (Spring closes them in a hook too), and Axon's processors, releasing
                // their token claims after the store had gone, held the JVM for the driver's 30 s server selection.
                connectionString = EmbeddedMongo.inMemory().connectionString();
            }
        }
        return connectionString;
    }

    public static synchronized MongoClient client() {
        if (client == null) {
            client = MongoClients.create(connectionString());
        }
        return client;
    }

    /** A database of its own for one test, named so that leftovers on a shared server are easy to spot. */
    public static MongoDatabase freshDatabase() {
        return client().getDatabase(freshDatabaseName());
    }

    public static String freshDatabaseName() {
        return "norrort_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
