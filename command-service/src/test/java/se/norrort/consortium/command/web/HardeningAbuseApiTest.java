package se.norrort.consortium.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.command.web.ProblemChecks.expectProblem;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import se.norrort.consortium.security.TestTokens;

/** Abuse cases of the security review (issue 13), each refused with a problem and nothing stored. */
class HardeningAbuseApiTest extends CommandApiScenarioBase {

    @Value("${local.server.port}")
    int port;

    private URI raw(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    // --- row 4: percent-encoded paths are matched decoded

    @Test
    void givenAnEncodedApiPath_whenRetriedWithTheSameIdempotencyKey_thenTheFirstAnswerIsReplayed() {
        String body = openJson("enc-open", null);
        web.post()
                .uri(raw("/%61pi/applications"))
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(TestTokens.officer(SIGTUNA)))
                .header("Idempotency-Key", "enc-key-1")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated();
        int after = allEvents().size();

        web.post()
                .uri(raw("/%61pi/applications"))
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(TestTokens.officer(SIGTUNA)))
                .header("Idempotency-Key", "enc-key-1")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true");
        assertThat(allEvents()).hasSize(after);
    }

    @Test
    void givenAnEncodedSlashOrDotSegment_thenProblem400InvalidPath() {
        for (String path : new String[] {
            "/api/applications/a%2Fb/municipalities/0162/join",
            "/api/applications/%2E%2E/municipalities/0162/join",
            "/api/applications/a%255Fb/municipalities/0162/join",
            "/api/applications/a;x=1/municipalities/0162/join"
        }) {
            int before = allEvents().size();
            web.post()
                    .uri(raw(path))
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> h.setBearerAuth(TestTokens.officer(DANDERYD)))
                    .bodyValue("{\"decision\":" + decisionJson("§ 45") + "}")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("INVALID_PATH");
            assertThat(allEvents()).as(path).hasSize(before);
        }
    }

    // --- row 2: four eyes, and a signatory signs only for their own municipality

    @Test
    void givenAnOfficer_whenDelegatingSigningToHerself_thenProblem403AndNothingStored() {
        open("self-delegation");
        join("self-delegation", DANDERYD);

        expectRefused(
                post(municipalityPath("self-delegation", DANDERYD) + "/delegations", DANDERYD)
                        .bodyValue(delegationJson("self", "officer-" + DANDERYD, decisionJson("§ 46"))),
                403,
                "SELF_DELEGATION_NOT_ALLOWED");
    }

    @Test
    void givenASignatoryOfTabyNamedInDanderydsDelegation_whenSigningForDanderyd_thenProblem403() {
        open("cross-sign");
        join("cross-sign", DANDERYD);
        post(municipalityPath("cross-sign", DANDERYD) + "/delegations", DANDERYD)
                .bodyValue(delegationJson("d-cross", signatoryId(TABY), decisionJson("§ 46")))
                .exchange()
                .expectStatus()
                .isCreated();

        expectRefused(
                asSignatory(municipalityPath("cross-sign", DANDERYD) + "/signature", TABY)
                        .bodyValue("{\"delegationId\":\"d-cross\"}"),
                403,
                "NOT_SIGNATORY_OF_MUNICIPALITY");
    }

    // --- row 3: length caps

    @Test
    void givenA200KilobyteTitle_thenProblem400AndNothingStored() {
        String title = "x".repeat(200 * 1024 / 2);
        String body = openJson("huge-title", null)
                .replace("Gemensam resurs i Norrort för rådgivning och ansökan om externa medel", title);
        expectRefused(post("/api/applications", SIGTUNA).bodyValue(body), 400, "INVALID_REQUEST");
    }

    @Test
    void givenATitleOverTheCap_thenProblem400NamingTheLimit() {
        String body = openJson("long-title", null)
                .replace("Gemensam resurs i Norrort för rådgivning och ansökan om externa medel", "t".repeat(301));
        post("/api/applications", SIGTUNA)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST")
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("at most 300"));
    }

    @Test
    void givenTheReservedIdStream_whenOpening_thenProblem400() {
        expectRefused(post("/api/applications", SIGTUNA).bodyValue(openJson("stream", null)), 400, "INVALID_REQUEST");
    }

    // --- row 5: a 30 MB body with an Idempotency-Key is refused before it is buffered

    /**
     * The body declares 30 MB but sends only its first 64 KB and then stalls: the filter must answer from the
     * Content-Length alone. (Before the fix it waited to buffer up to 32 MB, so this request never got an answer.)
     */
    @Test
    void givenA30MegabyteBodyWithAnIdempotencyKey_thenProblem413BeforeTheBodyIsRead() {
        int before = allEvents().size();
        expectProblem(
                web.mutate()
                        .responseTimeout(Duration.ofSeconds(10))
                        .build()
                        .post()
                        .uri("/api/applications")
                        .contentType(MediaType.APPLICATION_JSON)
                        .headers(h -> h.setBearerAuth(TestTokens.officer(SIGTUNA)))
                        .header("Idempotency-Key", "big-json")
                        .contentLength(30L * 1024 * 1024)
                        .body(stalling(1), DataBuffer.class)
                        .exchange(),
                413,
                "PAYLOAD_TOO_LARGE");
        assertThat(allEvents()).hasSize(before);
    }

    /** Chunked (no Content-Length): refused once 256 KB have come, not after 32 MB; the key stays free. */
    @Test
    void givenAChunkedBodyBeyondTheCommandLimitWithAnIdempotencyKey_thenProblem413AndTheKeyIsFree() {
        int before = allEvents().size();
        web.mutate()
                .responseTimeout(Duration.ofSeconds(10))
                .build()
                .post()
                .uri("/api/applications")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(TestTokens.officer(SIGTUNA)))
                .header("Idempotency-Key", "big-chunked")
                .body(stalling(5), DataBuffer.class)
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(allEvents()).hasSize(before);
        post("/api/applications", SIGTUNA)
                .header("Idempotency-Key", "big-chunked")
                .bodyValue(openJson("after-big", null))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    /** {@code chunks} blocks of 64 KB, then nothing more, ever (until the exchange is cancelled). */
    private static Flux<DataBuffer> stalling(int chunks) {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        return Flux.range(0, chunks)
                .<DataBuffer>map(i -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.clone()))
                .concatWith(Flux.never());
    }

    // --- row 1: Spring's own 4xx are problems, not 500

    @Test
    void givenRequestsSpringRefusesItself_thenProblemsWithTheirOwnStatus() {
        String token = TestTokens.officer(SIGTUNA);
        web.post()
                .uri("/api/nothing-here")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(token))
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_FOUND");
        web.post()
                .uri("/api/applications")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.IMAGE_PNG)
                .headers(h -> h.setBearerAuth(token))
                .bodyValue(openJson("accept-png", null))
                .exchange()
                .expectStatus()
                .isEqualTo(406)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_ACCEPTABLE");
        web.post()
                .uri("/api/applications")
                .contentType(MediaType.TEXT_PLAIN)
                .headers(h -> h.setBearerAuth(token))
                .bodyValue("hello")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        web.post()
                .uri("/api/applications")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(token))
                .bodyValue("[" + "1,".repeat(200_000) + "1]")
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("PAYLOAD_TOO_LARGE");
    }

    // --- row 12: client-chosen correlation ids are bounded

    @Test
    void givenAFourKilobyteCorrelationId_thenProblem400AndNothingStored() {
        expectRefused(
                post("/api/applications", SIGTUNA)
                        .header("X-Correlation-Id", "c".repeat(4096))
                        .bodyValue(openJson("long-correlation", null)),
                400,
                "INVALID_CORRELATION_ID");
    }
}
