package se.norrort.consortium.command.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.eventstore.LogPosition;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.eventstore.TrackedEvent;
import se.norrort.consortium.security.TestTokens;

/**
 * The command-service over HTTP against the store the stack runs on (embedded server, or {@code MONGODB_URI}), in a
 * database of its own per test run (test classes share it, and use distinct application ids).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=command-service",
            "server.address=127.0.0.1",
            // no deadline polling: the test classes share one database, and a deadline that one class's requests
            // schedule in the past (the hostile suite's grants) would fire from another class's cached context
            // in the background, between two requests that a test judges one at a time
            "norrort.deadlines.poll-interval=1h"
        })
@AutoConfigureWebTestClient
public abstract class CommandApiTestBase {

    private static final String DATABASE = TestMongo.freshDatabaseName();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        CommandTestStore.register(registry, () -> DATABASE);
        // Scenario tests send many commands as one officer; the limit itself is tested in RateLimitApiTest.
        registry.add("norrort.security.commands-per-minute", () -> 0);
        // The test classes share one database and open hundreds of applications as Sigtuna; the quota itself is
        // tested in ApplicationQuotaApiTest.
        registry.add("norrort.quotas.applications-per-owner", () -> 100_000);
    }

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected EventLog eventLog;

    protected WebTestClient.RequestBodySpec post(String path, String municipality) {
        return web.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(TestTokens.officer(municipality)));
    }

    /** Every event in the store, in global order. */
    protected List<StoredEvent> allEvents() {
        List<StoredEvent> all = new ArrayList<>();
        LogPosition position = LogPosition.START;
        for (List<TrackedEvent> batch = eventLog.readAfter(position, 200);
                !batch.isEmpty();
                batch = eventLog.readAfter(position, 200)) {
            for (TrackedEvent t : batch) {
                all.add(t.event());
                position = t.positionAfter();
            }
        }
        return all;
    }

    /** Sigtuna opens application {@code id} ({@link #openBody}); expected {@code 201}. */
    protected void open(String id) {
        post("/api/applications", "0191")
                .bodyValue(openBody(id))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    /** {@code municipality} joins application {@code id} on its decision ({@link #joinBody}); expected {@code 202}. */
    protected void join(String id, String municipality) {
        post("/api/applications/" + id + "/municipalities/" + municipality + "/join", municipality)
                .bodyValue(joinBody(municipality))
                .exchange()
                .expectStatus()
                .isAccepted();
    }

    public static String openBody(String id) {
        return """
                {"applicationId":"%s","ownerMunicipality":"0191","legalBasis":"SECTION_37",
                 "funderName":"Länsstyrelsen i Stockholms län","title":"Gemensam resurs",
                 "targetGroups":["nyanlända"],"periodStart":"2030-01-01","periodEnd":"2031-12-31",
                 "joiningDeadline":"2030-06-30","appliedAmountSek":2400000}
                """.formatted(id);
    }

    protected static String joinBody(String code) {
        return """
                {"decision":{"body":"Socialnämnden","meetingDate":"2024-09-20","paragraph":"§ 45",
                 "immediateAdjustment":true,"announcementDate":"2024-09-20"}}
                """;
    }
}
