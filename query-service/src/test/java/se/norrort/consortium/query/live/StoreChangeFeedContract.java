package se.norrort.consortium.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Two query-service instances' ViewChangeHub on one store: a subscriber on either sees the changes both published, its
 * own at once and the other's from the store, each once and in order. Run polling ({@link StoreChangeFeedTest}) and
 * woken by a change stream ({@link StoreChangeFeedOnChangeStreamTest}).
 */
abstract class StoreChangeFeedContract {

    /** A database of its own for one test. */
    abstract MongoDatabase freshDatabase();

    abstract StoreChangeFeed.ChangeStreams changeStreams();

    @Test
    void aSubscriberOnEitherInstanceSeesEveryChangeOfBothOnceInOrder() throws Exception {
        MongoDatabase db = freshDatabase();
        ViewChangeHub a = new ViewChangeHub(feed(db, Duration.ofSeconds(30)));
        ViewChangeHub b = new ViewChangeHub(feed(db, Duration.ofSeconds(30)));
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
                    await(() -> onB.size() >= 20); // the handover
                }
                ViewChangeHub projecting = p <= 20 ? a : b;
                projecting.published("membership", "app-1", p, new Document("sentAt", System.currentTimeMillis()));
                projecting.published("membership", "other", p, new Document("sentAt", System.currentTimeMillis()));
                Thread.sleep(10);
            }
            await(() -> onA.size() >= 40 && onB.size() >= 40);
        } finally {
            subA.dispose();
            subB.dispose();
            a.stop();
            b.stop();
        }
        List<Long> expected =
                java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList();
        assertThat(onA).containsExactlyElementsOf(expected);
        assertThat(onB).containsExactlyElementsOf(expected);
        List<Long> remote = new ArrayList<>(latencies.subList(0, 20)); // A's changes, seen on B through the store
        Collections.sort(remote);
        System.out.println("Cross-instance delivery (embedded store, poll 50 ms): median " + remote.get(10)
                + " ms, max " + remote.get(19) + " ms");
        assertThat(remote.get(19)).isLessThan(1_000);
    }

    @Test
    void aSingleInstanceSharesNothingAndStartsSharingWhenASecondOneComes() throws Exception {
        MongoDatabase db = freshDatabase();
        StoreChangeFeed feedA = feed(db, Duration.ofSeconds(30));
        ViewChangeHub a = new ViewChangeHub(feedA);
        a.start();
        try {
            for (long p = 1; p <= 10; p++) {
                a.published("membership", "app-1", p, new Document("p", p));
            }
            // changes stored while alone: none, for half a second
            Awaitility.await()
                    .during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> count(db) == 0);
            ViewChangeHub b = new ViewChangeHub(feed(db, Duration.ofSeconds(30)));
            b.start(); // returns once A has had time to see B
            try {
                List<Long> onB = Collections.synchronizedList(new ArrayList<>());
                var sub = b.of("membership", "app-1").subscribe(c -> onB.add(c.position()));
                assertThat(feedA.sharing()).isTrue();
                a.published("membership", "app-1", 11, new Document("p", 11L));
                await(() -> onB.size() == 1);
                sub.dispose();
                assertThat(onB).containsExactly(11L);
                assertThat(count(db)).isEqualTo(1);
            } finally {
                b.stop();
            }
            await(() -> !feedA.sharing()); // B's record is gone: A is alone again
        } finally {
            a.stop();
        }
    }

    @Test
    void aMissingChangeIsWaitedForUpToTheLookbackThenPassed() throws Exception {
        MongoDatabase db = freshDatabase();
        ViewChangeHub b = new ViewChangeHub(feed(db, Duration.ofSeconds(30)));
        b.start();
        List<Long> onB = Collections.synchronizedList(new ArrayList<>());
        List<Long> deliveredAt = Collections.synchronizedList(new ArrayList<>());
        var sub = b.of("membership", "app-1").subscribe(c -> {
            deliveredAt.add(System.nanoTime());
            onB.add(c.position());
        });
        try {
            // another origin, as the store holds it: its changes 1 and 3 are there, 2 never arrives (failed insert)
            var origins = Mono.from(db.getCollection(StoreChangeFeed.ORIGINS)
                    .insertOne(new Document("_id", "x").append("latest", 3L).append("beat", 1L)));
            origins.block();
            for (long n : new long[] {1, 3}) {
                Mono.from(db.getCollection(StoreChangeFeed.COLLECTION)
                                .insertOne(new Document("_id", "x/" + n)
                                        .append("origin", "x")
                                        .append("n", n)
                                        .append("view", "membership")
                                        .append("key", "app-1")
                                        .append("position", n * 10)
                                        .append("document", new Document("n", n))))
                        .block();
            }
            await(() -> onB.size() == 2);
            // timed where the changes are delivered, not where this thread's polling notices them (up to a poll
            // later each); the feed starts waiting for change 2 when it reads 1 and 3, just before it delivers 1
            long waitedMs = (deliveredAt.get(1) - deliveredAt.get(0)) / 1_000_000;
            assertThat(onB).containsExactly(10L, 30L);
            assertThat(waitedMs).as("the wait for the missing change").isGreaterThanOrEqualTo(1_450);
        } finally {
            sub.dispose();
            b.stop();
        }
    }

    @Test
    void eachInstancePrunesItsOwnChangesAfterTheRetention() throws Exception {
        MongoDatabase db = freshDatabase();
        ViewChangeHub a = new ViewChangeHub(feed(db, Duration.ofSeconds(2)));
        ViewChangeHub b = new ViewChangeHub(feed(db, Duration.ofSeconds(2)));
        a.start();
        b.start();
        try {
            for (long p = 1; p <= 600; p++) {
                a.published("membership", "app-" + (p % 7), p, new Document("p", p));
            }
            await(() -> count(db) == 600);
            await(() -> count(db) == 0);
        } finally {
            a.stop();
            b.stop();
        }
    }

    StoreChangeFeed feed(MongoDatabase db, Duration retention) {
        return new StoreChangeFeed(
                db,
                Duration.ofMillis(50),
                Duration.ofMillis(1_500),
                retention,
                Duration.ofMillis(200),
                changeStreams(),
                () -> false,
                Clock.systemUTC());
    }

    private static long count(MongoDatabase db) {
        Long n = Mono.from(db.getCollection(StoreChangeFeed.COLLECTION).countDocuments())
                .block();
        return n == null ? 0 : n;
    }

    /** Waits up to 10 s for the condition. */
    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(condition);
    }
}
