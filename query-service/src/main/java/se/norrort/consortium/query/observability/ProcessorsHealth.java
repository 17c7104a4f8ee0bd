package se.norrort.consortium.query.observability;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Readiness of the projections ({@code /actuator/health/readiness} includes it as {@code processors}): DOWN while a
 * processor of this instance is stopped or in error, or no sample is fresh (the store cannot be read);
 * OUT_OF_SERVICE while the slowest claimed segment of a processor is more than
 * {@code norrort.observability.max-processor-lag} events behind the log's head (0 = lag never takes the instance out
 * of service). The details list each processor's claimed segments, lag in events and in seconds, and dead letters.
 */
@Component("processors")
public class ProcessorsHealth implements HealthIndicator {

    private final ProcessorMonitor monitor;
    private final long maxLag;
    private final Duration staleAfter;
    private final Clock clock = Clock.systemUTC();

    public ProcessorsHealth(
            ProcessorMonitor monitor,
            @Value("${norrort.observability.max-processor-lag:0}") long maxLag,
            @Value("${norrort.observability.sample-interval:5s}") Duration interval) {
        if (maxLag < 0) {
            throw new IllegalArgumentException(
                    "norrort.observability.max-processor-lag must be 0 (no limit) or" + " more; it was " + maxLag);
        }
        this.monitor = monitor;
        this.maxLag = maxLag;
        this.staleAfter = interval.multipliedBy(3).plusSeconds(2);
    }

    @Override
    public Health health() {
        Map<String, ProcessorMonitor.Sample> samples = monitor.samples();
        Map<String, Object> details = new TreeMap<>();
        Status status = Status.UP;
        if (samples.isEmpty()) {
            return Health.down()
                    .withDetail("reason", "processors not sampled yet")
                    .build();
        }
        for (ProcessorMonitor.Sample s : samples.values()) {
            details.put(
                    s.processor(),
                    Map.of(
                            "claimedSegments",
                            s.claimedSegments(),
                            "running",
                            s.running(),
                            "error",
                            s.error(),
                            "lagEvents",
                            s.lagEvents(),
                            "lagSeconds",
                            s.lagSeconds(),
                            "deadLetters",
                            s.deadLetters()));
            boolean stale = s.at().isBefore(clock.instant().minus(staleAfter));
            if (!s.running() || s.error() || stale) {
                status = Status.DOWN;
            } else if (maxLag > 0 && s.lagEvents() > maxLag && status == Status.UP) {
                status = Status.OUT_OF_SERVICE;
            }
        }
        return Health.status(status).withDetails(details).build();
    }
}
