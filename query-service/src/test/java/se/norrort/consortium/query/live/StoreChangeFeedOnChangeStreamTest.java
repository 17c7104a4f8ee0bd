package se.norrort.consortium.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.eventstore.TestMongo;

/**
 * The same tests with the reader woken by a change stream: on {@code MONGODB_URI} when it is set (a replica set), else
 * on an embedded server of its own with its oplog on (the default embedded store runs without one, and polls). And
 * one more: with polling as good as off, another instance's change still arrives at once.
 */
class StoreChangeFeedOnChangeStreamTest extends StoreChangeFeedContract {

    private static MongoServer server;
    private static MongoClient client;

    @BeforeAll
    static void connect() {
        String uri = System.getenv("MONGODB_URI");
        if (uri != null && !uri.isBlank()) {
            client = MongoClients.create(TestMongo.connectionString());
            return;
        }
        MemoryBackend backend = new MemoryBackend();
        backend.enableOplog();
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    @AfterAll
    static void close() {
        client.close();
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Override
    MongoDatabase freshDatabase() {
        return client.getDatabase(TestMongo.freshDatabaseName());
    }

    @Override
    StoreChangeFeed.ChangeStreams changeStreams() {
        return StoreChangeFeed.ChangeStreams.ON;
    }

    @Test
    void givenPollingAsGoodAsOff_whenAnotherInstancePublishes_thenTheChangeStreamBringsItAtOnce() throws Exception {
        MongoDatabase db = freshDatabase();
        // polls never come, and the safety-net read of a heartbeat comes every 4 s: a change that arrives well within
        // that came through the change stream
        Duration heartbeat = Duration.ofSeconds(4);
        ViewChangeHub a = new ViewChangeHub(feed(db, Duration.ofHours(1), heartbeat));
        StoreChangeFeed feedB = feed(db, Duration.ofHours(1), heartbeat);
        ViewChangeHub b = new ViewChangeHub(feedB);
        a.start();
        b.start();
        List<Long> waits = Collections.synchronizedList(new ArrayList<>());
        List<Long> sentAt = Collections.synchronizedList(new ArrayList<>());
        var onA = a.of("membership", "app-cs")
                .subscribe(c -> waits.add(System.nanoTime() - sentAt.get((int) c.position() - 1)));
        try {
            await().atMost(Duration.ofSeconds(20)).until(feedB::sharing);
            assertThat(feedB.streaming()).isTrue();
            for (long position = 1; position <= 5; position++) {
                sentAt.add(System.nanoTime());
                b.published("membership", "app-cs", position, new Document("n", position));
                long seen = position;
                await().atMost(Duration.ofSeconds(10)).until(() -> waits.size() >= seen);
            }
            assertThat(waits)
                    .as("each change's wait, in ns, is well under the 4 s heartbeat")
                    .hasSize(5)
                    .allSatisfy(wait ->
                            assertThat(wait).isLessThan(Duration.ofMillis(1_500).toNanos()));
        } finally {
            onA.dispose();
            a.stop();
            b.stop();
        }
    }

    private StoreChangeFeed feed(MongoDatabase db, Duration pollInterval, Duration heartbeat) {
        return new StoreChangeFeed(
                db,
                pollInterval,
                Duration.ofSeconds(10),
                Duration.ofMinutes(2),
                heartbeat,
                StoreChangeFeed.ChangeStreams.ON,
                () -> false,
                Clock.systemUTC());
    }
}
