package se.norrort.consortium.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import se.norrort.consortium.eventstore.StoredEvent;

class IdempotencyApiTest extends CommandApiTestBase {

    @Test
    void givenARequestWithAKey_whenRetriedWithTheSameBody_thenTheSameAnswerAndNoSecondDecision() {
        EntityExchangeResult<byte[]> first = post("/api/applications", "0191")
                .header("Idempotency-Key", "k-open-1")
                .bodyValue(openBody("idem-1"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult();
        int after = allEvents().size();

        EntityExchangeResult<byte[]> retry = post("/api/applications", "0191")
                .header("Idempotency-Key", "k-open-1")
                .bodyValue(openBody("idem-1"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true")
                .expectHeader()
                .valueEquals("Location", "/api/applications/idem-1")
                .expectBody()
                .returnResult();

        assertThat(new String(retry.getResponseBody())).isEqualTo(new String(first.getResponseBody()));
        assertThat(allEvents()).hasSize(after);
    }

    @Test
    void givenAUsedKey_whenSentWithADifferentBody_thenProblem422AndNothingIsStored() {
        post("/api/applications", "0191")
                .header("Idempotency-Key", "k-open-2")
                .bodyValue(openBody("idem-2"))
                .exchange()
                .expectStatus()
                .isCreated();
        int after = allEvents().size();

        post("/api/applications", "0191")
                .header("Idempotency-Key", "k-open-2")
                .bodyValue(openBody("idem-3"))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(allEvents()).hasSize(after);
    }

    @Test
    void givenARefusedRequest_whenRetriedWithTheSameKey_thenTheSameRefusal() {
        post("/api/applications/idem-late/municipalities/0162/join", "0162")
                .header("Idempotency-Key", "k-join")
                .bodyValue(joinBody("0162"))
                .exchange()
                .expectStatus()
                .isNotFound();
        post("/api/applications", "0191")
                .bodyValue(openBody("idem-late"))
                .exchange()
                .expectStatus()
                .isCreated();

        post("/api/applications/idem-late/municipalities/0162/join", "0162")
                .header("Idempotency-Key", "k-join")
                .bodyValue(joinBody("0162"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(eventLog.readStream("idem-late", 0, 10))
                .extracting(StoredEvent::payloadType)
                .containsExactly("ApplicationOpened");
    }

    @Test
    void givenTwoIdenticalRequestsAtOnce_whenBothArrive_thenOnlyOneDecides() {
        post("/api/applications", "0191")
                .bodyValue(openBody("idem-race"))
                .exchange()
                .expectStatus()
                .isCreated();
        post("/api/applications/idem-race/municipalities/0160/join", "0160")
                .bodyValue(joinBody("0160"))
                .exchange()
                .expectStatus()
                .isAccepted();
        // Setting a budget line twice would be accepted twice: only the key keeps it to one decision.
        Runnable setBudget = () -> post("/api/applications/idem-race/municipalities/0160/budget-lines", "0160")
                .header("Idempotency-Key", "k-race")
                .bodyValue("{\"year\":2030,\"amountSek\":100000}")
                .exchange();
        CompletableFuture.allOf(CompletableFuture.runAsync(setBudget), CompletableFuture.runAsync(setBudget))
                .join();
        setBudget.run();

        List<StoredEvent> stream = eventLog.readStream("idem-race", 0, 10);
        assertThat(stream)
                .extracting(StoredEvent::payloadType)
                .containsExactly("ApplicationOpened", "MunicipalityJoined", "BudgetLineSet");
    }
}
