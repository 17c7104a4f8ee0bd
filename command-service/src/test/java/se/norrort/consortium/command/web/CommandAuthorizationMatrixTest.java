package se.norrort.consortium.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.security.TestTokens;

/**
 * Every role against every command endpoint. A refused cell must answer exactly 401 (no or bad token) or 403 (not
 * allowed) as problem+json, and store nothing. An allowed cell must get past authorization (any answer but 401 and
 * 403: the command may still be refused for the application's state, e.g. 409, which its own tests cover). Each
 * endpoint gets a fresh application, and its allowed role goes last.
 */
class CommandAuthorizationMatrixTest extends CommandApiScenarioBase {

    enum Who {
        NONE(null),
        BAD_TOKEN(null),
        AUDITOR("AUDITOR"),
        OPERATOR("OPERATOR"),
        FUNDER("FUNDER_OFFICER"),
        SIGNATORY("SIGNATORY"),
        TABY("MUNICIPALITY_OFFICER"),
        DANDERYD("MUNICIPALITY_OFFICER"),
        OWNER("MUNICIPALITY_OFFICER");

        final String role;

        Who(String role) {
            this.role = role;
        }

        String token() {
            return switch (this) {
                case NONE -> null;
                case BAD_TOKEN -> tampered(TestTokens.officer("0162"));
                case AUDITOR -> TestTokens.token("revisor", "Rut Revisor", role, null);
                case OPERATOR -> TestTokens.token("operator", "Olle", role, null);
                case FUNDER -> TestTokens.token("lansstyrelsen", "Lars", role, null);
                case SIGNATORY -> TestTokens.token("britt-marie", "Britt-Marie Ekström", role, "0162");
                case TABY -> TestTokens.officer("0160");
                case DANDERYD -> TestTokens.officer("0162");
                case OWNER -> TestTokens.officer("0191");
            };
        }
    }

    /** The token with one character in the middle of its signature changed. */
    static String tampered(String token) {
        int middle = token.lastIndexOf('.') + (token.length() - token.lastIndexOf('.')) / 2;
        char c = token.charAt(middle);
        return token.substring(0, middle) + (c == 'A' ? 'B' : 'A') + token.substring(middle + 1);
    }

    private static final AtomicInteger APPS = new AtomicInteger();

