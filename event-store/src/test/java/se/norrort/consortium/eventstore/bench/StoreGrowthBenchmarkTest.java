package se.norrort.consortium.eventstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.norrort.consortium.eventstore.LogPosition;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.TestEvents;
import se.norrort.consortium.eventstore.embedded.EmbeddedMongo;
import se.norrort.consortium.eventstore.mongo.MongoEventLog;

/**
 * How the cost of the hot paths grows with the number of stored events, on the durable embedded store (file-backed,
 * commit before acknowledge). Opt-in: {@code ./mvnw -B -pl event-store test -Pbenchmark}.
 * <p>
 * At each store size it times, averaged over many repetitions: loading a 20-event aggregate stream, appending one
 * event to it (what a command costs the store), and reading the next tracking batch near the head. Ratios are
 * against the same operations at the first size, measured in the same run. As a contrast it also times a query the
 * embedded server cannot serve from an index (a range on a field), which grows with the store.
 */
@Tag("benchmark")
class StoreGrowthBenchmarkTest {

    private static final int[] SIZES = {2_000, 10_000, 40_000};
    private static final int REPETITIONS = 200;

    @TempDir
    Path dir;

    @Test
    void hotPathsStayFlatAsTheStoreGrows() {
        try (EmbeddedMongo mongo = EmbeddedMongo.onFile(dir.resolve("bench.mv"), "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoEventLog log = new MongoEventLog(client.getDatabase("bench"));
            var events = client.getDatabase("bench").getCollection("events");
            int stored = 0;
            int filler = 0;
            List<double[]> rows = new ArrayList<>();
            for (int size : SIZES) {
                while (stored < size) {
                    List<StoredEvent> commit = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        commit.add(TestEvents.event("filler-" + filler, i));
                    }
                    log.append(commit);
                    filler++;
                    stored += 10;
                }
                String aggregate = "probe-" + size;
                for (int i = 0; i < 20; i++) {
                    log.append(List.of(TestEvents.event(aggregate, i)));
                }
                stored += 20;
                long next = 20;
                // warm up
                for (int i = 0; i < 20; i++) {
                    log.readStream(aggregate, 0, 1000);
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < REPETITIONS; i++) {
                    assertThat(log.readStream(aggregate, next - 20, 1000)).hasSize(20);
                }
                double load = (System.nanoTime() - t0) / 1e3 / REPETITIONS;
                t0 = System.nanoTime();
                for (int i = 0; i < REPETITIONS; i++) {
                    log.append(List.of(TestEvents.event(aggregate, next++)));
                }
                double append = (System.nanoTime() - t0) / 1e3 / REPETITIONS;
                stored += REPETITIONS;
                LogPosition nearHead = new LogPosition(stored - 150, new java.util.TreeSet<>());
                t0 = System.nanoTime();
                for (int i = 0; i < REPETITIONS; i++) {
                    assertThat(log.readAfter(nearHead, 100)).hasSize(100);
                }
                double track = (System.nanoTime() - t0) / 1e3 / REPETITIONS;
                t0 = System.nanoTime();
                for (int i = 0; i < 10; i++) {
                    events.find(Filters.gte("l", 1_000_000L)).into(new ArrayList<Document>());
                }
                double scan = (System.nanoTime() - t0) / 1e3 / 10;
                rows.add(new double[] {stored, load, append, track, scan});
            }
            double[] base = rows.get(0);
            System.out.println();
            System.out.println("Store growth benchmark (embedded, durable file store); microseconds per operation,"
                    + " ratio to the first row in brackets");
            System.out.printf(
                    Locale.ROOT,
                    "%10s %22s %22s %22s %22s%n",
                    "events",
                    "load 20-event stream",
                    "append 1 event",
                    "tracking batch of 100",
                    "unindexed range (contrast)");
            for (double[] r : rows) {
                System.out.printf(
                        Locale.ROOT,
                        "%10d %14.0f (%4.2fx) %14.0f (%4.2fx) %14.0f (%4.2fx) %14.0f (%5.2fx)%n",
                        (long) r[0],
                        r[1],
                        r[1] / base[1],
                        r[2],
                        r[2] / base[2],
                        r[3],
                        r[3] / base[3],
                        r[4],
                        r[4] / base[4]);
            }
        }
    }
}
