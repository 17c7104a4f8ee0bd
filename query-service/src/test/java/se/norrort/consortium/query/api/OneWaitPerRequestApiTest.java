package se.norrort.consortium.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.opened;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.query.CatchUp;
import se.norrort.consortium.query.QueryApiTestBase;
import se.norrort.consortium.query.audittrail.AuditTrailProjection;
import se.norrort.consortium.query.membership.MembershipProjection;
import se.norrort.consortium.security.TestTokens;

/**
 * A {@code ?minPosition=} read of an application by an officer waits in two places: in the read rule, until the
 * membership view says whether the officer's municipality is invited, and in the view read, until the view it
 * serves reflects the position. Both share one deadline ({@link ReadYourWrites}): with the membership view 2.5 s late
 * and the audit trail never catching up, the answer is 503 after 5 s in all, not after 7.5 s.
 */
class OneWaitPerRequestApiTest extends QueryApiTestBase {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void givenTheMembershipViewLate_andTheAuditTrailNeverThere_thenTheReadAnswers503AfterOneWait() throws Exception {
        long opened = append(0, opened("one-wait"));
        CatchUp.get(web, "/api/applications/one-wait/audit-trail?minPosition=" + opened)
                .expectStatus()
                .isOk();
        EventProcessor membership =
                processing.eventProcessor(MembershipProjection.PROCESSING_GROUP).orElseThrow();
        EventProcessor auditTrail =
                processing.eventProcessor(AuditTrailProjection.PROCESSING_GROUP).orElseThrow();
        membership.shutdownAsync().get(10, TimeUnit.SECONDS);
        auditTrail.shutdownAsync().get(10, TimeUnit.SECONDS);
        try {
            long joined = append(1, joined("one-wait", "0162"));
            CompletableFuture<Void> membershipBack = CompletableFuture.runAsync(
                    membership::start, CompletableFuture.delayedExecutor(2500, TimeUnit.MILLISECONDS));
            WebTestClient danderyd = anonymous
                    .mutate()
                    .responseTimeout(Duration.ofSeconds(30))
                    .defaultHeaders(h -> h.setBearerAuth(TestTokens.officer("0162")))
                    .build();

            long start = System.nanoTime();
            danderyd.get()
                    .uri("/api/applications/one-wait/audit-trail?minPosition=" + joined)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("VIEW_NOT_CAUGHT_UP");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            membershipBack.get(10, TimeUnit.SECONDS);
            // the membership view did catch up meanwhile (the rule's wait ended), the audit trail did not
            CatchUp.get(web, "/api/applications/one-wait/membership?minPosition=" + joined)
                    .expectStatus()
                    .isOk();
            assertThat(took)
                    .as("one wait of %s in all, not one in the rule and another in the view read", ReadYourWrites.WAIT)
                    .isGreaterThanOrEqualTo(ReadYourWrites.WAIT.minusMillis(300))
                    .isLessThan(ReadYourWrites.WAIT.plusMillis(1500));
        } finally {
            membership.start();
            auditTrail.start();
        }
    }
}
