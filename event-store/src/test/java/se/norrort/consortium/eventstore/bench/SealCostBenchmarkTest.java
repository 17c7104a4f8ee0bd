package se.norrort.consortium.eventstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.norrort.consortium.eventstore.TestEvents;
import se.norrort.consortium.eventstore.chain.CommitSealer;
import se.norrort.consortium.eventstore.chain.RsaCommitSeals;
import se.norrort.consortium.eventstore.embedded.EmbeddedMongo;
import se.norrort.consortium.eventstore.mongo.MongoEventLog;

/**
 * What sealing every commit (ADR 0010) costs an append, on the durable embedded store: one-event appends through an
 * unsealed log (the baseline) and a log sealing with an RSA-2048 key, on the same database, one of each in turn (the
 * order swapped every time) so that warm-up and drift hit both alike; the answer is the ratio of the two, measured in the same run. Also the bare
 * cost of one seal (the signature alone). Opt-in: {@code ./mvnw -B -pl event-store test -Pbenchmark}.
 */
@Tag("benchmark")
class SealCostBenchmarkTest {

    private static final int ROUNDS = 6;
    private static final int APPENDS_PER_ROUND = 200;

    @TempDir
    Path dir;

    @Test
    void sealedAppendsAgainstUnsealedOnesInTheSameRun() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        CommitSealer sealer =
                RsaCommitSeals.sealer("bench", generator.generateKeyPair().getPrivate());
        try (EmbeddedMongo mongo = EmbeddedMongo.onFile(dir.resolve("seal-bench.mv"), "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase("bench");
            MongoEventLog unsealed = new MongoEventLog(database, Duration.ofSeconds(10), Clock.systemUTC(), null);
            MongoEventLog sealed = new MongoEventLog(database, Duration.ofSeconds(10), Clock.systemUTC(), sealer);
            long[] next = {0, 0};
            long unsealedNanos = 0;
            long sealedNanos = 0;
            // one append of each in turn, the order swapped every time; the first round warms up and is not counted
            for (int round = 0; round <= ROUNDS; round++) {
                for (int i = 0; i < APPENDS_PER_ROUND; i++) {
                    boolean sealedFirst = i % 2 == 1;
                    long t0 = System.nanoTime();
                    if (sealedFirst) {
                        sealed.append(List.of(TestEvents.event("sealed", next[1]++)));
                    } else {
                        unsealed.append(List.of(TestEvents.event("unsealed", next[0]++)));
                    }
                    long t1 = System.nanoTime();
                    if (sealedFirst) {
                        unsealed.append(List.of(TestEvents.event("unsealed", next[0]++)));
                    } else {
                        sealed.append(List.of(TestEvents.event("sealed", next[1]++)));
                    }
                    long t2 = System.nanoTime();
                    if (round > 0) {
                        sealedNanos += sealedFirst ? t1 - t0 : t2 - t1;
                        unsealedNanos += sealedFirst ? t2 - t1 : t1 - t0;
                    }
                }
            }
            int counted = ROUNDS * APPENDS_PER_ROUND;
            long t0 = System.nanoTime();
            for (int i = 0; i < counted; i++) {
                sealer.seal("sealed", i, "a".repeat(64));
            }
            double seal = (System.nanoTime() - t0) / 1e3 / counted;
            double base = unsealedNanos / 1e3 / counted;
            double withSeal = sealedNanos / 1e3 / counted;
            assertThat(database.getCollection("events")
                            .find(new org.bson.Document("a", "sealed"))
                            .first())
                    .containsKey("sig");
            System.out.println();
            System.out.println("Seal cost benchmark (embedded, durable file store); microseconds per one-event append,"
                    + " " + counted + " of each, interleaved");
            System.out.printf(Locale.ROOT, "unsealed append (baseline) %8.0f (1.00x)%n", base);
            System.out.printf(Locale.ROOT, "sealed append              %8.0f (%4.2fx)%n", withSeal, withSeal / base);
            System.out.printf(
                    Locale.ROOT,
                    "one RSA-2048 seal alone    %8.0f (%4.2fx of the baseline append)%n",
                    seal,
                    seal / base);
        }
    }
}
