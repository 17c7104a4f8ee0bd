package se.norrort.consortium.query.audittrail;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.delegated;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.opened;
import static se.norrort.consortium.query.TestEvents.signed;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import se.norrort.consortium.query.CatchUp;
import se.norrort.consortium.query.QueryApiTestBase;

class AuditTrailApiTest extends QueryApiTestBase {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE =
            new ParameterizedTypeReference<>() {};

    private static final Map<String, Object> ANNA = Map.of(
            "actorId",
            "anna",
            "actorName",
            "Anna Berg",
            "actorRole",
            "MUNICIPALITY_OFFICER",
            "actorMunicipality",
            "0191",
            "correlationId",
            "c-1");
    private static final Map<String, Object> LINA = Map.of(
            "actorId",
            "lina",
            "actorName",
            "Lina Holm",
            "actorRole",
            "MUNICIPALITY_OFFICER",
            "actorMunicipality",
            "0162",
            "correlationId",
            "c-2");
    private static final Map<String, Object> BRITT_MARIE = Map.of(
            "actorId", "bme",
            "actorName", "Britt-Marie Ekström",
            "actorRole", "SIGNATORY",
            "actorMunicipality", "0162",
            "delegationId", "del-0162",
            "correlationId", "c-4");

    private long story(String id) {
        appendAs(0, ANNA, opened(id));
        appendAs(1, LINA, joined(id, "0162"));
        appendAs(2, LINA, delegated(id, "0162", null));
        return appendAs(3, BRITT_MARIE, signed(id, "0162", "bme", "Britt-Marie Ekström"));
    }

    @Test
    void givenTheStory_whenReadingTheTrail_thenEveryEventIsThereInOrderWithWhoDidItAndOnWhichDecision() {
        long last = story("au-1");

        Map<String, Object> trail = CatchUp.get(web, "/api/applications/au-1/audit-trail?minPosition=" + last)
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat(trail)
                .containsEntry("applicationId", "au-1")
                .containsEntry("total", 4)
                .containsEntry("page", 0)
                .containsEntry("size", 50);
        assertThat(((Number) trail.get("position")).longValue()).isEqualTo(last);
        List<Map<String, Object>> entries = list(trail.get("entries"));
        assertThat(entries)
                .extracting(e -> e.get("eventType"))
                .containsExactly(
                        "ApplicationOpened", "MunicipalityJoined", "SignatureDelegated", "CooperationFormSigned");
        assertThat(entries).extracting(e -> e.get("sequence")).containsExactly(0, 1, 2, 3);
        Map<String, Object> joinedEntry = entries.get(1);
        assertThat(joinedEntry)
                .containsEntry("actorId", "lina")
                .containsEntry("actorName", "Lina Holm")
                .containsEntry("actorRole", "MUNICIPALITY_OFFICER")
                .containsEntry("actorMunicipality", "0162")
                .containsEntry("correlationId", "c-2")
                .containsEntry(
                        "summary",
                        "Danderyd (0162) joined on Socialnämnden's decision § 45 of"
                                + " 2023-09-12, adjusted immediately; appeal deadline 2023-10-04.")
                .doesNotContainKey("_id");
        assertThat(map(joinedEntry.get("decision"))).containsEntry("paragraph", "§ 45");
        assertThat(entries.get(3)).containsEntry("actorRole", "SIGNATORY").containsEntry("delegationId", "del-0162");
        assertThat(((Number) entries.get(3).get("position")).longValue()).isEqualTo(last);
    }

    @Test
    void givenAPageAndSize_thenThatSliceOfTheTrailInEventOrder() {
        long last = story("au-2");

        CatchUp.get(web, "/api/applications/au-2/audit-trail?page=1&size=3&minPosition=" + last)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.entries.length()")
                .isEqualTo(1)
                .jsonPath("$.entries[0].eventType")
                .isEqualTo("CooperationFormSigned")
                .jsonPath("$.total")
                .isEqualTo(4)
                .jsonPath("$.page")
                .isEqualTo(1);
    }

    @Test
    void givenAnUnknownApplication_thenNotFoundProblem_andABadPageIsABadRequest() {
        web.get()
                .uri("/api/applications/au-unknown/audit-trail")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("APPLICATION_NOT_FOUND");
        web.get()
                .uri("/api/applications/au-unknown/audit-trail?size=201")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void givenASubscriber_whenAnEventIsRecorded_thenTheStoredEntriesAndThenTheNewOneArriveWithTheirPositions() {
        long opened = appendAs(0, ANNA, opened("au-live"));
        long joined = appendAs(1, LINA, joined("au-live", "0162"));
        CatchUp.get(web, "/api/applications/au-live/audit-trail?minPosition=" + joined)
                .expectStatus()
                .isOk();
        AtomicLong delegatedAt = new AtomicLong();

        Flux<ServerSentEvent<Map<String, Object>>> stream = web.get()
                .uri("/api/applications/au-live/audit-trail")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(SSE)
                .getResponseBody()
                .filter(e -> e.data() != null);

        StepVerifier.create(stream)
                .assertNext(e -> assertThat(e.id()).isEqualTo(Long.toString(opened)))
                .assertNext(e -> assertThat(e.id()).isEqualTo(Long.toString(joined)))
                .then(() -> delegatedAt.set(appendAs(2, LINA, delegated("au-live", "0162", null))))
                .assertNext(e -> {
                    assertThat(e.id()).isEqualTo(Long.toString(delegatedAt.get()));
                    assertThat(e.data())
                            .containsEntry("eventType", "SignatureDelegated")
                            .containsEntry("sequence", 2)
                            .containsEntry("actorName", "Lina Holm");
                })
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void givenALastEventId_whenReconnecting_thenOnlyLaterEntriesArrive() {
        appendAs(0, ANNA, opened("au-resume"));
        long joined = appendAs(1, LINA, joined("au-resume", "0162"));
        long delegated = appendAs(2, LINA, delegated("au-resume", "0162", null));
        CatchUp.get(web, "/api/applications/au-resume/audit-trail?minPosition=" + delegated)
                .expectStatus()
                .isOk();

        Flux<ServerSentEvent<Map<String, Object>>> stream = web.get()
                .uri("/api/applications/au-resume/audit-trail/stream")
                .header("Last-Event-ID", Long.toString(joined))
                .exchange()
                .returnResult(SSE)
                .getResponseBody()
                .filter(e -> e.data() != null);

        StepVerifier.create(stream)
                .assertNext(e -> {
                    assertThat(e.id()).isEqualTo(Long.toString(delegated));
                    assertThat(e.data()).containsEntry("eventType", "SignatureDelegated");
                })
                .expectNoEvent(Duration.ofMillis(300))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }
}
