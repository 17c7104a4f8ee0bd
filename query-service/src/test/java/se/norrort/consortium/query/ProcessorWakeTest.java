package se.norrort.consortium.query;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.opened;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.Disposable;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.eventstore.axon.EventLogStorageEngine;
import se.norrort.consortium.eventstore.mongo.MongoEventLog;
import se.norrort.consortium.query.live.ViewChangeHub;
import se.norrort.consortium.query.membership.MembershipProjection;
import se.norrort.consortium.security.TestTokens;

/**
 * Events committed by another JVM (here: a writer with an event log of its own, which the query-service's event
 * store knows nothing of) reach the processors within milliseconds, not at Axon's 1 s fetch and 500 ms look.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.config.name=query-service", "server.address=127.0.0.1"})
class ProcessorWakeTest {

    private static final String DATABASE = TestMongo.freshDatabaseName();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("norrort.mongodb.uri", TestMongo::connectionString);
        registry.add("norrort.mongodb.database", () -> DATABASE);
        registry.add("norrort.security.key-file", () -> TestTokens.keyFile().toString());
    }

    @Autowired
    ViewChangeHub changes;

    @Autowired
    Serializer serializer;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Test
    void givenACommitByAnotherWriter_thenItsMembershipChangeIsPublishedWellWithinAxonsPollingDelay()
            throws InterruptedException {
        EventLog log =
                new MongoEventLog(TestMongo.client().getDatabase(DATABASE), Duration.ofSeconds(10), Clock.systemUTC());
        EventLogStorageEngine writer = EventLogStorageEngine.builder()
                .eventLog(log)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .build();
        Map<Long, Long> published = new ConcurrentHashMap<>();
        Disposable subscription = changes.of(MembershipProjection.VIEW)
                .subscribe(c -> published.putIfAbsent(c.position(), System.nanoTime()));
        try {
            String id = "wake-1";
            append(writer, id, 0, opened(id));
            awaitPublished(published, log.readStream(id, 0, 1).get(0).position());
            List<Long> delays = new ArrayList<>();
            List<String> codes = List.of("0114", "0115", "0117", "0120", "0123", "0125", "0126");
            for (int i = 0; i < codes.size(); i++) {
                // Spread over the fetch cycle, so that a 1 s poll could not hide behind a lucky phase.
                Thread.sleep(137L * (i + 1) % 400);
                append(writer, id, i + 1, joined(id, codes.get(i)));
                long committed = System.nanoTime();
                long position = log.readStream(id, i + 1, 1).get(0).position();
                delays.add((awaitPublished(published, position) - committed) / 1_000_000);
            }
            Collections.sort(delays);
            // Axon's defaults (a 1 s fetch, a 500 ms look) give a median of about 750 ms; the waking source ~20 ms.
            assertThat(delays.get(delays.size() / 2))
                    .as("median delay in ms of %s", delays)
                    .isLessThan(400);
        } finally {
            subscription.dispose();
        }
    }

    private static void append(EventLogStorageEngine writer, String id, long sequence, ConsortiumEvent event) {
        writer.appendEvents(List.of(new GenericDomainEventMessage<>(
                "ConsortiumApplication", id, sequence, event, MetaData.from(Map.of("actorId", "test")))));
    }

    private static long awaitPublished(Map<Long, Long> published, long position) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Long at = published.get(position);
            if (at != null) {
                return at;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("No membership change at position " + position);
    }
}
