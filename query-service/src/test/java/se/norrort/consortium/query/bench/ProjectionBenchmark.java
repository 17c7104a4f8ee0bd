package se.norrort.consortium.query.bench;

import static se.norrort.consortium.query.TestEvents.seedStory;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.Disposable;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.eventstore.axon.EventLogStorageEngine;
import se.norrort.consortium.eventstore.embedded.EmbeddedMongo;
import se.norrort.consortium.eventstore.mongo.MongoEventLog;
import se.norrort.consortium.eventstore.spring.EventStoreProperties;
import se.norrort.consortium.query.audittrail.AuditTrailProjection;
import se.norrort.consortium.query.funder.FunderApplicationsProjection;
import se.norrort.consortium.query.live.ViewChangeHub;
import se.norrort.consortium.query.membership.MembershipProjection;
import se.norrort.consortium.query.municipality.MunicipalityProjection;
import se.norrort.consortium.query.projection.ViewProgress;
import se.norrort.consortium.query.projection.rebuild.ProjectionRebuilder;
import se.norrort.consortium.security.TestTokens;

/**
 * The read side's cost and speed, measured (opt-in: {@code -Pbenchmark}). The query-service runs with all four
 * projections on a durable, file-backed embedded store; the events are appended by a writer of its own (its own
 * client and event log, as the command-service in its JVM would), so the processors learn of them only by reading
 * the store. Each subclass is one configuration of the same code; both run in the same Maven run, each in a database
 * of its own, and each writes its figures to {@code target/projection-benchmark/}.
 * <ol>
 * <li><b>Sustained load</b>: {@value #FLOWS} concurrent flows each take {@value #APPLICATIONS_PER_FLOW}
 * applications through the seed story (open with 15 invited, 14 joins, a decline, 14 delegations and 14 signatures,
 * submit, award: 46 events), one event per commit like a command, paced to {@value #COMMITS_PER_SECOND} commits a
 * second in all. Measured: the store operations of the query-service (both its drivers, counted by a
 * {@code CommandListener}, by command and collection) per event, until every view reflects the last event; and the
 * delay from a commit's return to the publication of its membership change to live subscribers (what the SSE
 * stream sends; the HTTP hop is not included).</li>
 * <li><b>Idle</b>: store operations per second over 5 s with nothing new.</li>
 * <li><b>Rebuild</b>: with the processors stopped, the store is filled to {@code rebuildEvents()} events (a whole
 * story per commit, to fill fast) and each view is rebuilt through {@link ProjectionRebuilder}; events per second
 * from start to switch.</li>
 * <li><b>Catch-up</b>: once the processors have taken the rebuild phase's fill, and with them stopped again,
 * {@code bench.catchUpApplications} (160) more stories are appended
 * one event per commit by {@value #FLOWS} writers at once; then the processors start and the time until every view
 * reflects them is measured, with the store operations per event (as after a restart behind the log, or a burst
 * larger than a batch).</li>
 * </ol>
 */
@Tag("benchmark")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.config.name=query-service", "server.address=127.0.0.1"})
@Import(ProjectionBenchmark.Counting.class)
@DirtiesContext // closed after its class: no processor or unfinished rebuild of one configuration runs on in the next
abstract class ProjectionBenchmark {

    static final int FLOWS = 8;
    static final int APPLICATIONS_PER_FLOW = 1;
    static final int COMMITS_PER_SECOND = 40;
    private static final Duration PATIENCE = Duration.ofMinutes(10);
    private static final Duration REBUILD_LIMIT = Duration.ofSeconds(90);

    private static EmbeddedMongo store;
    private static Path storeDir;

    static final Map<String, AtomicLong> operations = new ConcurrentHashMap<>();

