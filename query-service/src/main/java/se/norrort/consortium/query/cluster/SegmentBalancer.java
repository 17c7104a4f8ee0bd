package se.norrort.consortium.query.cluster;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Splits the processors' segments between the query-service instances. Axon's pooled processors claim every segment
 * they find unclaimed, so the instance that starts first would keep them all. Each instance announces itself in
 * {@value #COLLECTION} every {@code balance-interval}; an instance holding more than its share (all segments of all
 * processors divided by the instances alive, rounded up) releases one segment per round for
 * {@code release-for}, and another instance claims it. When an instance dies ({@code kill -9}), its claims expire
 * after the token store's claim timeout ({@code norrort.processing.claim-timeout}) and the others claim them.
 * {@code balance-interval: 0} turns balancing off (instances still announce themselves every 5 s, for
 * {@link #gather}).
 */
@Component
public class SegmentBalancer implements SmartLifecycle {

    /** {@link #gather} could not make this instance the view's only writer; the message says why, for an operator. */
    public static final class GatherRefused extends IllegalStateException {
        GatherRefused(String message) {
            super(message);
        }
    }

    static final String COLLECTION = "query_instances";
    /** How long a stop waits to remove this instance's record. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final MongoCollection<Document> instances;
    private final Duration interval;
    private final Duration releaseFor;
    private final Clock clock = Clock.systemUTC();
    private final String instance = UUID.randomUUID().toString();
    private volatile ScheduledExecutorService executor;
    /** The processor this instance is gathering every segment of (a rebuild's switch), or null. */
    private volatile String gathering;

    public SegmentBalancer(
            EventProcessingConfiguration processing,
            TokenStore tokenStore,
            MongoDatabase norrortDatabase,
            @Value("${norrort.processing.balance-interval:5s}") Duration interval,
            @Value("${norrort.processing.release-for:15s}") Duration releaseFor) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("norrort.processing.balance-interval must be 0 (off) or a positive"
                    + " duration such as 5s; it was " + interval);
        }
        if (releaseFor.isNegative() || releaseFor.isZero()) {
            throw new IllegalArgumentException("norrort.processing.release-for must be a positive duration such as"
                    + " 15s; it was " + releaseFor);
        }
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.instances = norrortDatabase.getCollection(COLLECTION);
        this.interval = interval;
        this.releaseFor = releaseFor;
    }

    /** One round: announce this instance, then give up one segment if it holds more than its share. */
    void balance() {
        long now = clock.millis();
        announce(now);
        long alive = 0;
        Set<String> wanted = new HashSet<>();
        for (Document d : instances.find()) {
            if (d.getDate("at").getTime() >= now - 3 * heartbeat().toMillis()) {
                alive++;
                if (!instance.equals(d.getString("_id")) && d.getString("gathering") != null) {
                    wanted.add(d.getString("gathering"));
                }
            }
        }
        // Another instance is switching a rebuilt view: hand it every segment of that view's processor.
        for (String processor : wanted) {
            processing.eventProcessor(processor, StreamingEventProcessor.class).ifPresent(p -> {
                for (Integer segment : p.processingStatus().keySet()) {
                    log.info("Releasing {} segment {} to the instance switching its rebuilt view", processor, segment);
                    p.releaseSegment(segment, releaseFor.toMillis(), TimeUnit.MILLISECONDS);
                }
            });
        }
        if (alive < 2 || gathering != null || !wanted.isEmpty() || interval.isZero()) {
            return;
        }
        int total = 0;
        int mine = 0;
        StreamingEventProcessor busiest = null;
        int busiestCount = 0;
        for (Map.Entry<String, org.axonframework.eventhandling.EventProcessor> e :
                processing.eventProcessors().entrySet()) {
            if (!(e.getValue() instanceof StreamingEventProcessor streaming)) {
                continue;
            }
            total += tokenStore.fetchSegments(streaming.getName()).length;
            int held = streaming.processingStatus().size();
            mine += held;
            if (held > busiestCount) {
                busiest = streaming;
                busiestCount = held;
            }
        }
        long share = (total + alive - 1) / alive;
        if (mine > share && busiest != null) {
            Integer segment = busiest.processingStatus().keySet().stream()
                    .max(Comparator.naturalOrder())
                    .orElse(null);
            if (segment != null) {
                log.info(
                        "Holding {} of {} segments with {} instances alive: releasing {} segment {} for {}",
                        mine,
                        total,
                        alive,
                        busiest.getName(),
                        segment,
                        releaseFor);
                busiest.releaseSegment(segment, releaseFor.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** How many other instances announced themselves within three heartbeats. */
    private long othersAlive(long now) {
        long alive = 0;
        for (Document d : instances.find()) {
            if (!instance.equals(d.getString("_id"))
                    && d.getDate("at").getTime() >= now - 3 * heartbeat().toMillis()) {
                alive++;
            }
        }
        return alive;
    }

    private void announce(long now) {
        Document me = new Document("_id", instance).append("at", new Date(now));
        if (gathering != null) {
            me.append("gathering", gathering);
        }
        instances.replaceOne(Filters.eq("_id", instance), me, new ReplaceOptions().upsert(true));
    }

    private Duration heartbeat() {
        return interval.isZero() ? Duration.ofSeconds(5) : interval;
    }

    /**
     * Makes this instance hold every segment of {@code processor}: the other instances release theirs on their next
     * round and this one claims them. Returns once it does (at once for a single instance), or throws after
     * {@code timeout}. {@link #done} ends it. A rebuild calls this before its switch, so that the switch's gate
     * (local to this instance) holds every writer of the view. With the processor stopped on this instance, it returns
     * at once if no other instance is alive (no writer of the view runs anywhere) and throws at once otherwise;
     * before, it waited for segments a stopped processor never claims and failed the rebuild after {@code timeout}.
     */
    public void gather(String processor, Duration timeout) throws InterruptedException {
        StreamingEventProcessor p = processing
                .eventProcessor(processor, StreamingEventProcessor.class)
                .orElse(null);
        if (p == null) {
            return;
        }
        if (!p.isRunning()) {
            // Stopped here, it writes nothing here and cannot take the segments over; the switch goes ahead if no
            // other instance is alive (it may have been stopped everywhere, as for maintenance). Whether another
            // instance alive runs it is not checked: the rebuild is refused then. An instance started during the
            // switch itself could claim the unclaimed segments (ADR 0013).
            if (othersAlive(clock.millis()) == 0) {
                return;
            }
            throw new GatherRefused("The " + processor + " processor is not running on this instance while another"
                    + " instance is alive, which may hold or claim its segments; rebuild on an instance that runs it");
        }
        gathering = processor;
        announce(clock.millis());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (p.processingStatus().size() < tokenStore.fetchSegments(p.getName()).length) {
            if (System.nanoTime() > deadline) {
                done();
                throw new GatherRefused("Did not get every segment of " + processor + " within " + timeout
                        + " (another instance still holds one)");
            }
            Thread.sleep(200);
        }
    }

    /** Ends {@link #gather}: balancing resumes. */
    public void done() {
        gathering = null;
        try {
            announce(clock.millis());
        } catch (RuntimeException storeDown) {
            log.debug("Instance record not updated: {}", storeDown.toString());
        }
    }

    @Override
    public void start() {
        executor = se.norrort.consortium.query.Periodic.start(
                "segment-balancer", heartbeat(), heartbeat(), this::balance, log, "Segment balancing round failed");
    }

    @Override
    public void stop() {
        ScheduledExecutorService e = executor;
        executor = null;
        if (e != null) {
            e.shutdownNow();
            try {
                // bounded: when the store is gone already (it stops first), the driver would wait for a server for
                // its whole server selection timeout (30 s) and hold up the JVM's exit; the record expires anyway
                instances
                        .withTimeout(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .deleteOne(Filters.eq("_id", instance));
            } catch (RuntimeException storeDown) {
                log.debug("Instance record not removed: {}", storeDown.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
