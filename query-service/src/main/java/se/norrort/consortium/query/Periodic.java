package se.norrort.consortium.query;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/** A background task run on a daemon thread of its own at a fixed delay; a failed round is logged, the next runs. */
public final class Periodic {

    private Periodic() {}

    /** Starts {@code task} after {@code initialDelay}, then every {@code every}; shut the answer down to stop it. */
    public static ScheduledExecutorService start(
            String threadName, Duration initialDelay, Duration every, Runnable task, Logger log, String failure) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException failed) {
                        log.debug("{}: {}", failure, failed.toString());
                    }
                },
                initialDelay.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        return executor;
    }
}
