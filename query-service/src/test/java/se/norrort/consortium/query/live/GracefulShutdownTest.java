package se.norrort.consortium.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.query.QueryServiceApplication;
import se.norrort.consortium.security.TestTokens;

/**
 * Stopping a query-service with live streams open ends them at once (the client reconnects elsewhere with
 * {@code Last-Event-ID}) instead of waiting out the graceful-shutdown timeout (30 s) for them.
 */
class GracefulShutdownTest {

    @Test
    void stoppingWithOpenLiveStreamsEndsThemAndDoesNotWaitForTheShutdownTimeout() throws Exception {
        ConfigurableApplicationContext service = QueryServiceApplication.application()
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--management.server.port=0",
                        "--norrort.mongodb.uri=" + TestMongo.connectionString(),
                        "--norrort.mongodb.database=" + TestMongo.freshDatabaseName(),
                        "--norrort.security.key-file=" + TestTokens.keyFile());
        String base = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
        String auditor = TestTokens.token("revisor", "Rut Revisor", "AUDITOR", null);
        CompletableFuture<Void> opened = new CompletableFuture<>();
        CompletableFuture<String> ended = new CompletableFuture<>();
        for (String path : new String[] {
            "/api/applications/shutdown-1/membership/stream", "/api/applications/shutdown-1/audit-trail/stream"
        }) {
            Flux<ServerSentEvent<String>> stream = WebClient.create(base)
                    .get()
                    .uri(path)
                    .headers(h -> h.setBearerAuth(auditor))
                    .accept(MediaType.TEXT_EVENT_STREAM)
                    .retrieve()
                    .bodyToFlux(new ParameterizedTypeReference<>() {});
            stream.doOnNext(e -> opened.complete(null))
                    .subscribe(e -> {}, e -> ended.complete("error " + e), () -> ended.complete("completed"));
        }
        opened.get(20, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> LiveStreams.open() >= 2);

        long started = System.nanoTime();
        service.close();
        Duration stop = Duration.ofNanos(System.nanoTime() - started);

        System.out.println("Stop with two live streams open took " + stop.toMillis() + " ms");
        assertThat(stop).as("stop with open live streams").isLessThan(Duration.ofSeconds(10));
        assertThat(ended.get(5, TimeUnit.SECONDS)).isEqualTo("completed");
    }
}
