package se.norrort.consortium.query.security;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.opened;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import se.norrort.consortium.api.events.ApplicationOpened;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.query.QueryApiTestBase;
import se.norrort.consortium.security.TestTokens;

/**
 * Every role against every query endpoint, JSON and live streams: refused cells answer exactly 401 or 403 (with a
 * problem code), allowed cells get past authorization. A Danderyd officer reads nothing of Täby's, and a
 * municipality reads only applications it is invited to.
 */
// A context of its own: closing another service in this JVM (ObservabilityTest, GracefulShutdownTest) can stop the
// management server of a cached context, and this test reads actuator on the management port.
@org.springframework.test.annotation.DirtiesContext(
        classMode = org.springframework.test.annotation.DirtiesContext.ClassMode.BEFORE_CLASS)
class QueryAuthorizationMatrixTest extends QueryApiTestBase {

    enum Who {
        NONE,
        BAD_TOKEN,
        OPERATOR,
        AUDITOR,
        FUNDER,
        SIGNATORY,
        TABY,
        DANDERYD,
        OWNER
    }

    private static boolean prepared;

    private static String token(Who who) {
        return switch (who) {
            case NONE -> null;
            case BAD_TOKEN -> TestTokens.token("x", "X", "AUDITOR", null) + "garbage";
            case OPERATOR -> TestTokens.token("operator", "Olle", "OPERATOR", null);
            case AUDITOR -> TestTokens.token("revisor", "Rut", "AUDITOR", null);
            case FUNDER -> TestTokens.token("lansstyrelsen", "Lars", "FUNDER_OFFICER", null);
            case SIGNATORY -> TestTokens.token("britt-marie", "Britt-Marie Ekström", "SIGNATORY", "0162");
            case TABY -> TestTokens.officer("0160");
            case DANDERYD -> TestTokens.officer("0162");
            case OWNER -> TestTokens.officer("0191");
        };
    }

