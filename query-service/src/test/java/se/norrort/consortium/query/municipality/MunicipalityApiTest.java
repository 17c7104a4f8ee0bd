package se.norrort.consortium.query.municipality;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.delegated;
import static se.norrort.consortium.query.TestEvents.invited;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.openedFor;
import static se.norrort.consortium.query.TestEvents.withdrew;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import se.norrort.consortium.query.CatchUp;
import se.norrort.consortium.query.QueryApiTestBase;

class MunicipalityApiTest extends QueryApiTestBase {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Test
    void givenDanderydJoined_whenReadingItsViewWithTheLastPosition_thenItShowsTheDecisionAndWhatItStillHasToDo() {
        long position = append(0, openedFor("mun-1", "Gemensam resurs", "0191", "0162"), joined("mun-1", "0162"));

        Map<String, Object> view = CatchUp.get(web, "/api/municipalities/0162?minPosition=" + position)
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat(view)
                .containsEntry("code", "0162")
                .containsEntry("name", "Danderyd")
                .doesNotContainKey("_id");
        assertThat(((Number) view.get("position")).longValue()).isEqualTo(position);
        Map<String, Object> entry = entry(view, "mun-1");
        assertThat(entry)
                .containsEntry("status", "JOINED")
                .containsEntry("title", "Gemensam resurs")
                .containsEntry("ownerName", "Sigtuna")
                .containsEntry("appealDeadline", "2023-10-04");
        assertThat(map(entry.get("decision"))).containsEntry("paragraph", "§ 45");
        assertThat(list(entry.get("todo"))).extracting(t -> t.get("action")).containsExactly("DELEGATE_SIGNATORY");
        assertThat(list(view.get("todo")))
                .anySatisfy(t -> assertThat(t)
                        .containsEntry("applicationId", "mun-1")
                        .containsEntry("action", "DELEGATE_SIGNATORY"));
    }

    @Test
    void givenDanderydWithdrewAndWasInvitedAgain_whenReadingItsView_thenItIsInvited_andAskedToJoinOrDecline() {
        long position = append(
                0,
                openedFor("mun-reinvite", "Gemensam resurs", "0191", "0162"),
                joined("mun-reinvite", "0162"),
                withdrew("mun-reinvite", "0162"),
                invited("mun-reinvite", "0162"));

        Map<String, Object> view = CatchUp.get(web, "/api/municipalities/0162?minPosition=" + position)
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        Map<String, Object> entry = entry(view, "mun-reinvite");
        assertThat(entry).containsEntry("status", "INVITED");
        assertThat(entry.get("decision")).isNull();
        assertThat(list(entry.get("todo"))).extracting(t -> t.get("action")).containsExactly("JOIN_OR_DECLINE");

        Map<String, Object> owner = CatchUp.get(web, "/api/municipalities/0191?minPosition=" + position)
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(map(entry(owner, "mun-reinvite").get("consortium")))
                .containsEntry("joined", 0)
                .containsEntry("withdrawn", 0)
                .containsEntry("notAnswered", 2);
    }

    @Test
    void givenAnEventThatDoesNotConcernTheMunicipality_whenReadingWithItsPosition_thenTheViewAnswersAtOnce() {
        long opened = append(0, openedFor("mun-2", "Gemensam resurs", "0191", "0162"));
        long elsewhere = append(0, openedFor("mun-2-other", "Språkstöd", "0191", "0187"));

        Map<String, Object> view = CatchUp.get(web, "/api/municipalities/0162?minPosition=" + elsewhere)
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat(((Number) view.get("position")).longValue())
                .isGreaterThanOrEqualTo(opened)
                .isLessThan(elsewhere);
        assertThat(entry(view, "mun-2")).containsEntry("status", "INVITED");
        assertThat(list(view.get("applications"))).noneMatch(e -> "mun-2-other".equals(e.get("applicationId")));
    }

    @Test
    void givenAnUnknownOrMalformedCode_thenNotFoundOrBadRequestProblems() {
        web.get()
                .uri("/api/municipalities/0998")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("MUNICIPALITY_NOT_FOUND")
                .jsonPath("$.status")
                .isEqualTo(404);

        web.get()
                .uri("/api/municipalities/162")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_MUNICIPALITY_CODE");
    }

    @Test
    void givenAMalformedCode_whenStreamed_thenTheStreamIsRefusedWithTheSameCodeAsTheJsonView() {
        web.get()
                .uri("/api/municipalities/162")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_MUNICIPALITY_CODE")
                .jsonPath("$.detail")
                .isEqualTo("A municipality code is exactly four digits, e.g. 0162, but was '162'.");
    }

    @Test
    void givenASubscriber_whenDanderydDelegatesItsSignatory_thenTheStreamPushesTheNewState() {
        long position = append(0, openedFor("mun-live", "Gemensam resurs", "0191", "0162"), joined("mun-live", "0162"));
        CatchUp.get(web, "/api/municipalities/0162?minPosition=" + position)
                .expectStatus()
                .isOk();

        Flux<ServerSentEvent<Map<String, Object>>> stream = web.get()
                .uri("/api/municipalities/0162")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
                .getResponseBody()
                .filter(e -> e.data() != null);

        StepVerifier.create(stream)
                .assertNext(first -> {
                    assertThat(first.id()).isEqualTo(Long.toString(position));
                    assertThat(entry(first.data(), "mun-live")).containsEntry("status", "JOINED");
                })
                .then(() -> append(2, delegated("mun-live", "0162", null)))
                .assertNext(change -> {
                    assertThat(Long.parseLong(change.id())).isGreaterThan(position);
                    Map<String, Object> entry = entry(change.data(), "mun-live");
                    assertThat(list(entry.get("delegations")))
                            .singleElement()
                            .satisfies(d -> assertThat(d).containsEntry("status", "ACTIVE"));
                    assertThat(list(entry.get("todo")))
                            .extracting(t -> t.get("action"))
                            .containsExactly("SIGN_COOPERATION_FORM");
                })
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    static Map<String, Object> entry(Map<String, Object> view, String applicationId) {
        return list(view.get("applications")).stream()
                .filter(e -> applicationId.equals(e.get("applicationId")))
                .findFirst()
                .orElseThrow();
    }
}
