package se.norrort.consortium.query.live;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.eventstore.TestMongo;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two query-service instances' ViewChanges on one store: a subscriber on either sees the changes both published, its
 * own at once and the other's from the store, each once and in order.
 */
class StoreChangeFeedTest {

    private static MongoClient client;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestMongo.connectionString());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aSubscriberOnEitherInstanceSeesEveryChangeOfBothOnceInOrder() throws Exception {
        MongoDatabase db = client.getDatabase(TestMongo.freshDatabaseName());
        ViewChanges a = new ViewChanges(new StoreChangeFeed(db, Duration.ofMillis(50), Duration.ofSeconds(2),
                                                            Duration.ofSeconds(30), Clock.systemUTC()));
        ViewChanges b = new ViewChanges(new StoreChangeFeed(db, Duration.ofMillis(50), Duration.ofSeconds(2),
                                                            Duration.ofSeconds(30), Clock.systemUTC()));
        a.start();
        b.start();
        List<Long> onA = Collections.synchronizedList(new ArrayList<>());
        List<Long> onB = Collections.synchronizedList(new ArrayList<>());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        var subA = a.of("membership", "app-1").subscribe(c -> onA.add(c.position()));
        var subB = b.of("membership", "app-1").subscribe(c -> {
            onB.add(c.position());
            latencies.add(System.currentTimeMillis() - c.document().getLong("sentAt"));
        });
        try {
            // app-1's segment is projected on instance A, then (after a handover, which takes at least a claim
            // interval) on instance B
            for (long p = 1; p <= 40; p++) {
                if (p == 21) {
                    long handover = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (onB.size() < 20 && System.nanoTime() < handover) {
                        Thread.sleep(20);
                    }
                }
                ViewChanges projecting = p <= 20 ? a : b;
                projecting.published("membership", "app-1", p, new Document("sentAt", System.currentTimeMillis()));
                projecting.published("membership", "other", p, new Document("sentAt", System.currentTimeMillis()));
                Thread.sleep(10);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((onA.size() < 40 || onB.size() < 40) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            subA.dispose();
            subB.dispose();
            a.stop();
            b.stop();
        }
        List<Long> expected = java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList();
        assertThat(onA).containsExactlyElementsOf(expected);
        assertThat(onB).containsExactlyElementsOf(expected);
        List<Long> remote = new ArrayList<>(latencies.subList(0, 20));   // A's changes, seen on B through the store
        Collections.sort(remote);
        System.out.println("Cross-instance delivery (embedded store, poll 50 ms): median " + remote.get(10)
                                   + " ms, max " + remote.get(19) + " ms");
        assertThat(remote.get(19)).isLessThan(1_000);
    }
}