    /** endpoint (relative to the application, or absolute), JSON body or "multipart", roles allowed. */
    static Stream<Arguments> endpoints() {
        String decision = "{\"body\":\"Socialnämnden\",\"meetingDate\":\"2024-09-20\",\"paragraph\":\"§ 45\","
                + "\"immediateAdjustment\":true,\"announcementDate\":\"2024-09-20\"}";
        return Stream.of(
                Arguments.of("/api/applications", "OPEN", Set.of(Who.OWNER)),
                Arguments.of("/municipalities/0187/invite", "", Set.of(Who.OWNER)),
                Arguments.of("/municipalities/0162/join", "{\"decision\":" + decision + "}", Set.of(Who.DANDERYD)),
                Arguments.of("/municipalities/0162/decline", "{\"reason\":\"r\"}", Set.of(Who.DANDERYD)),
                Arguments.of("/municipalities/0162/withdraw", "{\"reason\":\"r\"}", Set.of(Who.DANDERYD)),
                Arguments.of(
                        "/municipalities/0162/decision-corrections",
                        "{\"correctedReference\":" + decision + ",\"newReference\":" + decision.replace("§ 45", "§ 46")
                                + ",\"reason\":\"r\"}",
                        Set.of(Who.DANDERYD)),
                Arguments.of(
                        "/municipalities/0162/delegations",
                        "{\"decision\":" + decision
                                + ",\"delegate\":\"someone\",\"delegateName\":\"S\",\"delegateRole\":\"socialchef\","
                                + "\"scope\":\"sign\"}",
                        Set.of(Who.DANDERYD)),
                Arguments.of(
                        "/municipalities/0162/delegations/del-mx/revoke", "{\"reason\":\"r\"}", Set.of(Who.DANDERYD)),
                Arguments.of("/municipalities/0162/signature", "{\"delegationId\":\"del-mx\"}", Set.of(Who.SIGNATORY)),
                Arguments.of(
                        "/municipalities/0162/budget-lines",
                        "{\"year\":2030,\"amountSek\":1000}",
                        Set.of(Who.DANDERYD)),
                Arguments.of("/documents", "multipart", Set.of(Who.DANDERYD, Who.FUNDER)),
                Arguments.of("/submission", "", Set.of(Who.OWNER)),
                Arguments.of(
                        "/award",
                        "{\"amountSek\":1000,\"caseNumber\":\"851-1-2024\","
                                + "\"decisionDate\":\"2024-10-01\",\"reportDueDates\":[]}",
                        Set.of(Who.FUNDER)),
                Arguments.of(
                        "/rejection",
                        "{\"caseNumber\":\"851-1-2024\",\"decisionDate\":\"2024-10-01\"," + "\"reason\":\"r\"}",
                        Set.of(Who.FUNDER)),
                Arguments.of("/requisitions", "{\"amountSek\":1000}", Set.of(Who.OWNER)),
                Arguments.of("/interim-report", "{\"usedAmountSek\":10}", Set.of(Who.OWNER)),
                Arguments.of("/final-report", "{\"usedAmountSek\":10}", Set.of(Who.OWNER)),
                Arguments.of("/repayment-claims", "{\"amountSek\":10,\"reason\":\"r\"}", Set.of(Who.FUNDER)),
                Arguments.of("/closure", "{\"reason\":\"r\"}", Set.of(Who.FUNDER, Who.OWNER)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void everyRoleAgainst(String endpoint, String body, Set<Who> allowed) {
        String app = "mx-" + APPS.incrementAndGet();
        prepare(app);
        List<String> failures = new ArrayList<>();
        List<Who> order = new ArrayList<>(List.of(Who.values()));
        order.sort((a, b) -> Boolean.compare(allowed.contains(a), allowed.contains(b))); // refused first
        for (Who who : order) {
            int before = allEvents().size();
            String path = endpoint.startsWith("/api/") ? endpoint : "/api/applications/" + app + endpoint;
            String requestBody =
                    body.equals("OPEN") ? openBody(app + "-new-" + who.name().toLowerCase()) : body;
            WebTestClient.ResponseSpec response = send(path, requestBody, who.token());
            var result = response.expectBody().returnResult();
            int status = result.getStatus().value();
            String answer = new String(
                    result.getResponseBodyContent() == null ? new byte[0] : result.getResponseBodyContent(),
                    StandardCharsets.UTF_8);
            if (allowed.contains(who)) {
                if (status == 401 || status == 403) {
                    failures.add(who + " should pass authorization but got " + status + " " + answer);
                }
            } else {
                int expected = (who == Who.NONE || who == Who.BAD_TOKEN) ? 401 : 403;
                if (status != expected) {
                    failures.add(who + " expected " + expected + " but got " + status + " " + answer);
                } else if (!answer.contains("\"code\"")) {
                    failures.add(who + " got " + status + " without a problem code");
                }
                if (allEvents().size() != before) {
                    failures.add(who + " was refused but the event store changed");
                }
            }
        }
        assertThat(failures).as(endpoint).isEmpty();
    }

    private WebTestClient.ResponseSpec send(String path, String body, String token) {
        var spec = web.post().uri(path).headers(h -> {
            if (token != null) {
                h.setBearerAuth(token);
            }
        });
        if (body.equals("multipart")) {
            return spec.contentType(MediaType.MULTIPART_FORM_DATA)
                    .bodyValue(DocumentUploadSupport.upload(
                            "%PDF-1.7 x".getBytes(StandardCharsets.UTF_8),
                            "x.pdf",
                            MediaType.APPLICATION_PDF,
                            "kind",
                            "TJANSTEUTLATANDE",
                            "municipality",
                            "0162"))
                    .exchange();
        }
        if (body.isEmpty()) {
            return spec.exchange();
        }
        return spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Opened by Sigtuna, Danderyd joined and delegated signing to britt-marie (delegation del-mx). */
    private void prepare(String app) {
        post("/api/applications", "0191")
                .bodyValue(openBody(app))
                .exchange()
                .expectStatus()
                .isCreated();
        post("/api/applications/" + app + "/municipalities/0162/join", "0162")
                .bodyValue(joinBody("0162"))
                .exchange()
                .expectStatus()
                .isAccepted();
        post("/api/applications/" + app + "/municipalities/0162/delegations", "0162")
                .bodyValue("""
                {"delegationId":"del-mx","decision":{"body":"Socialnämnden","meetingDate":"2024-09-20",
                 "paragraph":"§ 46","immediateAdjustment":true,"announcementDate":"2024-09-20"},
                 "delegate":"britt-marie","delegateName":"Britt-Marie Ekström","delegateRole":"socialdirektör",
                 "scope":"Underteckna samverkansblankett"}
                """)
                .exchange()
                .expectStatus()
                .isCreated();
    }
}
