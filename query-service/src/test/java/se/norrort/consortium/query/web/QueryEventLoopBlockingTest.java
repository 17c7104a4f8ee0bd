package se.norrort.consortium.query.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;
import se.norrort.consortium.query.QueryApiTestBase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.opened;

/**
 * No read endpoint of the query-service blocks a Netty event-loop thread (as {@code EventLoopBlockingTest} checks the
 * command endpoints): BlockHound records every blocking call made on a non-blocking thread while the views, their
 * read-your-writes wait, a live stream, the audit trail and the auditor's history and verification are read over
 * HTTP. The embedded store's own threads (mongo-java-server, in this JVM for tests) are left out.
 */
class QueryEventLoopBlockingTest extends QueryApiTestBase {

    private static final List<String> BLOCKING_CALLS = new ArrayList<>();

    @BeforeAll
    static void installBlockHound() {
        BlockHound.Builder builder = BlockHound.builder();
        ServiceLoader.load(BlockHoundIntegration.class).stream().map(ServiceLoader.Provider::get).sorted()
                     .forEach(builder::with);
        // UUID.randomUUID() refills its buffer from /dev/urandom, which never blocks once the kernel is seeded
        builder.allowBlockingCallsInside("java.util.UUID", "randomUUID");
        // the reactive MongoDB driver's connection pool takes its own short lock to queue a request; under contention
        // that parks for a moment on the subscribing thread (driver-internal, not a call of this service)
        builder.allowBlockingCallsInside("com.mongodb.internal.connection.DefaultConnectionPool$AsyncWorkManager",
                                         "enqueue");
        builder.nonBlockingThreadPredicate(p -> p.and(t -> !t.getName().startsWith("mongo-server-")))
               .blockingMethodCallback(method -> {
                   String stack = Arrays.stream(new Throwable().getStackTrace()).limit(40)
                                        .map(e -> "    at " + e).collect(Collectors.joining("\n"));
                   synchronized (BLOCKING_CALLS) {
                       BLOCKING_CALLS.add(method + " on " + Thread.currentThread().getName() + "\n" + stack);
                   }
               })
               .install();
    }

    @BeforeEach
    void forgetEarlierCalls() {
        synchronized (BLOCKING_CALLS) {
            BLOCKING_CALLS.clear();
        }
    }

    /** Reads {@code uri} until it answers 200 (at most a minute); 503 means not projected yet. */
    private static void awaitProjected(org.springframework.test.web.reactive.server.WebTestClient web, String uri) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status;
        do {
            status = web.get().uri(uri).exchange().returnResult(Void.class).getStatus().value();
        } while (status == 503 && System.nanoTime() < until);
        assertThat(status).as(uri).isEqualTo(200);
    }

    @Test
    void readRequestsNeverBlockAnEventLoopThread() {
        String id = "q-loop-" + System.nanoTime();
        long position = append(0, opened(id), joined(id, "0162"));
        synchronized (BLOCKING_CALLS) {
            BLOCKING_CALLS.clear();         // appending above is the test's own doing, not a request path
        }
        // the views answer ?minPosition= once projected, which can take a while on a loaded machine
        var web = this.web.mutate().responseTimeout(Duration.ofSeconds(30)).build();

        // the read-your-writes wait (503 until projected, which can take long on a loaded machine), then the views
        awaitProjected(web, "/api/applications/" + id + "/membership?minPosition=" + position);
        awaitProjected(web, "/api/applications/" + id + "/audit-trail?minPosition=" + position);
        awaitProjected(web, "/api/municipalities/0162?minPosition=" + position);
        awaitProjected(web, "/api/applications?minPosition=" + position);
        web.get().uri("/api/applications/" + id + "/membership").exchange().expectStatus().isOk();
        web.get().uri("/api/applications/" + id + "/history").exchange().expectStatus().isOk();
        web.get().uri("/api/applications/" + id + "/verify").exchange().expectStatus().isOk();
        web.get().uri("/api/applications/" + id + "/membership").accept(MediaType.TEXT_EVENT_STREAM)
           .exchange().expectStatus().isOk()
           .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
           })
           .getResponseBody().filter(e -> e.data() != null).take(1).blockLast(Duration.ofSeconds(30));

        List<String> recorded;
        synchronized (BLOCKING_CALLS) {
            recorded = List.copyOf(BLOCKING_CALLS);
        }
        assertThat(recorded).as("blocking calls on event-loop threads").isEmpty();
    }
}
