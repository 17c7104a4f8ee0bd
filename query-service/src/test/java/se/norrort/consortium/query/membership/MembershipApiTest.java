package se.norrort.consortium.query.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.opened;

import java.time.Duration;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import se.norrort.consortium.query.QueryApiTestBase;

class MembershipApiTest extends QueryApiTestBase {

    @Test
    void givenStoredEvents_whenReadingWithTheLastPosition_thenTheViewReflectsThem() {
        long position = append(0, opened("m-1"), joined("m-1", "0162"));

        web.get()
                .uri("/api/applications/m-1/membership?minPosition=" + position)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.applicationId")
                .isEqualTo("m-1")
                .jsonPath("$.summary")
                .isEqualTo("1 of 15 joined, 0 signed")
                .jsonPath("$.position")
                .isEqualTo((int) position);
    }

    @Test
    void givenASubscriber_whenDanderydJoins_thenTheStreamPushesTheNewStateWithinASecond() {
        long opened = append(0, opened("m-live"));
        web.get()
                .uri("/api/applications/m-live/membership?minPosition=" + opened)
                .exchange()
                .expectStatus()
                .isOk();

        Flux<ServerSentEvent<Map<String, Object>>> stream = web.get()
                .uri("/api/applications/m-live/membership")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
                .getResponseBody()
                .filter(e -> e.data() != null);

        StepVerifier.create(stream)
                .assertNext(first -> {
                    assertThat(first.id()).isEqualTo(Long.toString(opened));
                    assertThat(first.data()).containsEntry("summary", "0 of 15 joined, 0 signed");
                })
                .then(() -> append(1, joined("m-live", "0162")))
                .assertNext(change -> assertThat(change.data()).containsEntry("summary", "1 of 15 joined, 0 signed"))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void givenALastEventId_whenReconnecting_thenOnlyNewerStatesArrive() {
        long position = append(0, opened("m-resume"), joined("m-resume", "0162"));
        web.get()
                .uri("/api/applications/m-resume/membership?minPosition=" + position)
                .exchange()
                .expectStatus()
                .isOk();

        Flux<ServerSentEvent<Document>> stream = web.get()
                .uri("/api/applications/m-resume/membership/stream")
                .header("Last-Event-ID", Long.toString(position))
                .exchange()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Document>>() {})
                .getResponseBody()
                .filter(e -> e.data() != null);

        StepVerifier.create(stream)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(500))
                .then(() -> append(2, joined("m-resume", "0160")))
                .assertNext(change -> assertThat(Long.parseLong(change.id())).isGreaterThan(position))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }
}
