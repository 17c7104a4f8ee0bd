package se.norrort.consortium.query.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import se.norrort.consortium.api.events.ApplicationOpened;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.query.CatchUp;
import se.norrort.consortium.query.QueryApiTestBase;
import se.norrort.consortium.security.TestTokens;

/** Abuse cases of the security review on the read side (issue 13). */
class QueryHardeningApiTest extends QueryApiTestBase {

    private static ApplicationOpened openedFor(String id, String... invited) {
        return new ApplicationOpened(
                new ApplicationId(id),
                new MunicipalityCode("0191"),
                LegalBasis.SECTION_37,
                "Länsstyrelsen i Stockholms län",
                "Gemensam resurs",
                List.of("nyanlända"),
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2025, 12, 31),
                LocalDate.of(2023, 12, 31),
                2_400_000,
                java.util.Arrays.stream(invited).map(MunicipalityCode::new).toList());
    }

    // --- row 6: an application named "stream" is checked like any other

    @Test
    void givenAnApplicationNamedStream_whenANonInvitedOfficerReadsItsAuditTrail_thenProblem403() {
        long position = append(0, openedFor("stream", "0191", "0162"));
        CatchUp.get(web, "/api/applications/stream/audit-trail?minPosition=" + position)
                .expectStatus()
                .isOk();

        web.get()
                .uri("/api/applications/stream/audit-trail")
                .headers(h -> h.setBearerAuth(TestTokens.officer("0160")))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_A_MEMBER");
        web.get()
                .uri("/api/applications/stream/membership")
                .headers(h -> h.setBearerAuth(TestTokens.officer("0160")))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void givenAnApplicationTheStoreDoesNotHold_whenAnOfficerReadsWithMinPosition_then404AtOnceNot503After5s() {
        long started = System.nanoTime();
        web.get()
                .uri("/api/applications/never-opened/audit-trail?minPosition=1")
                .headers(h -> h.setBearerAuth(TestTokens.officer("0162")))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    // --- row 1: the query-service answers problems for Spring's own refusals too

    @Test
    void givenAnUnknownPathOrAnAcceptNoEndpointProduces_thenProblemsWithAStableCode() {
        web.get()
                .uri("/api/municipalities/0162/nothing-here")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_FOUND");
        web.get()
                .uri("/api/municipalities/0162/provenance?field=x")
                .accept(MediaType.IMAGE_PNG)
                .exchange()
                .expectStatus()
                .isEqualTo(406)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_ACCEPTABLE");
        web.delete()
                .uri("/api/applications")
                .exchange()
                .expectStatus()
                .value(s -> assertThat(s).isIn(403, 405))
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.get()
                .uri("/api/applications/x%2Fy/audit-trail")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_PATH");
    }

    // --- row 7: stream caps and expiry

    private FluxExchangeResult<String> openStream(String token, String path) {
        return web.get()
                .uri(path)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .returnResult(String.class);
    }

    @Test
    void givenFiveOpenStreamsOfOneClient_whenOpeningASixth_thenProblem429_andAfterClosingOneItOpens() {
        String token = TestTokens.token("stream-hog", "Hog", "MUNICIPALITY_OFFICER", "0162");
        List<reactor.core.Disposable> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            FluxExchangeResult<String> stream = openStream(token, "/api/municipalities/0162/stream");
            assertThat(stream.getStatus().value()).isEqualTo(200);
            open.add(stream.getResponseBody().subscribe());
        }
        FluxExchangeResult<String> sixth = openStream(token, "/api/municipalities/0162/stream");
        assertThat(sixth.getStatus().value()).isEqualTo(429);
        assertThat(sixth.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(String.join("", sixth.getResponseBody().collectList().block(Duration.ofSeconds(5))))
                .contains("\"code\":\"TOO_MANY_STREAMS\"");

        // another client is not affected
        FluxExchangeResult<String> other = openStream(TestTokens.officer("0162"), "/api/municipalities/0162/stream");
        assertThat(other.getStatus().value()).isEqualTo(200);
        other.getResponseBody().subscribe().dispose();

        open.remove(0).dispose();
        await("a stream opens once one of the five is closed")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    FluxExchangeResult<String> again = openStream(token, "/api/municipalities/0162/stream");
                    if (again.getStatus().value() == 200) {
                        open.add(again.getResponseBody().subscribe());
                        return true;
                    }
                    again.getResponseBody().subscribe().dispose();
                    return false;
                });
        open.forEach(reactor.core.Disposable::dispose);
    }

    @Test
    void givenAStreamOpenedWithAToken_whenTheTokenExpires_thenTheStreamEnds() {
        String shortLived = TestTokens.minter()
                .mint("expiring-reader", "Short", "MUNICIPALITY_OFFICER", "0162", Duration.ofSeconds(3));
        Flux<String> stream =
                openStream(shortLived, "/api/municipalities/0162/stream").getResponseBody();

        StepVerifier.create(stream)
                .thenConsumeWhile(event -> true)
                .expectComplete()
                .verify(Duration.ofSeconds(12));
    }

    @Test
    void givenAnAuditTrailStream_whenTheTokenExpires_thenItEndsToo() {
        long position = append(0, openedFor("expiring-history", "0191"));
        CatchUp.get(web, "/api/applications/expiring-history/audit-trail?minPosition=" + position)
                .expectStatus()
                .isOk();
        String shortLived = TestTokens.minter()
                .mint("expiring-owner", "Short", "MUNICIPALITY_OFFICER", "0191", Duration.ofSeconds(3));
        Flux<String> stream = openStream(shortLived, "/api/applications/expiring-history/audit-trail/stream")
                .getResponseBody();

        StepVerifier.create(stream)
                .thenConsumeWhile(event -> true)
                .expectComplete()
                .verify(Duration.ofSeconds(12));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
