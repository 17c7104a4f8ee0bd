package se.norrort.consortium.query.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.invited;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.opened;
import static se.norrort.consortium.query.TestEvents.signed;
import static se.norrort.consortium.query.TestEvents.withdrew;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import se.norrort.consortium.query.CatchUp;
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
    @SuppressWarnings("unchecked")
    void givenDanderydWithdrewAndWasInvitedAgain_whenReading_thenItIsInvited_andAmongThoseStillMissing() {
        long position = append(
                0,
                opened("m-reinvite"),
                joined("m-reinvite", "0162"),
                signed("m-reinvite", "0162", "bme", "Britt-Marie Ekström"),
                withdrew("m-reinvite", "0162"),
                invited("m-reinvite", "0162"));

        Map<String, Object> view = CatchUp.get(web, "/api/applications/m-reinvite/membership?minPosition=" + position)
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();

        assertThat(list(view.get("members")))
                .filteredOn(m -> "0162".equals(m.get("code")))
                .singleElement()
                .satisfies(m -> assertThat(m)
                        .containsEntry("status", "INVITED")
                        .containsEntry("signed", false)
                        .satisfies(member -> assertThat(member.get("decision")).isNull()));
        assertThat((List<Object>) view.get("notAnswered")).contains("0162").hasSize(15);
        assertThat(view).containsEntry("summary", "0 of 15 joined, 0 signed");
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
