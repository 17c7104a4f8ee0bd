package se.norrort.consortium.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import se.norrort.consortium.api.commands.OpenApplication;
import se.norrort.consortium.command.web.idempotency.IdempotencyFilter;
import se.norrort.consortium.eventstore.StoredEvent;

/**
 * A command that outlives its client's wait: with an {@code Idempotency-Key}, its eventual answer is stored under the
 * key, so a retry is told it is still running and then gets that answer; it is never decided a second time. The
 * command is held on its handling thread by a gate while the client's (shortened) answer timeout passes.
 */
@TestPropertySource(properties = "norrort.commands.answer-timeout=400ms")
class IdempotencyTimeoutApiTest extends CommandApiTestBase {

    @Autowired
    private CommandBus commandBus;

    @Autowired
    private IdempotencyFilter idempotency;

    private final CountDownLatch gate = new CountDownLatch(1);
    private volatile String heldApplication;
    private Registration registration;

    @BeforeEach
    void holdCommandsOnTheGate() {
        MessageHandlerInterceptor<CommandMessage<?>> hold = (unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof OpenApplication open
                    && open.applicationId().value().equals(heldApplication)) {
                gate.await(30, TimeUnit.SECONDS);
            }
            return chain.proceed();
        };
        registration = commandBus.registerHandlerInterceptor(hold);
    }

    @AfterEach
    void release() {
        gate.countDown();
        registration.cancel();
    }

    @Test
    void givenACommandNotDecidedInTime_whenRetriedWithTheSameKey_thenInProgressThenItsOwnAnswerAndDecidedOnce() {
        heldApplication = "idem-late-1";

        post("/api/applications", "0191")
                .header("Idempotency-Key", "k-late-1")
                .bodyValue(openBody("idem-late-1"))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("TIMEOUT");
        assertThat(idempotency.bufferedBytes())
                .as("the body still held by the handling counts against the buffer bound")
                .isPositive();

        post("/api/applications", "0191")
                .header("Idempotency-Key", "k-late-1")
                .bodyValue(openBody("idem-late-1"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("REQUEST_IN_PROGRESS");

        gate.countDown();

        EntityExchangeResult<byte[]> answered = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> post("/api/applications", "0191")
                                .header("Idempotency-Key", "k-late-1")
                                .bodyValue(openBody("idem-late-1"))
                                .exchange()
                                .expectBody()
                                .returnResult(),
                        result -> result.getStatus().value() != 409);
        assertThat(answered.getStatus().value()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(5)).until(() -> idempotency.bufferedBytes() == 0);
        assertThat(answered.getResponseHeaders().getFirst("Idempotent-Replayed"))
                .isEqualTo("true");
        assertThat(answered.getResponseHeaders().getFirst("Location")).isEqualTo("/api/applications/idem-late-1");
        assertThat(new String(answered.getResponseBody())).contains("\"applicationId\":\"idem-late-1\"");
        assertThat(allEvents())
                .filteredOn(e -> e.aggregateId().equals("idem-late-1"))
                .extracting(StoredEvent::payloadType)
                .containsExactly("ApplicationOpened");
    }

    @Test
    void givenACommandWithoutAKeyNotDecidedInTime_thenTimeoutWhoseDetailSaysToCheckBeforeSendingAgain() {
        heldApplication = "idem-late-2";

        post("/api/applications", "0191")
                .bodyValue(openBody("idem-late-2"))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("TIMEOUT")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("check before sending it again"));
    }
}
