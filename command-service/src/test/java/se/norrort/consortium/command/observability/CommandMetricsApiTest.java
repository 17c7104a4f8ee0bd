package se.norrort.consortium.command.observability;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.command.web.CommandApiTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Command rate, latency and refusals by code on the management port's {@code /actuator/prometheus}, and nothing of
 * actuator on the API port.
 */
class CommandMetricsApiTest extends CommandApiTestBase {

    @Autowired
    Environment environment;

    @Test
    void acceptedAndRefusedCommandsAreCountedByRouteOutcomeAndCode() {
        post("/api/applications", "0191").bodyValue(openBody("app-metrics")).exchange().expectStatus().isCreated();
        post("/api/applications/app-metrics/municipalities/0160/join", "0160").bodyValue(joinBody("0160"))
                .exchange().expectStatus().isAccepted();
        post("/api/applications/app-metrics/municipalities/0160/join", "0160").bodyValue(joinBody("0160"))
                .exchange().expectStatus().isEqualTo(409);
        post("/api/applications/app-metrics/municipalities/0160/join", "0160").bodyValue(joinBody("0160"))
                .exchange().expectStatus().isEqualTo(409);

        // The scrape holds a histogram per route, outcome and code of every command the shared test context has
        // seen, which passes WebClient's default 256 KB buffer once several API test classes ran before this one.
        WebTestClient management = WebTestClient.bindToServer()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .baseUrl("http://127.0.0.1:" + environment.getProperty("local.management.port")).build();
        String metrics = management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                                   .expectBody(String.class).returnResult().getResponseBody();

        String join = "command=\"/api/applications/{applicationId}/municipalities/{code}/join\"";
        assertThat(metrics).containsPattern("norrort_commands_seconds_count\\{application=\"command-service\","
                                                    + "code=\"none\",command=\"/api/applications\",outcome=\"accepted\","
                                                    + "status=\"201\"} 1");
        assertThat(metrics).containsPattern("norrort_commands_seconds_count\\{application=\"command-service\","
                                                    + "code=\"MUNICIPALITY_ALREADY_JOINED\","
                                                    + java.util.regex.Pattern.quote(join)
                                                    + ",outcome=\"refused\",status=\"409\"} 2");
        assertThat(metrics).contains("norrort_commands_seconds_bucket{");
        assertThat(metrics).contains("mongodb_driver_pool_size");
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
    }
}
