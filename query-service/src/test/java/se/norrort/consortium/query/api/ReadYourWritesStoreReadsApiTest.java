package se.norrort.consortium.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.opened;
import static se.norrort.consortium.query.TestEvents.openedFor;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.eventstore.metrics.StoreOperationCounter;
import se.norrort.consortium.query.CatchUp;
import se.norrort.consortium.query.QueryApiTestBase;
import se.norrort.consortium.query.membership.MembershipReadRule;
import se.norrort.consortium.security.TestTokens;

/**
 * How many store reads one membership read costs an officer of an invited municipality (issue 10): the read rule
 * reads the document to authorize, and the answer serves that same document instead of reading it again; with
 * {@code ?minPosition=} on a view that has caught up, the event store is not asked whether the application exists
 * (its document answers that). Counted by the service's own {@link StoreOperationCounter} (the driver's command
 * listener). The processors are idle once the view has caught up: they read no view document then.
 */
class ReadYourWritesStoreReadsApiTest extends QueryApiTestBase {

    @Autowired
    StoreOperationCounter counter;

    private WebTestClient officerOf(String code) {
        return web.mutate()
                .defaultHeaders(h -> h.setBearerAuth(
                        TestTokens.token("officer." + code, "Handläggare " + code, "MUNICIPALITY_OFFICER", code)))
                .build();
    }

    @Test
    void givenAViewThatHasCaughtUp_whenAnOfficerReadsWithMinPosition_thenTheDocumentIsReadOnce_andNoEvent() {
        long position = append(0, opened("ryw-reads-1"), joined("ryw-reads-1", "0162"));
        WebTestClient officer = officerOf("0162");
        String uri = "/api/applications/ryw-reads-1/membership?minPosition=" + position;
        CatchUp.get(officer, uri).expectStatus().isOk();

        Map<String, Long> before = counter.snapshot();
        officer.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.applicationId")
                .isEqualTo("ryw-reads-1")
                .jsonPath("$.position")
                .isEqualTo((int) position)
                .jsonPath("$.summary")
                .isEqualTo("1 of 15 joined, 0 signed");
        Map<String, Long> after = counter.snapshot();

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(delta(before, after, "find view_membership"))
                    .as("membership documents read")
                    .isEqualTo(1);
            soft.assertThat(delta(before, after, "find events"))
                    .as("events read")
                    .isZero();
        });
    }

    @Test
    void givenNoMinPosition_whenAnOfficerReads_thenTheDocumentIsReadOnce() {
        long position = append(0, opened("ryw-reads-2"), joined("ryw-reads-2", "0162"));
        WebTestClient officer = officerOf("0162");
        CatchUp.get(officer, "/api/applications/ryw-reads-2/membership?minPosition=" + position)
                .expectStatus()
                .isOk();

        Map<String, Long> before = counter.snapshot();
        officer.get()
                .uri("/api/applications/ryw-reads-2/membership")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.position")
                .isEqualTo((int) position);
        Map<String, Long> after = counter.snapshot();

        assertThat(delta(before, after, "find view_membership")).isEqualTo(1);
    }

    @Test
    void givenAnOfficerOfAMunicipalityNotInvited_whenReadingTheMembership_thenRefused_andNothingOfTheDocumentServed() {
        long position = append(0, openedFor("ryw-reads-3", "0191", "0162"));
        CatchUp.get(web, "/api/applications/ryw-reads-3/membership?minPosition=" + position)
                .expectStatus()
                .isOk();

        officerOf("0160")
                .get()
                .uri("/api/applications/ryw-reads-3/membership?minPosition=" + position)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_A_MEMBER")
                .jsonPath("$.members")
                .doesNotExist();
    }

    @Test
    void givenAnOfficerWaitingForAPosition_whenTheChangeComes_thenItIsAnsweredFromTheChange_notReadAgain()
            throws Exception {
        long earlier = append(0, opened("ryw-reads-4"), joined("ryw-reads-4", "0162"));
        WebTestClient officer = officerOf("0162");
        CatchUp.get(officer, "/api/applications/ryw-reads-4/membership?minPosition=" + earlier)
                .expectStatus()
                .isOk();

        // a position the view has not reached yet: the next event of the log is at least there
        String uri = "/api/applications/ryw-reads-4/membership?minPosition=" + (earlier + 1);
        Map<String, Long> before = counter.snapshot();
        CompletableFuture<String> answered = CompletableFuture.supplyAsync(() -> body(officer, uri));
        // the wait's first read is done (not there yet) before the event comes
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (delta(before, counter.snapshot(), "find view_membership") < 1 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        long firstRead = System.nanoTime();
        long position = append(2, joined("ryw-reads-4", "0160"));
        String served = answered.get(10, TimeUnit.SECONDS);
        long waited = Duration.ofNanos(System.nanoTime() - firstRead).toMillis();
        Map<String, Long> after = counter.snapshot();

        // the document the change brought is served exactly as the stored one is, read afterwards
        assertThat(served)
                .containsPattern("\"position\":" + position + "[,}]")
                .isEqualTo(body(officer, "/api/applications/ryw-reads-4/membership"));
        Assumptions.assumeTrue(
                waited < MembershipReadRule.SAFETY_POLL.toMillis(),
                "answered after the first safety poll (" + waited + " ms): its read is counted too");
        // the wait's first read and the processor's read of the document it folds the event into; not a read of
        // the document the change brought
        assertThat(delta(before, after, "find view_membership"))
                .as("membership documents read")
                .isEqualTo(2);
    }

    private static String body(WebTestClient client, String uri) {
        return client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String operation) {
        return after.getOrDefault(operation, 0L) - before.getOrDefault(operation, 0L);
    }
}
