package se.norrort.consortium.query.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.eventstore.embedded.EmbeddedMongo;
import se.norrort.consortium.query.QueryServiceApplication;
import se.norrort.consortium.security.TestTokens;

/**
 * The query-service's management port: readiness follows the store (DOWN while MongoDB is down, UP again after) and
 * the processors; Prometheus metrics show processor lag and the driver's metrics there and nowhere on the API port.
 * The store is an embedded server of the test's own, so it can be stopped.
 */
class ObservabilityTest {

    @TempDir
    static Path data;

    private static EmbeddedMongo store;
    private static ConfigurableApplicationContext service;

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private static WebTestClient client(String portProperty) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + service.getEnvironment().getProperty(portProperty))
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    @Test
    void readiness_follows_the_store_and_metrics_are_on_the_management_port_only() throws Exception {
        store = EmbeddedMongo.onFile(data.resolve("store.mv"), "127.0.0.1", 0);
        int port = store.port();
        service = QueryServiceApplication.application()
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--management.server.port=0",
                        "--norrort.mongodb.uri=" + store.connectionString(),
                        "--norrort.mongodb.database=observability",
                        "--norrort.security.key-file=" + TestTokens.keyFile(),
                        "--norrort.mongodb.client.server-selection-timeout=1s",
                        "--norrort.mongodb.client.health-timeout=1s",
                        "--norrort.observability.sample-interval=500ms");
        WebTestClient management = client("local.management.port");
        WebTestClient api = client("local.server.port");
        assertThat(service.getEnvironment().getProperty("local.management.port"))
                .isNotEqualTo(service.getEnvironment().getProperty("local.server.port"));

        awaitReadiness(management, 200);
        String metrics = management
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metrics)
                .contains("norrort_processor_lag_events{application=\"query-service\",processor=\"membership\"}")
                .contains("norrort_processor_lag_seconds")
                .contains("norrort_processor_dead_letters")
                .contains("norrort_live_streams")
                .contains("mongodb_driver_commands_seconds")
                .contains("mongodb_driver_pool_size");
        api.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        api.get().uri("/actuator/health").exchange().expectStatus().isNotFound();

        store.close();
        long stopped = System.nanoTime();
        awaitReadiness(management, 503);
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(10));
        management
                .get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk();

        store = EmbeddedMongo.onFile(data.resolve("store.mv"), "127.0.0.1", port);
        awaitReadiness(management, 200);
    }

    private static void awaitReadiness(WebTestClient management, int status) throws InterruptedException {
        await("readiness status " + status)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(management
                                .get()
                                .uri("/actuator/health/readiness")
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value())
                        .as("readiness status")
                        .isEqualTo(status));
    }
}