    @BeforeEach
    void prepare() {
        if (prepared) {
            return;
        }
        append(0, opened("qx"), joined("qx", "0162"));
        ApplicationOpened small = new ApplicationOpened(
                new ApplicationId("qx-small"),
                new MunicipalityCode("0191"),
                LegalBasis.SECTION_37,
                "Länsstyrelsen",
                "Liten",
                List.of("nyanlända"),
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2025, 12, 31),
                LocalDate.of(2023, 12, 31),
                1000,
                List.of(new MunicipalityCode("0191"), new MunicipalityCode("0162")));
        long position = append(0, small);
        web.get()
                .uri("/api/applications/qx-small/membership?minPosition=" + position)
                .exchange()
                .expectStatus()
                .isOk();
        web.get()
                .uri("/api/municipalities/0162?minPosition=" + position)
                .exchange()
                .expectStatus()
                .isOk();
        prepared = true;
    }

    @Test
    void everyRoleAgainstEveryQueryEndpoint() {
        List<String> failures = new ArrayList<>();
        Set<Who> danderydReaders = EnumSet.of(Who.DANDERYD, Who.SIGNATORY, Who.AUDITOR);
        Set<Who> members = EnumSet.of(Who.OWNER, Who.DANDERYD, Who.TABY, Who.SIGNATORY, Who.FUNDER, Who.AUDITOR);
        Set<Who> smallMembers = EnumSet.of(Who.OWNER, Who.DANDERYD, Who.SIGNATORY, Who.FUNDER, Who.AUDITOR);
        check(failures, "/api/municipalities/0162", false, danderydReaders);
        check(failures, "/api/municipalities/0162", true, danderydReaders);
        check(failures, "/api/municipalities/0160", false, EnumSet.of(Who.TABY, Who.AUDITOR));
        check(failures, "/api/municipalities/0160/stream", true, EnumSet.of(Who.TABY, Who.AUDITOR));
        check(failures, "/api/applications", false, EnumSet.of(Who.FUNDER, Who.AUDITOR));
        check(failures, "/api/applications/stream", true, EnumSet.of(Who.FUNDER, Who.AUDITOR));
        check(failures, "/api/applications/qx/membership", false, members);
        check(failures, "/api/applications/qx/membership", true, members);
        check(failures, "/api/applications/qx-small/membership", false, smallMembers);
        check(failures, "/api/applications/qx-small/membership/stream", true, smallMembers);
        check(failures, "/api/applications/qx/audit-trail", false, members);
        check(failures, "/api/applications/qx-small/audit-trail", false, smallMembers);
        check(failures, "/api/applications/qx-small/audit-trail/stream", true, smallMembers);
        check(failures, "/api/applications/qx-small/documents/none/content", false, smallMembers);
        // Provenance: readable by whoever may read the view itself.
        check(failures, "/api/municipalities/0162/provenance", false, danderydReaders);
        check(failures, "/api/municipalities/0160/provenance", false, EnumSet.of(Who.TABY, Who.AUDITOR));
        check(failures, "/api/applications/qx/membership/provenance", false, members);
        check(failures, "/api/applications/qx-small/membership/provenance", false, smallMembers);
        check(failures, "/api/applications/qx-small/audit-trail/provenance", false, smallMembers);
        check(
                failures,
                "/api/applications/qx-small/funder-entry/provenance",
                false,
                EnumSet.of(Who.FUNDER, Who.AUDITOR));
        // The auditor's tools: auditors only, even for members of the application.
        Set<Who> auditors = EnumSet.of(Who.AUDITOR);
        check(failures, "/api/applications/qx/history", true, auditors);
        check(failures, "/api/applications/qx/history/stream", true, auditors);
        check(failures, "/api/applications/qx/state?asOfDate=2024-01-01", false, auditors);
        check(
                failures,
                "/api/applications/qx/changes?from=2023-01-01T00:00:00Z&to=2030-01-01T00:00:00Z",
                false,
                auditors);
        check(failures, "/api/applications/qx/verify", false, auditors);
        check(failures, "/api/applications/qx/export", false, auditors);
        check(failures, "/api/operations/processors/membership/dead-letters", false, EnumSet.of(Who.OPERATOR));
        // Actuator answers on the management port only (see unpooled).
        check(failures, "/actuator/metrics", false, EnumSet.of(Who.OPERATOR));
        // Health and Prometheus are open, but a bad token is refused wherever it is sent.
        check(failures, "/actuator/health", false, EnumSet.complementOf(EnumSet.of(Who.BAD_TOKEN)));
        check(failures, "/actuator/prometheus", false, EnumSet.complementOf(EnumSet.of(Who.BAD_TOKEN)));
        assertThat(failures).isEmpty();
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.core.env.Environment environment;

    /**
     * A client whose every request has a connection of its own: a cancelled live stream must not leave a pooled
     * connection behind for the next cell.
     */
    private org.springframework.test.web.reactive.server.WebTestClient unpooled(String path) {
        return org.springframework.test.web.reactive.server.WebTestClient.bindToServer(
                        new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                                reactor.netty.http.client.HttpClient.newConnection()))
                .baseUrl("http://127.0.0.1:"
                        + environment.getProperty(
                                path.startsWith("/actuator/") ? "local.management.port" : "local.server.port"))
                .responseTimeout(java.time.Duration.ofSeconds(30))
                .build();
    }

    private void check(List<String> failures, String path, boolean stream, Set<Who> allowed) {
        for (Who who : Who.values()) {
            String token = token(who);
            var result = unpooled(path)
                    .get()
                    .uri(path)
                    .headers(h -> {
                        if (token != null) {
                            h.setBearerAuth(token);
                        }
                    })
                    .accept(stream ? MediaType.TEXT_EVENT_STREAM : MediaType.APPLICATION_JSON)
                    .exchange()
                    .returnResult(String.class);
            int status = result.getStatus().value();
            String cell = (stream ? "SSE " : "GET ") + path + " as " + who;
            if (allowed.contains(who)) {
                if (status == 401 || status == 403) {
                    failures.add(cell + ": should pass authorization but got " + status);
                }
            } else {
                int expected = who == Who.NONE || who == Who.BAD_TOKEN ? 401 : 403;
                if (status != expected) {
                    failures.add(cell + ": expected " + expected + " but got " + status);
                } else {
                    String body = String.join(
                            "", result.getResponseBody().collectList().block());
                    if (!body.contains("\"code\"")) {
                        failures.add(cell + ": " + status + " without a problem code");
                    }
                }
            }
            result.getResponseBody().subscribe().dispose(); // do not keep allowed streams open
        }
    }
}
