package se.norrort.consortium.eventstore.spring;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The store as readiness sees it ({@code eventStore}): UP when MongoDB answers a {@code ping} within
 * {@code norrort.mongodb.client.health-timeout}, DOWN otherwise. The ping runs on a thread of its own, so a probe
 * gets its answer in that time even while the driver is still looking for a server.
 */
public class EventStoreHealth implements HealthIndicator {

    private final MongoDatabase database;
    private final Duration timeout;
    private final ExecutorService pings = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "event-store-ping");
        t.setDaemon(true);
        return t;
    });

    public EventStoreHealth(MongoDatabase database, Duration timeout) {
        this.database = database;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        long started = System.nanoTime();
        CompletableFuture<Document> ping =
                CompletableFuture.supplyAsync(() -> database.runCommand(new Document("ping", 1)), pings);
        try {
            ping.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up()
                    .withDetail("pingMillis", (System.nanoTime() - started) / 1_000_000)
                    .build();
        } catch (TimeoutException e) {
            ping.cancel(true);
            return Health.down()
                    .withDetail("reason", "no answer to ping within " + timeout.toMillis() + " ms")
                    .build();
        } catch (ExecutionException e) {
            return Health.down()
                    .withDetail("reason", e.getCause().getClass().getSimpleName())
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().build();
        }
    }

    /** Stops the ping threads. */
    public void close() {
        pings.shutdownNow();
    }
}
