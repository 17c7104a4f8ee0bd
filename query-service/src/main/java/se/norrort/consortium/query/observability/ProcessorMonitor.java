package se.norrort.consortium.query.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.eventstore.LogPosition;
import se.norrort.consortium.eventstore.TrackedEvent;

/**
 * Looks at every event processor of this instance every {@code norrort.observability.sample-interval} (on a thread
 * of its own, never on a request thread): the segments it has claimed, how far behind the log's head the slowest of
 * them is (in events and in seconds since the oldest unprocessed event was stored), whether one is in error, and the
 * dead letters parked for its group. Readiness ({@link ProcessorsHealth}) and the metrics
 * ({@code norrort.processor.*}) read the last sample, so a scrape or a probe never waits for the store.
 */
@Component
public class ProcessorMonitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessorMonitor.class);

    /** The state of one processor at the last sample. */
    public record Sample(
            String processor,
            int claimedSegments,
            boolean running,
            boolean error,
            long lagEvents,
            double lagSeconds,
            long deadLetters,
            Instant at) {}

    private final EventProcessingConfiguration processing;
    private final EventLog eventLog;
    private final MeterRegistry meters;
    private final Duration interval;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService executor;

    public ProcessorMonitor(
            EventProcessingConfiguration processing,
            EventLog eventLog,
            MeterRegistry meters,
            @Value("${norrort.observability.sample-interval:5s}") Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("norrort.observability.sample-interval must be a positive duration"
                    + " such as 2s; it was " + interval);
        }
        this.processing = processing;
        this.eventLog = eventLog;
        this.meters = meters;
        this.interval = interval;
    }

    /** The last sample of each processor, by name. */
    public Map<String, Sample> samples() {
        return Map.copyOf(samples);
    }

    /** Samples every processor now (also called on schedule). */
    public void sample() {
        LogPosition head;
        try {
            head = eventLog.head();
        } catch (RuntimeException storeDown) {
            log.debug("Processor lag not sampled: {}", storeDown.toString());
            return;
        }
        Instant now = clock.instant();
        processing.eventProcessors().forEach((name, processor) -> {
            if (!(processor instanceof StreamingEventProcessor streaming)) {
                return;
            }
            Map<Integer, EventTrackerStatus> status = streaming.processingStatus();
            boolean error = status.values().stream().anyMatch(EventTrackerStatus::isErrorState);
            long slowest = Long.MAX_VALUE;
            for (EventTrackerStatus s : status.values()) {
                OptionalLong position = s.getCurrentPosition();
                slowest = Math.min(slowest, position.orElse(0));
            }
            long lagEvents = status.isEmpty() ? 0 : Math.max(0, head.index() - slowest);
            double lagSeconds = 0;
            if (lagEvents > 0) {
                List<TrackedEvent> next = eventLog.readAfter(LogPosition.of(slowest, List.of()), 1);
                if (!next.isEmpty()) {
                    lagSeconds = Math.max(
                            0,
                            Duration.between(next.get(0).event().timestamp(), now)
                                            .toMillis()
                                    / 1000.0);
                }
            }
            long deadLetters = processing
                    .deadLetterQueue(name)
                    .map(q -> {
                        try {
                            return q.size();
                        } catch (RuntimeException e) {
                            return -1L;
                        }
                    })
                    .orElse(0L);
            Sample sample = new Sample(
                    name, status.size(), streaming.isRunning(), error, lagEvents, lagSeconds, deadLetters, now);
            if (samples.put(name, sample) == null) {
                register(name);
            }
        });
    }

    private void register(String name) {
        Gauge.builder("norrort.processor.lag.events", samples, m -> value(m, name, Sample::lagEvents))
                .tag("processor", name)
                .description("Events between the log's head and the slowest claimed segment")
                .register(meters);
        Gauge.builder("norrort.processor.lag.seconds", samples, m -> value(m, name, Sample::lagSeconds))
                .tag("processor", name)
                .description("Age of the oldest event the processor has not handled yet")
                .baseUnit("seconds")
                .register(meters);
        Gauge.builder("norrort.processor.segments.claimed", samples, m -> value(m, name, Sample::claimedSegments))
                .tag("processor", name)
                .description("Segments of the processor this instance has claimed")
                .register(meters);
        Gauge.builder("norrort.processor.dead.letters", samples, m -> value(m, name, Sample::deadLetters))
                .tag("processor", name)
                .description("Events parked in the processor's dead-letter queue")
                .register(meters);
    }

    private static double value(
            Map<String, Sample> samples, String name, java.util.function.ToDoubleFunction<Sample> f) {
        Sample s = samples.get(name);
        return s == null ? Double.NaN : f.applyAsDouble(s);
    }

    @Override
    public void start() {
        executor = se.norrort.consortium.query.Periodic.start(
                "processor-monitor", Duration.ZERO, interval, this::sample, log, "Processor sample failed");
    }

    @Override
    public void stop() {
        ScheduledExecutorService e = executor;
        executor = null;
        if (e != null) {
            e.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
