package se.norrort.consortium.query.funder;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.granted;
import static se.norrort.consortium.query.TestEvents.openedFor;
import static se.norrort.consortium.query.TestEvents.submitted;

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

class FunderApplicationsApiTest extends QueryApiTestBase {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE =
            new ParameterizedTypeReference<>() {};

    @Test
    void givenSubmittedAndPreparedApplications_whenListing_thenOnlySubmittedOnesAreListedNewestFirst() {
        append(0, openedFor("fund-a", "Gemensam resurs", "0191", "0162"), submitted("fund-a", "0191", "0162"));
        append(0, openedFor("fund-b", "Språkstöd", "0191"), submitted("fund-b", "0191"));
        long last = append(0, openedFor("fund-c", "Still in preparation", "0191"));

        Map<String, Object> page = CatchUp.get(web, "/api/applications?page=0&size=100&minPosition=" + last)
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        List<String> ids = list(page.get("items")).stream()
                .map(i -> (String) i.get("applicationId"))
                .toList();
        assertThat(ids).contains("fund-a", "fund-b").doesNotContain("fund-c");
        assertThat(ids.indexOf("fund-b")).isLessThan(ids.indexOf("fund-a"));
        assertThat(page).containsEntry("page", 0).containsEntry("size", 100);
        assertThat(((Number) page.get("total")).longValue()).isEqualTo(ids.size());
        assertThat(((Number) page.get("position")).longValue()).isGreaterThanOrEqualTo(last);
        Map<String, Object> a = list(page.get("items")).get(ids.indexOf("fund-a"));
        assertThat(a)
                .containsEntry("status", "SUBMITTED")
                .containsEntry("title", "Gemensam resurs")
                .containsEntry("owner", "0191")
                .containsEntry("appliedAmountSek", 4_000_000)
                .containsEntry("joiningDeadline", "2023-10-31")
                .doesNotContainKey("_id");
        assertThat(map(a.get("participants"))).containsEntry("invited", 2);
    }

