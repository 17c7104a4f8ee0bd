package se.norrort.consortium.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * No request path of the command-service blocks a Netty event-loop thread: BlockHound (with the Reactor and Netty
 * integrations it finds on the class path) reports every blocking call (socket and file I/O, sleeping, parking on a
 * lock, waiting on a monitor) made on a non-blocking thread, while the whole story of an application, a refusal and an
 * idempotent replay go through the real HTTP stack against the store.
 * <p>
 * The callback records instead of throwing, so the requests still complete and the test lists every blocking call
 * with the stack that made it. BlockHound stays installed in this JVM once installed; the test only looks at the calls
 * recorded during its own requests. Threads of the embedded store (mongo-java-server, in this JVM for tests) are not
 * request paths of the service, and are left out. Needs {@code -XX:+AllowRedefinitionToAddDeleteMethods} on JDK 13+
 * (the surefire argLine of this module).
 */
class EventLoopBlockingTest extends CommandApiScenarioBase {

    private static final List<String> BLOCKING_CALLS = new ArrayList<>();

    @BeforeAll
    static void installBlockHound() {
        BlockHound.Builder builder = BlockHound.builder();
        // the integrations on the class path (Reactor's schedulers, Netty's event loops), as BlockHound.install() does
        ServiceLoader.load(BlockHoundIntegration.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted()
                .forEach(builder::with);
        // UUID.randomUUID() refills its buffer from /dev/urandom, which never blocks once the kernel is seeded
        builder.allowBlockingCallsInside("java.util.UUID", "randomUUID");
        builder.nonBlockingThreadPredicate(p -> p.and(t -> !isEmbeddedStoreThread(t)))
                .blockingMethodCallback(method -> {
                    StackTraceElement[] frames = new Throwable().getStackTrace();
                    if (idleSchedulerWait(frames)) {
                        return;
                    }
                    String stack = Arrays.stream(frames)
                            .limit(40)
                            .map(e -> "    at " + e)
                            .collect(Collectors.joining("\n"));
                    synchronized (BLOCKING_CALLS) {
                        BLOCKING_CALLS.add(
                                method + " on " + Thread.currentThread().getName() + "\n" + stack);
                    }
                })
                .install();
    }

    /**
     * A Reactor scheduler's worker waiting for its next task: Reactor's integration allows it (blocking inside
     * {@code DelayedWorkQueue.take}), but a worker that entered {@code take} before BlockHound was installed (an
     * earlier test class in the same JVM used the scheduler) parks again inside that same call without the allowance.
     */
    private static boolean idleSchedulerWait(StackTraceElement[] frames) {
        return Arrays.stream(frames)
                .anyMatch(f ->
                        f.getClassName().equals("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue")
                                && f.getMethodName().equals("take"));
    }

    /** The embedded store's own Netty threads (mongo-java-server serves the wire protocol in this test JVM). */
    private static boolean isEmbeddedStoreThread(Thread t) {
        return t.getName().startsWith("mongo-server-");
    }

    @BeforeEach
    void forgetEarlierCalls() {
        synchronized (BLOCKING_CALLS) {
            BLOCKING_CALLS.clear();
        }
    }

    @Test
    void blockHoundSeesABlockingCallOnTheEventLoop_selfCheck() {
        // The check itself: a sleep on a Reactor non-blocking thread is reported.
        reactor.core.publisher.Mono.delay(java.time.Duration.ofMillis(1))
                .doOnNext(tick -> {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .block();
        assertThat(recorded()).anyMatch(call -> call.startsWith("java.lang.Thread.sleep"));
    }

    @Test
    void commandRequestsNeverBlockAnEventLoopThread() {
        String id = "event-loop-check-" + System.nanoTime();
        granted(id); // open, joins, delegations, signatures, submit, award
        // a refusal, through the problem+json path: Vaxholm cannot decline a submitted application
        post(municipalityPath(id, VAXHOLM) + "/decline", VAXHOLM)
                .bodyValue("{\"reason\":\"Vaxholm deltar inte.\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        open(id + "-d");
        post(municipalityPath(id + "-d", VAXHOLM) + "/decline", VAXHOLM)
                .bodyValue("{\"reason\":\"Vaxholm deltar inte.\"}")
                .exchange()
                .expectStatus()
                .isAccepted();
        // an idempotent request and its replay (the idempotency store)
        for (int i = 0; i < 2; i++) {
            post("/api/applications", SIGTUNA)
                    .header("Idempotency-Key", id + "-open-again")
                    .bodyValue(openJson(id + "-b", null))
                    .exchange()
                    .expectStatus()
                    .isCreated();
        }
        assertThat(recorded()).as("blocking calls on event-loop threads").isEmpty();
    }

    private static List<String> recorded() {
        synchronized (BLOCKING_CALLS) {
            return List.copyOf(BLOCKING_CALLS);
        }
    }
}
