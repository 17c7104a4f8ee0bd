package se.norrort.consortium.deploy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.security.TestTokens;

/**
 * The thin vertical slice, as it runs for real: command-service and query-service, each its own Spring context on
 * its own free port, sharing one store (embedded, or {@code MONGODB_URI}). A command goes in over HTTP, its event
 * flows through the event store to the query-service's streaming processor, into the MongoDB view, and out of the
 * WebFlux endpoint; the position the command answered with is used for read-your-writes.
 */
class VerticalSliceTest {

    private static BothServices services;
    private static WebTestClient commands;
    private static WebTestClient queries;

    @BeforeAll
    static void start() {
        services = BothServices.start("--norrort.security.key-file=" + TestTokens.keyFile());
        commands = services.commands().build();
        queries = services.queries().build();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void givenAnOpenedApplication_whenDanderydJoins_thenTheMembershipViewShowsItWithItsDecision() {
        LocalDate today = LocalDate.now();
        commands.post()
                .uri("/api/applications")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> officer(h, "0191"))
                .bodyValue(Map.of(
                        "applicationId",
                        "slice-1",
                        "ownerMunicipality",
                        "0191",
                        "legalBasis",
                        "SECTION_37",
                        "funderName",
                        "Länsstyrelsen i Stockholms län",
                        "title",
                        "Gemensam resurs",
                        "targetGroups",
                        java.util.List.of("nyanlända"),
                        "periodStart",
                        today.toString(),
                        "periodEnd",
                        today.plusYears(2).toString(),
                        "joiningDeadline",
                        today.plusMonths(2).toString(),
                        "appliedAmountSek",
                        2_400_000))
                .exchange()
                .expectStatus()
                .isCreated();

        byte[] joined = commands.post()
                .uri("/api/applications/slice-1/municipalities/0162/join")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> officer(h, "0162"))
                .bodyValue(Map.of(
                        "decision",
                        Map.of(
                                "body",
                                "Socialnämnden",
                                "meetingDate",
                                today.minusDays(7).toString(),
                                "paragraph",
                                "§ 45",
                                "immediateAdjustment",
                                true,
                                "announcementDate",
                                today.minusDays(7).toString())))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .returnResult()
                .getResponseBody();
        String body = new String(joined);
        long position = Long.parseLong(body.replaceAll(".*\"position\":(\\d+).*", "$1"));

        queries.get()
                .uri("/api/applications/slice-1/membership?minPosition=" + position)
                .headers(h -> officer(h, "0191"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.applicationId")
                .isEqualTo("slice-1")
                .jsonPath("$.owner")
                .isEqualTo("0191")
                .jsonPath("$.position")
                .isEqualTo((int) position)
                .jsonPath("$.counts.invited")
                .isEqualTo(15)
                .jsonPath("$.counts.joined")
                .isEqualTo(1)
                .jsonPath("$.summary")
                .isEqualTo("1 of 15 joined, 0 signed")
                .jsonPath("$.members[?(@.code == '0162')].status")
                .isEqualTo("JOINED")
                .jsonPath("$.members[?(@.code == '0162')].decision.paragraph")
                .isEqualTo("§ 45")
                .jsonPath("$.members[?(@.code == '0162')].name")
                .isEqualTo("Danderyd");
    }

    @Test
    void givenAPositionNotYetReached_whenReadingWithMinPosition_thenProblem503WithRetryAfter() {
        queries.get()
                .uri("/api/applications/slice-unknown/membership?minPosition=999999")
                .headers(h -> h.setBearerAuth(TestTokens.token("revisor", "Revisor", "AUDITOR", null)))
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
    void givenAnUnknownApplication_whenReadingMembership_thenProblem404() {
        queries.get()
                .uri("/api/applications/nothing-here/membership")
                .headers(h -> h.setBearerAuth(TestTokens.token("revisor", "Revisor", "AUDITOR", null)))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("APPLICATION_NOT_FOUND");
    }

    private static void officer(org.springframework.http.HttpHeaders headers, String municipality) {
        headers.setBearerAuth(TestTokens.officer(municipality));
    }
}
