package se.norrort.consortium.command.opening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import se.norrort.consortium.api.MetadataKeys;
import se.norrort.consortium.command.web.CommandApiTestBase;
import se.norrort.consortium.eventstore.StoredEvent;

class OpenAndJoinApiTest extends CommandApiTestBase {

    @Test
    void
            givenAnOfficerOfTheOwner_whenOpeningAndAMunicipalityJoins_thenVersionsAndPositionsAreReturnedAndEventsCarryTheActor() {
        post("/api/applications", "0191")
                .header("X-Request-Id", "req-1")
                .bodyValue(openBody("app-open-join"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Location", "/api/applications/app-open-join")
                .expectHeader()
                .valueEquals("ETag", "\"0\"")
                .expectBody()
                .jsonPath("$.applicationId")
                .isEqualTo("app-open-join")
                .jsonPath("$.version")
                .isEqualTo(0)
                .jsonPath("$.position")
                .isNumber();

        post("/api/applications/app-open-join/municipalities/0162/join", "0162")
                .bodyValue(joinBody("0162"))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(1);

        List<StoredEvent> stream = eventLog.readStream("app-open-join", 0, 100);
        assertThat(stream)
                .extracting(StoredEvent::payloadType)
                .containsExactly("ApplicationOpened", "MunicipalityJoined");
        assertThat(stream.get(0).metadata())
                .contains("\"" + MetadataKeys.ACTOR_ID + "\":\"officer-0191\"")
                .contains("\"" + MetadataKeys.CLIENT_REQUEST_ID + "\":\"req-1\"")
                .contains(MetadataKeys.CAUSATION_ID);
        assertThat(stream.get(1).metadata()).contains("\"" + MetadataKeys.ACTOR_MUNICIPALITY + "\":\"0162\"");
    }

    @Test
    void givenBadInput_whenSending_thenProblem400WithoutInternals() {
        int before = allEvents().size();
        post("/api/applications/x/municipalities/0162/join", "0162")
                .bodyValue("{\"decision\":{")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST")
                .jsonPath("$.trace")
                .doesNotExist();
        post("/api/applications/x/municipalities/12/join", "0162")
                .bodyValue(joinBody("12"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");
        assertThat(allEvents()).hasSize(before);
    }

    @Test
    void givenAFractionOfAKrona_whenOpening_thenProblem400AndNothingIsStored() {
        int before = allEvents().size();
        post("/api/applications", "0191")
                .bodyValue(openBody("app-fraction").replace("2400000", "1500.7"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");
        assertThat(allEvents()).hasSize(before);
    }

    @Test
    void givenAnExistingApplication_whenOpeningTheSameIdAgain_thenProblem409() {
        open("app-dup");
        post("/api/applications", "0191")
                .bodyValue(openBody("app-dup"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("APPLICATION_ALREADY_EXISTS");
    }

    @Test
    void givenNoActor_whenSending_thenProblem401() {
        web.post()
                .uri("/api/applications")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(openBody("app-anon"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHENTICATED");
    }
}
