package se.norrort.consortium.eventstore.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.norrort.consortium.eventstore.LogPosition;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.TestEvents;
import se.norrort.consortium.eventstore.TrackedEvent;
import se.norrort.consortium.eventstore.mongo.MongoEventLog;

/**
 * Acknowledged events survive {@code kill -9} of the process that holds the embedded store: the store runs in a
 * child JVM, two writers append as fast as they can, the child is killed (SIGKILL) mid-stream, restarted on the same
 * file, and every append that had been acknowledged must be there.
 */
class KillDurabilityTest {

    @TempDir
    Path dataDir;

    @Test
    void givenWritersAppendingAtFullSpeed_whenTheStoreProcessIsKilled_thenEveryAcknowledgedEventSurvives()
            throws Exception {
        Path file = dataDir.resolve("store.mv");
        Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Process store = startStore(file);
        String uri = awaitReady(store);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        try (MongoClient client = MongoClients.create(uri + "/?serverSelectionTimeoutMS=2000&connectTimeoutMS=2000")) {
            MongoEventLog log = new MongoEventLog(client.getDatabase("norrort"));
            for (int w = 0; w < 2; w++) {
                String stream = "writer-" + w;
                running.add(writers.submit(() -> {
                    for (long seq = 0; ; seq++) {
                        StoredEvent event = TestEvents.event(stream, seq);
                        try {
                            log.append(List.of(event));
                        } catch (MongoException | IllegalStateException e) {
                            return null; // the store is gone: this append was not acknowledged
                        }
                        acknowledged.add(event.eventId());
                    }
                }));
            }
            await("1500 acknowledged appends")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> acknowledged.size() >= 1500);
            store.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
            store.waitFor(30, TimeUnit.SECONDS);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }

        Process restarted = startStore(file);
        try (MongoClient client = MongoClients.create(awaitReady(restarted))) {
            MongoEventLog log = new MongoEventLog(client.getDatabase("norrort"));
            Set<String> stored = new HashSet<>();
            LogPosition position = LogPosition.START;
            for (List<TrackedEvent> batch = log.readAfter(position, 500);
                    !batch.isEmpty();
                    batch = log.readAfter(position, 500)) {
                for (TrackedEvent t : batch) {
                    stored.add(t.event().eventId());
                    position = t.positionAfter();
                }
            }
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(1500);
            assertThat(stored).containsAll(acknowledged);
        } finally {
            restarted.destroyForcibly();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Process startStore(Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmbeddedMongoMain.class.getName(),
                        file.toString())
                .redirectErrorStream(true)
                .start();
    }

    private static String awaitReady(Process process) throws Exception {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            return reader.submit(() -> {
                        String line;
                        while ((line = out.readLine()) != null) {
                            if (line.startsWith("READY ")) {
                                drain(out);
                                return line.substring("READY ".length());
                            }
                        }
                        throw new IllegalStateException("The store process ended before it was ready");
                    })
                    .get(60, TimeUnit.SECONDS);
        } finally {
            reader.shutdown();
        }
    }

    private static void drain(BufferedReader out) {
        Thread drainer = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the child's output pipe from filling up
                }
            } catch (Exception ignored) {
                // the process is gone
            }
        });
        drainer.setDaemon(true);
        drainer.start();
    }
}
