package se.norrort.consortium.query.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.opened;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.security.TestTokens;

/**
 * A projection that fails parks the event in the MongoDB dead-letter queue: later events of the same application
 * wait behind it, other applications go on; operators list, retry and drop.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=query-service", "server.address=127.0.0.1"})
@AutoConfigureWebTestClient
@Import(DeadLetterApiTest.PoisonProjection.class)
class DeadLetterApiTest {

    private static final String DATABASE = TestMongo.freshDatabaseName();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("norrort.mongodb.uri", TestMongo::connectionString);
        registry.add("norrort.mongodb.database", () -> DATABASE);
        registry.add("norrort.security.key-file", () -> TestTokens.keyFile().toString());
    }

    @org.junit.jupiter.api.BeforeEach
    void asOperator() {
        web = web.mutate()
                .defaultHeaders(h -> h.setBearerAuth(TestTokens.token("operator", "Olle", "OPERATOR", null)))
                .build();
    }

    /** Fails on every event of an application whose id starts with "poison", while {@code failing} is set. */
    @ProcessingGroup("poison-test")
    static class PoisonProjection {
        static volatile boolean failing = true;
        static final List<String> handled = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(ConsortiumEvent event) {
            String id = event.applicationId().toString();
            if (failing && id.startsWith("poison")) {
                throw new IllegalStateException("cannot project " + id);
            }
            handled.add(id + ":" + event.getClass().getSimpleName());
        }
    }

    @Autowired
    WebTestClient web;

    @Autowired
    EventStore eventStore;

    @Test
    void givenAFailingHandler_whenEventsArrive_thenTheyAreParkedPerApplicationAndCanBeRetriedOrDropped()
            throws Exception {
        publish("poison-1", 0, opened("poison-1"));
        publish("poison-1", 1, joined("poison-1", "0162"));
        publish("healthy-1", 0, opened("healthy-1"));

        await(() -> PoisonProjection.handled.contains("healthy-1:ApplicationOpened"));
        await(() -> deadLetterCount() == 2);

        web.get()
                .uri("/api/operations/processors/poison-test/dead-letters")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.size")
                .isEqualTo(2)
                .jsonPath("$.deadLetters[0].sequence")
                .isEqualTo("poison-1")
                .jsonPath("$.deadLetters[0].eventType")
                .isEqualTo("ApplicationOpened")
                .jsonPath("$.deadLetters[1].eventType")
                .isEqualTo("MunicipalityJoined")
                .jsonPath("$.deadLetters[0].cause")
                .value(c -> assertThat((String) c).contains("cannot project"));
        assertThat(PoisonProjection.handled).noneMatch(h -> h.startsWith("poison-1"));

        PoisonProjection.failing = false;
        web.post()
                .uri("/api/operations/processors/poison-test/dead-letters/retry")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.sequencesSucceeded")
                .isEqualTo(1);
        assertThat(PoisonProjection.handled)
                .containsSubsequence("poison-1:ApplicationOpened", "poison-1:MunicipalityJoined");
        assertThat(deadLetterCount()).isZero();

        PoisonProjection.failing = true;
        publish("poison-2", 0, opened("poison-2"));
        await(() -> deadLetterCount() == 1);
        web.post()
                .uri("/api/operations/processors/poison-test/dead-letters/poison-2/drop")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.dropped")
                .isEqualTo(1);
        assertThat(deadLetterCount()).isZero();

        web.get()
                .uri("/api/operations/processors/no-such-group/dead-letters")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNKNOWN_PROCESSING_GROUP");
    }

    private int deadLetterCount() {
        return web.get()
                                .uri("/api/operations/processors/poison-test/dead-letters")
                                .exchange()
                                .expectStatus()
                                .isOk()
                                .expectBody(java.util.Map.class)
                                .returnResult()
                                .getResponseBody()
                                .get("size")
                        instanceof Number n
                ? n.intValue()
                : -1;
    }

    private void publish(String id, long sequence, ConsortiumEvent event) {
        eventStore.publish(new GenericDomainEventMessage<>("ConsortiumApplication", id, sequence, event));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }
}
