package se.norrort.consortium.command.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.security.TestTokens;

/** Commands are limited per client: past the limit, 429 with Retry-After; another client is not affected. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=command-service",
            "server.address=127.0.0.1",
            "norrort.security.commands-per-minute=3"
        })
@AutoConfigureWebTestClient
class RateLimitApiTest {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("norrort.mongodb.uri", TestMongo::connectionString);
        registry.add("norrort.mongodb.database", TestMongo::freshDatabaseName);
        registry.add("norrort.security.key-file", () -> TestTokens.keyFile().toString());
    }

    @Autowired
    WebTestClient web;

    @Test
    void givenAClientOverTheLimit_whenSendingAnotherCommand_thenProblem429ButOtherClientsGoOn() {
        String danderyd = TestTokens.officer("0162");
        for (int i = 0; i < 3; i++) {
            web.post()
                    .uri("/api/applications/none/municipalities/0162/decline")
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> h.setBearerAuth(danderyd))
                    .bodyValue("{\"reason\":\"r\"}")
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }
        web.post()
                .uri("/api/applications/none/municipalities/0162/decline")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(danderyd))
                .bodyValue("{\"reason\":\"r\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("TOO_MANY_REQUESTS");

        web.post()
                .uri("/api/applications/none/municipalities/0160/decline")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(TestTokens.officer("0160")))
                .bodyValue("{\"reason\":\"r\"}")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @org.springframework.beans.factory.annotation.Value("${local.server.port}")
    int port;

    @Test
    void givenAClientOverTheLimit_whenSendingTheCommandToAPercentEncodedPath_thenStillProblem429() {
        String vallentuna = TestTokens.officer("0115");
        for (int i = 0; i < 3; i++) {
            web.post()
                    .uri("/api/applications/none/municipalities/0115/decline")
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> h.setBearerAuth(vallentuna))
                    .bodyValue("{\"reason\":\"r\"}")
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }
        web.post()
                .uri(java.net.URI.create(
                        "http://127.0.0.1:" + port + "/%61pi/applications/none/municipalities/0115/decline"))
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(vallentuna))
                .bodyValue("{\"reason\":\"r\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("TOO_MANY_REQUESTS");
    }
}
