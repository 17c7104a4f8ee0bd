package se.norrort.consortium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With both services down (their ports closed), the gateway answers API requests with problem+json 503
 * {@code SERVICE_UNAVAILABLE} and {@code Retry-After}, never Boot's error page or an exception's text.
 */
class GatewayProblemsTest {

    private static ConfigurableApplicationContext gateway;
    private static WebTestClient client;

    @BeforeAll
    static void start() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        SpringApplication application = new SpringApplication(WebApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "web"));
        gateway = application.run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--COMMAND_SERVICE_URL=http://127.0.0.1:" + closed,
                "--QUERY_SERVICE_URL=http://127.0.0.1:" + closed);
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aReadAndACommandToAServiceThatIsDownAreAnsweredAsProblems() {
        for (var request : new WebTestClient.RequestHeadersSpec<?>[] {
            client.get().uri("/api/applications/a/membership"),
            client.post()
                    .uri("/api/applications")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}")
        }) {
            String body = request.exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader()
                    .valueEquals("Retry-After", "5")
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(body).contains("\"code\":\"SERVICE_UNAVAILABLE\"").contains("\"status\":503");
            assertThat(body).doesNotContain("Exception").doesNotContain("127.0.0.1");
        }
    }
}