    @Test
    void givenAPageSize_thenThePageHoldsAtMostThatManyItemsAndTheTotalCountsAll() {
        append(0, openedFor("fund-p1", "One", "0191"), submitted("fund-p1", "0191"));
        long last = append(0, openedFor("fund-p2", "Two", "0191"), submitted("fund-p2", "0191"));

        Map<String, Object> first = CatchUp.get(web, "/api/applications?page=0&size=1&minPosition=" + last)
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        Map<String, Object> second = web.get()
                .uri("/api/applications?page=1&size=1")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat(list(first.get("items")))
                .singleElement()
                .satisfies(i -> assertThat(i).containsEntry("applicationId", "fund-p2"));
        assertThat(list(second.get("items")))
                .singleElement()
                .satisfies(i -> assertThat(i).containsEntry("applicationId", "fund-p1"));
        assertThat(((Number) first.get("total")).longValue()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void givenAStatusAndAText_whenListing_thenOnlyMatchingApplicationsAreListedAndCounted() {
        append(0, openedFor("filt-a", "Filtertest Språkstöd (a)", "0191"), submitted("filt-a", "0191"));
        append(0, openedFor("filt-b", "Filtertest Gemensam resurs", "0191"), submitted("filt-b", "0191"));
        long last = append(2, granted("filt-b"));

        Map<String, Object> granted = CatchUp.get(
                        web, "/api/applications?status=GRANTED&q=filtertest&size=100&minPosition=" + last)
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(ids(granted)).containsExactly("filt-b");
        assertThat(((Number) granted.get("total")).longValue()).isEqualTo(1);

        Map<String, Object> text = get("/api/applications?q=SPRÅKSTÖD (A)&size=100");
        assertThat(ids(text)).containsExactly("filt-a");
        assertThat(((Number) text.get("total")).longValue()).isEqualTo(1);
        // the text is literal, not a pattern: ".*" matches no title here
        assertThat(ids(get("/api/applications?q=filtertest.*&size=100"))).isEmpty();
        assertThat(ids(get("/api/applications?status=SUBMITTED&q=filt-&size=100")))
                .containsExactly("filt-a");
    }

    @Test
    void givenAnUnknownStatusOrATooLongText_thenBadRequestProblems() {
        web.get()
                .uri("/api/applications?status=PAID")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_FILTER");
        // the two statuses before submission: the funder lists no such application, so they are no filter either
        for (String beforeSubmission : new String[] {"OPEN", "JOINING_CLOSED"}) {
            web.get()
                    .uri("/api/applications?status=" + beforeSubmission)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("INVALID_FILTER")
                    .jsonPath("$.detail")
                    .isEqualTo("status must be one of SUBMITTED, GRANTED, REJECTED or CLOSED "
                            + "(an application is in the funder's list from its submission on).");
        }
        web.get()
                .uri("/api/applications?q=" + "x".repeat(101))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_FILTER");
    }

    private Map<String, Object> get(String uri) {
        return web.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private static List<String> ids(Map<String, Object> page) {
        return list(page.get("items")).stream()
                .map(i -> (String) i.get("applicationId"))
                .toList();
    }

    @Test
    void givenAPageOutOfRange_thenBadRequestProblems() {
        web.get()
                .uri("/api/applications?size=0")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_PAGE_SIZE");
        web.get().uri("/api/applications?size=101").exchange().expectStatus().isBadRequest();
        web.get()
                .uri("/api/applications?page=-1")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_PAGE");
    }

    @Test
    void givenAPositionTheListHasNotReached_thenServiceUnavailableWithRetryAfter() {
        long last = append(0, openedFor("fund-late", "Late", "0191"));

        web.mutate()
                .responseTimeout(Duration.ofSeconds(15))
                .build()
                .get()
                .uri("/api/applications?minPosition=" + (last + 1_000_000))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals("Retry-After", "1")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VIEW_NOT_CAUGHT_UP");
    }

    @Test
    void givenASubscriber_whenTheFunderGrantsAListedApplication_thenTheStreamPushesIt() {
        long submittedAt = append(0, openedFor("fund-live", "Gemensam resurs", "0191"), submitted("fund-live", "0191"));
        CatchUp.get(web, "/api/applications?minPosition=" + submittedAt)
                .expectStatus()
                .isOk();
        AtomicLong grantedAt = new AtomicLong();

        Flux<ServerSentEvent<Map<String, Object>>> stream = web.get()
                .uri("/api/applications")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(SSE)
                .getResponseBody()
                .filter(e -> e.data() != null);

        StepVerifier.create(stream)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(300))
                .then(() -> grantedAt.set(append(2, granted("fund-live"))))
                .assertNext(change -> {
                    assertThat(change.id()).isEqualTo(Long.toString(grantedAt.get()));
                    assertThat(change.data())
                            .containsEntry("applicationId", "fund-live")
                            .containsEntry("status", "GRANTED")
                            .containsEntry("grantedAmountSek", 3_200_000)
                            .containsEntry("caseNumber", "851-41235-2023");
                })
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void givenALastEventId_whenReconnecting_thenChangesSinceThenArriveFirst() {
        long submittedAt =
                append(0, openedFor("fund-resume", "Gemensam resurs", "0191"), submitted("fund-resume", "0191"));
        long grantedAt = append(2, granted("fund-resume"));
        CatchUp.get(web, "/api/applications?minPosition=" + grantedAt)
                .expectStatus()
                .isOk();

        Flux<ServerSentEvent<Map<String, Object>>> stream = web.get()
                .uri("/api/applications/stream")
                .header("Last-Event-ID", Long.toString(submittedAt))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(SSE)
                .getResponseBody()
                .filter(e -> e.data() != null);

        StepVerifier.create(stream)
                .assertNext(change -> {
                    assertThat(change.id()).isEqualTo(Long.toString(grantedAt));
                    assertThat(change.data())
                            .containsEntry("applicationId", "fund-resume")
                            .containsEntry("status", "GRANTED");
                })
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }
}
