package se.norrort.consortium.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.security.TestTokens;

/**
 * End to end with a real OIDC provider: Keycloak with the realm from {@code deploy/keycloak}, both services in
 * {@code oidc} mode. Tokens come from Keycloak's token endpoint (password grant of the demo users); the services
 * verify them against Keycloak's keys, and the event metadata names the person Keycloak names.
 * <p>
 * Runs when {@code KEYCLOAK_HOME} points at an unpacked {@code org.keycloak:keycloak-quarkus-dist} (CI prepares
 * it, see {@code .ci/run}); Keycloak needs Java 21+: {@code KEYCLOAK_JAVA_HOME}, default Temurin 25.
 */
@EnabledIfEnvironmentVariable(named = "KEYCLOAK_HOME", matches = ".+")
class KeycloakTokenEndToEndTest {

    private static Process keycloak;
    private static BothServices services;
    private static String issuer;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path home = Path.of(System.getenv("KEYCLOAK_HOME"));
        Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
        Path realm = Path.of("keycloak", "norrort-realm.json");
        if (!Files.exists(realm)) {
            realm = Path.of("deploy", "keycloak", "norrort-realm.json");
        }
        Files.copy(realm, imports.resolve("norrort-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String javaHome = System.getenv().getOrDefault("KEYCLOAK_JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64");
        ProcessBuilder builder = new ProcessBuilder(
                        home.resolve("bin").resolve("kc.sh").toString(),
                        "start-dev",
                        "--http-port=" + port,
                        "--http-host=127.0.0.1",
                        "--import-realm")
                .redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("keycloak", ".log").toFile());
        builder.environment().put("JAVA_HOME", javaHome);
        keycloak = builder.start();
        issuer = "http://127.0.0.1:" + port + "/realms/norrort";
        awaitKeycloak(Duration.ofMinutes(4));

        services = BothServices.start(
                "--norrort.security.mode=oidc",
                "--norrort.security.issuer=" + issuer,
                "--norrort.security.key-file=" + TestTokens.keyFile(),
                "--norrort.security.issuer-uri=" + issuer);
    }

    private static void awaitKeycloak(Duration timeout) {
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5))
                .build();
        Awaitility.await("Keycloak's discovery document")
                .atMost(timeout)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    if (!keycloak.isAlive()) {
                        throw new IllegalStateException("Keycloak exited with " + keycloak.exitValue());
                    }
                    try {
                        return HTTP.send(discovery, HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (java.io.IOException notYet) {
                        return false; // starting
                    }
                });
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            services.close();
        }
        if (keycloak != null) {
            keycloak.descendants().forEach(ProcessHandle::destroy);
            keycloak.destroy();
            keycloak.waitFor();
        }
    }

    private static String login(String user) throws Exception {
        String form = "grant_type=password&client_id=norrort-cli&username=" + user + "&password="
                + URLEncoder.encode("demo-only-change-me", StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body()).get("access_token").asText();
    }

    @Test
    void givenKeycloakTokens_whenMunicipalitiesAct_thenTheServicesVerifyThemAndRecordThePersonKeycloakNames()
            throws Exception {
        String sigtuna = login("sigtuna.officer");
        String danderyd = login("danderyd.officer");
        String auditor = login("revisor");
        WebTestClient commands = services.commands().build();
        WebTestClient queries = services.queries().build();
        LocalDate today = LocalDate.now();

        commands.post()
                .uri("/api/applications")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(sigtuna))
                .bodyValue(Map.of(
                        "applicationId",
                        "kc-1",
                        "ownerMunicipality",
                        "0191",
                        "legalBasis",
                        "SECTION_37",
                        "funderName",
                        "Länsstyrelsen i Stockholms län",
                        "title",
                        "Gemensam resurs",
                        "targetGroups",
                        List.of("nyanlända"),
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
        commands.post()
                .uri("/api/applications/kc-1/municipalities/0162/join")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(danderyd))
                .bodyValue(Map.of(
                        "decision",
                        Map.of(
                                "body",
                                "Socialnämnden",
                                "meetingDate",
                                today.toString(),
                                "paragraph",
                                "§ 45",
                                "immediateAdjustment",
                                true,
                                "announcementDate",
                                today.toString())))
                .exchange()
                .expectStatus()
                .isAccepted();

        List<StoredEvent> stream =
                services.commandService().getBean(EventLog.class).readStream("kc-1", 0, 10);
        JsonNode joinMetadata = new ObjectMapper().readTree(stream.get(1).metadata());
        JsonNode claims =
                new ObjectMapper().readTree(java.util.Base64.getUrlDecoder().decode(danderyd.split("\\.")[1]));
        assertThat(joinMetadata.get("actorId").asText())
                .isEqualTo(claims.get("sub").asText());
        assertThat(joinMetadata.get("actorName").asText()).isEqualTo("Lina Rönnerblad");
        assertThat(joinMetadata.get("actorMunicipality").asText()).isEqualTo("0162");

        // An auditor changes nothing; Danderyd reads nothing of Täby's.
        commands.post()
                .uri("/api/applications/kc-1/municipalities/0162/decline")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(auditor))
                .bodyValue("{\"reason\":\"x\"}")
                .exchange()
                .expectStatus()
                .isForbidden();
        queries.get()
                .uri("/api/municipalities/0160")
                .headers(h -> h.setBearerAuth(danderyd))
                .exchange()
                .expectStatus()
                .isForbidden();
        queries.get()
                .uri("/api/municipalities/0162")
                .headers(h -> h.setBearerAuth(danderyd))
                .exchange()
                .expectStatus()
                .value(status -> assertThat(status).isNotIn(401, 403));

        // Tokens Keycloak did not sign, or altered ones, are refused.
        String forged = TestTokens.token("intruder", "Intruder", "MUNICIPALITY_OFFICER", "0162");
        String altered = danderyd.substring(0, danderyd.length() - 20) + "AAAAAAAAAAAAAAAAAAAA";
        for (String bad : List.of(forged, altered)) {
            commands.post()
                    .uri("/api/applications/kc-1/municipalities/0162/decline")
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> h.setBearerAuth(bad))
                    .bodyValue("{\"reason\":\"x\"}")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
        }
        assertThat(services.commandService().getBean(EventLog.class).readStream("kc-1", 0, 10))
                .hasSize(2);
    }
}
