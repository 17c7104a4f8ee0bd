package se.norrort.consortium.query.live;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import se.norrort.consortium.eventstore.TestMongo;

/** The feed polling, on the store under test (embedded, or {@code MONGODB_URI}). */
class StoreChangeFeedTest extends StoreChangeFeedContract {

    private static MongoClient client;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestMongo.connectionString());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Override
    MongoDatabase freshDatabase() {
        return client.getDatabase(TestMongo.freshDatabaseName());
    }

    @Override
    StoreChangeFeed.ChangeStreams changeStreams() {
        return StoreChangeFeed.ChangeStreams.OFF;
    }
}