    /** Counts every command both of the query-service's MongoDB clients send, by command and collection. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Counting {

        @Bean
        CommandListener countingListener() {
            return new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    String command = event.getCommandName();
                    BsonDocument body = event.getCommand();
                    String collection =
                            body.isString(command) ? body.getString(command).getValue() : "-";
                    operations
                            .computeIfAbsent(command + " " + collection, k -> new AtomicLong())
                            .incrementAndGet();
                }
            };
        }

        /** Replaces the event store's client (a bean the event-store module declares only if missing). */
        @Bean(destroyMethod = "close")
        MongoClient mongoClient(EventStoreProperties properties, CommandListener countingListener) {
            return MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(properties.uri()))
                    .addCommandListener(countingListener)
                    .build());
        }
    }

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        synchronized (ProjectionBenchmark.class) {
            if (store == null) {
                storeDir = Files.createTempDirectory("projection-bench");
                store = EmbeddedMongo.onFile(storeDir.resolve("bench.mv"), "127.0.0.1", 0);
                Runtime.getRuntime().addShutdownHook(new Thread(store::close));
            }
        }
        String database = TestMongo.freshDatabaseName();
        registry.add("norrort.mongodb.uri", store::connectionString);
        registry.add("norrort.mongodb.database", () -> database);
        registry.add("norrort.security.key-file", () -> TestTokens.keyFile().toString());
    }

    @Autowired
    EventStoreProperties properties;

    @Autowired
    Serializer serializer;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Autowired
    ViewChangeHub changes;

    @Autowired
    ProjectionRebuilder rebuilder;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    Environment environment;

    /** The configuration's name in the report. */
    abstract String name();

    /** How many events the store holds for the rebuild. */
    abstract int rebuildEvents();

    private MongoClient writerClient;
    private MongoDatabase writerDatabase;
    private EventLogStorageEngine writer;
    private EventLog writerLog;
    private final Map<String, Long> lastByApplication = new ConcurrentHashMap<>();

    @Test
    void measure() throws Exception {
        writerClient = MongoClients.create(store.connectionString());
        writerDatabase = writerClient.getDatabase(properties.database());
        writerLog = new MongoEventLog(writerDatabase, Duration.ofSeconds(10), Clock.systemUTC());
        writer = EventLogStorageEngine.builder()
                .eventLog(writerLog)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .build();
        StringBuilder report = new StringBuilder();
        try {
            report.append("## ").append(name()).append("\n\n");
            // Warm-up: two stories, then wait for every view.
            for (int i = 0; i < 2; i++) {
                story("warm-" + name() + "-" + i, null, 0);
            }
            awaitViews();
            sustained(report);
            idle(report);
            rebuild(report);
            // After the rebuild, which stops the processors (and gathers the segments of a running one): started
            // again here, they catch up on what was appended while they were stopped.
            catchUp(report);
        } finally {
            processing.eventProcessors().values().forEach(EventProcessor::shutDown);
            writerClient.close();
        }
        Path out = Path.of("target", "projection-benchmark", name() + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private void sustained(StringBuilder report) throws Exception {
        Map<Long, Long> committed = new ConcurrentHashMap<>();
        Map<Long, Long> published = new ConcurrentHashMap<>();
        Disposable subscription = changes.of(MembershipProjection.VIEW)
                .subscribe(c -> published.putIfAbsent(c.position(), System.nanoTime()));
        operations.clear();
        long started = System.nanoTime();
        ExecutorService flows = Executors.newFixedThreadPool(FLOWS);
        List<Future<Long>> lasts = new ArrayList<>();
        long interval = 1_000_000_000L * FLOWS / COMMITS_PER_SECOND; // between one flow's commits
        for (int f = 0; f < FLOWS; f++) {
            int flow = f;
            lasts.add(flows.submit(() -> {
                long last = 0;
                for (int a = 0; a < APPLICATIONS_PER_FLOW; a++) {
                    last = Math.max(last, story("load-" + name() + "-" + flow + "-" + a, committed, interval));
                }
                return last;
            }));
        }
        for (Future<Long> future : lasts) {
            future.get();
        }
        flows.shutdown();
        long appended = System.nanoTime();
        awaitViews();
        long caughtUp = System.nanoTime();
        subscription.dispose();
        Map<String, Long> counted = snapshot();
        long events = committed.size();

        List<Long> delays = new ArrayList<>();
        committed.forEach((position, at) -> {
            Long seen = published.get(position);
            if (seen != null) {
                delays.add((seen - at) / 1_000);
            }
        });
        Collections.sort(delays);
        long total = counted.values().stream().mapToLong(Long::longValue).sum();
        report.append(String.format(
                "Sustained: %d events (one per commit) from %d flows at %d commits/s offered; "
                        + "appended in %.1f s, all views caught up %.0f ms after the last "
                        + "commit.%n%n",
                events, FLOWS, COMMITS_PER_SECOND, (appended - started) / 1e9, (caughtUp - appended) / 1e6));
        report.append(String.format(
                "| query-service store operations per event | %.2f |%n|---|---:|%n", total / (double) events));
        counted.forEach((k, v) -> report.append(String.format("| %s | %.2f |%n", k, v / (double) events)));
        report.append(String.format(
                "%nCommit → membership change published (µs, %d of %d events changed the view): "
                        + "p50 %d, p90 %d, p99 %d, max %d%n%n",
                delays.size(),
                events,
                percentile(delays, 50),
                percentile(delays, 90),
                percentile(delays, 99),
                delays.isEmpty() ? -1 : delays.get(delays.size() - 1)));
    }

    private void idle(StringBuilder report) throws InterruptedException {
        operations.clear();
        Thread.sleep(5_000);
        Map<String, Long> counted = snapshot();
        long total = counted.values().stream().mapToLong(Long::longValue).sum();
        report.append(String.format("Idle: %.1f store operations/s (%s)%n%n", total / 5.0, counted));
    }

    /**
     * Catch-up: with the processors stopped, {@code bench.catchUpApplications} stories are appended one event per
     * commit by {@value #FLOWS} writers at once (interleaved as under load); then the processors start again and the
     * time until every view reflects every story is measured, as after a restart behind the log or a burst.
     */
    private void catchUp(StringBuilder report) throws Exception {
        int applications = Integer.getInteger("bench.catchUpApplications", 160);
        // First the live processors take what the rebuild phase appended while they were stopped (its fill), so
        // that the phase measures only the events appended below; then they stop again.
        processing.eventProcessors().values().forEach(EventProcessor::start);
        awaitViews();
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        // Reflected now: the wait below checks only this phase's stories, not every earlier one again.
        lastByApplication.clear();
        long from = writerLog.head().index();
        ExecutorService flows = Executors.newFixedThreadPool(FLOWS);
        List<Future<Long>> lasts = new ArrayList<>();
        for (int f = 0; f < FLOWS; f++) {
            int flow = f;
            lasts.add(flows.submit(() -> {
                long last = 0;
                for (int a = flow; a < applications; a += FLOWS) {
                    last = Math.max(last, story("behind-" + name() + "-" + a, null, 0));
                }
                return last;
            }));
        }
        for (Future<Long> future : lasts) {
            future.get();
        }
        flows.shutdown();
        long behind = writerLog.head().index() - from;
        operations.clear();
        long started = System.nanoTime();
        processing.eventProcessors().values().forEach(EventProcessor::start);
        awaitViews();
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Long> counted = snapshot();
        long total = counted.values().stream().mapToLong(Long::longValue).sum();
        report.append(String.format(
                "Catch-up: %,d events appended (one per commit, %d applications) while the processors were stopped; "
                        + "all views caught up %.1f s after they started: **%,.0f events/s**, %.2f store operations "
                        + "per event (batch size %s).%n%n",
                behind,
                applications,
                seconds,
                behind / seconds,
                total / (double) behind,
                environment.getProperty("axon.eventhandling.processors.membership.batch-size", "Axon's default")));
    }

    private void rebuild(StringBuilder report) throws InterruptedException {
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        int n = 0;
        while (writerLog.head().index() < rebuildEvents()) {
            List<EventMessage<?>> story = new ArrayList<>();
            String id = "fill-" + name() + "-" + n++;
            long sequence = 0;
            for (ConsortiumEvent event : seedStory(id)) {
                story.add(message(id, sequence++, event));
            }
            writer.appendEvents(story);
            lastByApplication.put(id, writerLog.head().index()); // one writer here: the head is this story's end
        }
        long stored = writerLog.head().index();
        report.append(String.format(
                "Rebuild from %,d stored events (processors stopped):%n%n" + "| view | events/s | |%n|---|---:|---|%n",
                stored));
        // Municipality last: it was the slowest when one document gathered every application (ADR 0025); should a
        // rebuild not finish within the limit, its rate so far is reported.
        for (String view : List.of(
                MembershipProjection.VIEW, FunderApplicationsProjection.VIEW,
                AuditTrailProjection.VIEW, MunicipalityProjection.VIEW)) {
            long t0 = System.nanoTime();
            long limit = t0 + REBUILD_LIMIT.toNanos();
            rebuilder.start(view, null).block(Duration.ofSeconds(30));
            Document progress;
            do {
                Thread.sleep(20);
                progress = rebuilder.progress(view).block(Duration.ofSeconds(30));
            } while (List.of("REPLAYING", "SWITCHING").contains(progress.getString("state"))
                    && System.nanoTime() < limit);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long done = ((Number) progress.get("eventsDone")).longValue();
            String state = progress.getString("state");
            report.append(String.format(
                    "| %s | %,.0f | %s, %,d events in %.1f s |%n", view, done / seconds, state, done, seconds));
            if (!state.equals("DONE")) {
                break;
            }
        }
        report.append('\n');
    }

    private static Map<String, Long> snapshot() {
        Map<String, Long> counted = new TreeMap<>();
        operations.forEach((k, v) -> counted.put(k, v.get()));
        return counted;
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static EventMessage<?> message(String id, long sequence, ConsortiumEvent event) {
        return new GenericDomainEventMessage<>(
                "ConsortiumApplication", id, sequence, event, MetaData.from(Map.of("actorId", "bench")));
    }

    /** Appends the story one event per commit, {@code interval} ns apart; records each commit; the last position. */
    private long story(String id, Map<Long, Long> committed, long interval) throws InterruptedException {
        long sequence = 0;
        long last = 0;
        long next = System.nanoTime();
        for (ConsortiumEvent event : seedStory(id)) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next += interval;
            writer.appendEvents(List.of(message(id, sequence, event)));
            long at = System.nanoTime();
            last = writerLog.readStream(id, sequence, 1).get(0).position();
            if (committed != null) {
                committed.put(last, at);
            }
            sequence++;
        }
        lastByApplication.put(id, last);
        return last;
    }

    /** Waits (reading with the writer's own client, not counted) until every view reflects every story's end. */
    private void awaitViews() throws InterruptedException {
        long position = lastByApplication.values().stream()
                .mapToLong(Long::longValue)
                .max()
                .orElse(0);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        var progress = writerDatabase.getCollection(ViewProgress.COLLECTION);
        var membership = writerDatabase.getCollection(MembershipProjection.COLLECTION);
        while (System.nanoTime() < deadline) {
            boolean done = true;
            for (String view : List.of(
                    MunicipalityProjection.VIEW, FunderApplicationsProjection.VIEW, AuditTrailProjection.VIEW)) {
                Document d = progress.find(Filters.eq("_id", view)).first();
                done &= d != null && ((Number) d.get("position")).longValue() >= position;
            }
            // Membership has no progress document (two segments): each application's document tells.
            for (var app : lastByApplication.entrySet()) {
                if (!done) {
                    break;
                }
                Document d = membership.find(Filters.eq("_id", app.getKey())).first();
                done = d != null && ((Number) d.get("position")).longValue() >= app.getValue();
            }
            if (done) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("The views did not catch up with position " + position);
    }
}
