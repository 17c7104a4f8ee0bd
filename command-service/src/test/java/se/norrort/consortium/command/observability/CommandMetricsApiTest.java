package se.norrort.consortium.command.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.command.web.CommandApiTestBase;

/**
 * Command rate, latency and refusals by code on the management port's {@code /actuator/prometheus}, and nothing of
 * actuator on the API port.
 */
class CommandMetricsApiTest extends CommandApiTestBase {

    @Autowired
    Environment environment;

    @Test
    void acceptedAndRefusedCommandsAreCountedByRouteOutcomeAndCode() {
        // The Spring test context (and its registry) is shared with the API test classes that ran before this one,
        // so the counts are compared with a scrape taken before this test's commands.
        String opened = "code=\"none\",command=\"/api/applications\",outcome=\"accepted\",status=\"201\"";
        String refusedJoin = "code=\"MUNICIPALITY_ALREADY_JOINED\","
                + "command=\"/api/applications/{applicationId}/municipalities/{code}/join\","
                + "outcome=\"refused\",status=\"409\"";
        String before = scrape();

        open("app-metrics");
        join("app-metrics", "0160");
        post("/api/applications/app-metrics/municipalities/0160/join", "0160")
                .bodyValue(joinBody("0160"))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        post("/api/applications/app-metrics/municipalities/0160/join", "0160")
                .bodyValue(joinBody("0160"))
                .exchange()
                .expectStatus()
                .isEqualTo(409);

        String metrics = scrape();
        assertThat(count(metrics, opened) - count(before, opened)).isEqualTo(1);
        assertThat(count(metrics, refusedJoin) - count(before, refusedJoin)).isEqualTo(2);
        assertThat(metrics).contains("norrort_commands_seconds_bucket{");
        assertThat(metrics).contains("mongodb_driver_pool_size");
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aggregateLoadsAreCountedAsCacheHitsOrMisses() {
        open("app-cache-metrics");
        String before = scrape();

        join("app-cache-metrics", "0160"); // loads the application just opened: in the cache
        join("app-cache-metrics", "0162");

        String after = scrape();
        assertThat(cacheLoads(after, "hit") - cacheLoads(before, "hit")).isGreaterThanOrEqualTo(2);
        assertThat(after)
                .contains("norrort_aggregate_cache_loads_total{application=\"command-service\",result=\"miss\"}");
    }

    private static double cacheLoads(String metrics, String result) {
        Matcher count = Pattern.compile("norrort_aggregate_cache_loads_total\\{application=\"command-service\","
                        + "result=\"" + result + "\"} (\\S+)")
                .matcher(metrics);
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }

    /** The management port's Prometheus scrape (it holds a histogram per route, outcome and code: over 256 KB). */
    private String scrape() {
        WebTestClient management = WebTestClient.bindToServer()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .baseUrl("http://127.0.0.1:" + environment.getProperty("local.management.port"))
                .build();
        return management
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    /** The command count with exactly these labels (besides the application's), 0 when never counted. */
    private static double count(String metrics, String labels) {
        Matcher count = Pattern.compile("norrort_commands_seconds_count\\{application=\"command-service\","
                        + Pattern.quote(labels) + "} (\\S+)")
                .matcher(metrics);
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }
}
