package se.norrort.consortium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.test.StepVerifier;

/**
 * The gateway's routes against two stub services on free ports: a command reaches the command-service, a read and a
 * live stream reach the query-service (the stream's first event arrives while the stub keeps the stream open, so
 * nothing is buffered until the end), the query-service's own POSTs reach it, and the bearer token and
 * {@code Last-Event-ID} pass through unchanged.
 */
class GatewayRoutingTest {

    private static DisposableServer commandStub;
    private static DisposableServer queryStub;
    private static ConfigurableApplicationContext gateway;
    private static WebTestClient client;

    @BeforeAll
    static void start() {
        commandStub = stub("command-service");
        queryStub = stub("query-service");
        SpringApplication application = new SpringApplication(WebApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "web"));
        gateway = application.run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--COMMAND_SERVICE_URL=http://127.0.0.1:" + commandStub.port(),
                "--QUERY_SERVICE_URL=http://127.0.0.1:" + queryStub.port());
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        commandStub.disposeNow();
        queryStub.disposeNow();
    }

    /**
     * A connection is never left unread: two requests written at once (the first answered after 50 ms, the second at
     * once), then a third on the same connection. Reactor Netty 1.3.6 with keep-alive answered the first two and
     * never read the third (reactor-netty#4361), which in the browser was a page waiting forever for its first view;
     * the pages' server closes each connection after its answer instead, so the third goes on a new connection.
     */
    @Test
    void aRequestAfterTwoWrittenAtOnceIsAnsweredOrItsConnectionClosed() throws Exception {
        int port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
        for (int round = 0; round < 5; round++) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5000);
                var out = socket.getOutputStream();
                var in = socket.getInputStream();
                out.write(("GET /api/slow HTTP/1.1\r\nHost: x\r\n\r\nGET /config.json HTTP/1.1\r\nHost: x\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // both answers, or the end of the connection (read returns -1)
                String answered = readUntil(in, s -> s.contains("\"slow\":true") && s.contains("authMode"));
                assertThat(answered).as("the first request is answered").contains("\"slow\":true");
                if (answered.toLowerCase().contains("connection: close")) {
                    continue; // readUntil read to the end: the connection was closed after its answer
                }
                out.write("GET /config.json HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String third = readUntil(in, s -> s.contains("authMode"));
                assertThat(third)
                        .as("the third request on the kept connection is answered")
                        .contains("authMode");
            }
        }
    }

    private static String readUntil(java.io.InputStream in, java.util.function.Predicate<String> done)
            throws java.io.IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[8192];
        try {
            while (!done.test(text.toString())) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                text.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
            }
        } catch (java.net.SocketTimeoutException e) {
            // what arrived until then is the answer
        }
        return text.toString();
    }

    /** A stub answering every request with who it is and what it got; {@code .../stream} opens an endless stream. */
    private static DisposableServer stub(String name) {
        return HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> {
                    if (request.uri().contains("/slow")) {
                        return response.header("Content-Type", "application/json")
                                .sendString(Mono.delay(Duration.ofMillis(50)).thenReturn("{\"slow\":true}"))
                                .then();
                    }
                    if (request.uri().contains("/stream")) {
                        String lastEventId =
                                String.valueOf(request.requestHeaders().get("Last-Event-ID"));
                        String first = "id:7\nevent:membership\ndata:{\"service\":\"" + name + "\",\"lastEventId\":\""
                                + lastEventId + "\"}\n\n";
                        return response.header("Content-Type", MediaType.TEXT_EVENT_STREAM_VALUE)
                                .sendString(Flux.concat(Mono.just(first), Flux.never()))
                                .then();
                    }
                    return request.receive()
                            .aggregate()
                            .asString(StandardCharsets.UTF_8)
                            .defaultIfEmpty("")
                            .flatMap(body -> response.status(
                                            request.method().name().equals("POST") ? 202 : 200)
                                    .header("Content-Type", "application/json")
                                    .sendString(Mono.just(answer(name, request, body)))
                                    .then());
                })
                .bindNow();
    }

    private static String answer(String name, HttpServerRequest request, String body) {
        return "{\"service\":\"" + name + "\",\"method\":\"" + request.method().name() + "\",\"path\":\""
                + request.uri() + "\",\"authorization\":\""
                + request.requestHeaders().get("Authorization")
                + "\",\"body\":" + (body.isEmpty() ? "null" : body) + "}";
    }

    @Test
    void aCommandGoesToTheCommandServiceWithItsTokenAndBody() {
        client.post()
                .uri("/api/applications/demo/municipalities/0162/join")
                .header("Authorization", "Bearer abc.def")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"decision\":{\"paragraph\":\"§ 45\"}}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.service")
                .isEqualTo("command-service")
                .jsonPath("$.path")
                .isEqualTo("/api/applications/demo/municipalities/0162/join")
                .jsonPath("$.authorization")
                .isEqualTo("Bearer abc.def")
                .jsonPath("$.body.decision.paragraph")
                .isEqualTo("§ 45");
    }

    @Test
    void aReadGoesToTheQueryService() {
        client.get()
                .uri("/api/applications/demo/membership?minPosition=3")
                .header("Authorization", "Bearer abc.def")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.service")
                .isEqualTo("query-service")
                .jsonPath("$.method")
                .isEqualTo("GET")
                .jsonPath("$.path")
                .isEqualTo("/api/applications/demo/membership?minPosition=3")
                .jsonPath("$.authorization")
                .isEqualTo("Bearer abc.def");
    }

    @Test
    void theQueryServicesOwnPostsGoToIt() {
        for (String path : new String[] {
            "/api/applications/demo/checkpoints",
            "/api/applications/demo/verify",
            "/api/operations/projections/membership/rebuild"
        }) {
            client.post()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isAccepted()
                    .expectBody()
                    .jsonPath("$.service")
                    .isEqualTo("query-service")
                    .jsonPath("$.path")
                    .isEqualTo(path);
        }
    }

    @Test
    void aLiveStreamIsPassedOnEventByEventWhileItStaysOpen() {
        Flux<ServerSentEvent<Map<String, String>>> events = client.get()
                .uri("/api/applications/demo/membership/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .header("Last-Event-ID", "6")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, String>>>() {})
                .getResponseBody();
        StepVerifier.create(events.take(1))
                .assertNext(event -> {
                    assertThat(event.id()).isEqualTo("7");
                    assertThat(event.event()).isEqualTo("membership");
                    assertThat(event.data())
                            .containsEntry("service", "query-service")
                            .containsEntry("lastEventId", "6");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void pagesAreServedWithTheirSecurityHeaders() {
        client.get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader()
                .valueMatches("Content-Security-Policy", ".*default-src 'self'.*")
                .expectHeader()
                .valueEquals("Referrer-Policy", "no-referrer");
        client.get()
                .uri("/config.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.authMode")
                .isEqualTo("local");
        client.get().uri("/i18n/sv.json").exchange().expectStatus().isOk();
    }
}
