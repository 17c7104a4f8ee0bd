package se.norrort.consortium.command.web;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.security.TestTokens;

/** Commands are limited per client: past the limit, 429 with Retry-After; another client is not affected. */
@TestPropertySource(properties = "norrort.security.commands-per-minute=3")
class RateLimitApiTest extends OwnDatabaseApiTestBase {

    @Value("${local.server.port}")
    int port;

    /** {@code municipality}'s officer declines an application that does not exist (404 while under the limit). */
    private WebTestClient.ResponseSpec decline(String municipality, String token) {
        return decline(web.post().uri("/api/applications/none/municipalities/" + municipality + "/decline"), token);
    }

    private WebTestClient.ResponseSpec decline(WebTestClient.RequestBodySpec request, String token) {
        return request.contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(token))
                .bodyValue("{\"reason\":\"r\"}")
                .exchange();
    }

    /** The limit's three commands a minute, each answered. */
    private void useUpTheLimit(String municipality, String token) {
        for (int i = 0; i < 3; i++) {
            decline(municipality, token).expectStatus().isNotFound();
        }
    }

    @Test
    void givenAClientOverTheLimit_whenSendingAnotherCommand_thenProblem429ButOtherClientsGoOn() {
        String danderyd = TestTokens.officer("0162");
        useUpTheLimit("0162", danderyd);

        decline("0162", danderyd)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("TOO_MANY_REQUESTS");

        decline("0160", TestTokens.officer("0160")).expectStatus().isNotFound();
    }

    @Test
    void givenAClientOverTheLimit_whenSendingTheCommandToAPercentEncodedPath_thenStillProblem429() {
        String vallentuna = TestTokens.officer("0115");
        useUpTheLimit("0115", vallentuna);

        URI encoded = URI.create("http://127.0.0.1:" + port + "/%61pi/applications/none/municipalities/0115/decline");
        decline(web.post().uri(encoded), vallentuna)
                .expectStatus()
                .isEqualTo(429)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("TOO_MANY_REQUESTS");
    }
}
