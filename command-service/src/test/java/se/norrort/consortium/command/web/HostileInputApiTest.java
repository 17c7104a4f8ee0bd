package se.norrort.consortium.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import se.norrort.consortium.security.HostileInputs;
import se.norrort.consortium.security.HostileInputs.Endpoint;
import se.norrort.consortium.security.HostileRunner;

/**
 * The hostile-input suite of the command-service (issue 13): generated requests over every command endpoint, over
 * real HTTP, against applications in several states. No answer is a 5xx, every 4xx is a problem with a known code,
 * and no refused request changes the event store or GridFS. {@code -Dhostile.requests=N}, {@code -Dhostile.seed=S}.
 */
class HostileInputApiTest extends CommandApiScenarioBase {

    @Value("${local.server.port}")
    int port;

    @Autowired
    MongoDatabase norrortDatabase;

    private static final String DECISION = "{\"body\":\"Socialnämnden\",\"meetingDate\":\"2024-09-20\","
            + "\"paragraph\":\"§ 45\",\"immediateAdjustment\":true,\"announcementDate\":\"2024-09-20\"}";

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/applications", openBody("{name}")),
            new Endpoint(
                    "POST", "/api/applications/{id}/municipalities/{code}/join", "{\"decision\":" + DECISION + "}"),
            new Endpoint("POST", "/api/applications/{id}/municipalities/{code}/invite", ""),
            new Endpoint("POST", "/api/applications/{id}/municipalities/{code}/decline", "{\"reason\":\"r\"}"),
            new Endpoint("POST", "/api/applications/{id}/municipalities/{code}/withdraw", "{\"reason\":\"r\"}"),
            new Endpoint(
                    "POST",
                    "/api/applications/{id}/municipalities/{code}/decision-corrections",
                    "{\"correctedReference\":" + DECISION + ",\"newReference\":" + DECISION.replace("§ 45", "§ 46")
                            + ",\"reason\":\"r\"}"),
            new Endpoint(
                    "POST",
                    "/api/applications/{id}/municipalities/{code}/delegations",
                    "{\"delegationId\":\"{name}\",\"decision\":" + DECISION + ",\"delegate\":\"someone\","
                            + "\"delegateName\":\"S\",\"delegateRole\":\"socialchef\",\"scope\":\"sign\","
                            + "\"validUntil\":\"2031-01-01\"}"),
            new Endpoint(
                    "POST",
                    "/api/applications/{id}/municipalities/{code}/delegations/{name}/revoke",
                    "{\"reason\":\"r\"}"),
            new Endpoint(
                    "POST", "/api/applications/{id}/municipalities/{code}/signature", "{\"delegationId\":\"{name}\"}"),
            new Endpoint(
                    "POST",
                    "/api/applications/{id}/municipalities/{code}/budget-lines",
                    "{\"year\":2030,\"amountSek\":1000}"),
            new Endpoint("POST", "/api/applications/{id}/documents", "multipart"),
            new Endpoint("POST", "/api/applications/{id}/submission", ""),
            new Endpoint(
                    "POST",
                    "/api/applications/{id}/award",
                    "{\"amountSek\":1000,\"caseNumber\":\"851-1-2024\",\"decisionDate\":\"2024-10-01\","
                            + "\"reportDueDates\":[{\"report\":\"FINAL\",\"dueDate\":\"2026-01-01\"}]}"),
            new Endpoint(
                    "POST",
                    "/api/applications/{id}/rejection",
                    "{\"caseNumber\":\"851-1-2024\",\"decisionDate\":\"2024-10-01\",\"reason\":\"r\"}"),
            new Endpoint("POST", "/api/applications/{id}/requisitions", "{\"amountSek\":1000}"),
            new Endpoint("POST", "/api/applications/{id}/interim-report", "{\"usedAmountSek\":10}"),
            new Endpoint("POST", "/api/applications/{id}/final-report", "{\"usedAmountSek\":10}"),
            new Endpoint("POST", "/api/applications/{id}/repayment-claims", "{\"amountSek\":10,\"reason\":\"r\"}"),
            new Endpoint("POST", "/api/applications/{id}/closure", "{\"reason\":\"r\"}"),
            new Endpoint("GET", "/api/applications/{id}", null),
            new Endpoint("GET", "/v3/api-docs", null),
            new Endpoint("GET", "/actuator/{name}", null));

    /** The event head, the number of commits, and the GridFS files and chunks. */
    private Object storeState() {
        Document counter = norrortDatabase
                .getCollection("event_counters")
                .find(new Document("_id", "position"))
                .first();
        return List.of(
                counter == null ? -1L : ((Number) counter.get("value")).longValue(),
                norrortDatabase.getCollection("events").estimatedDocumentCount(),
                norrortDatabase.getCollection("documents.files").estimatedDocumentCount(),
                norrortDatabase.getCollection("documents.chunks").estimatedDocumentCount());
    }

    /**
     * The generated grants schedule report deadlines that are already due; the test classes share one database (and
     * nothing polls it in the tests), so leave none of them for another class that fires due deadlines.
     */
    @org.junit.jupiter.api.AfterEach
    void removeTheDeadlinesAlreadyDue() {
        norrortDatabase
                .getCollection("deadlines")
                .deleteMany(com.mongodb.client.model.Filters.lte("dueAt", new java.util.Date()));
    }

    @Test
    void generatedHostileRequestsGetNo5xx_onlyKnownProblems_andRefusedOnesStoreNothing() {
        open("hostile-open");
        open("hostile-joined");
        join("hostile-joined", DANDERYD);
        delegate("hostile-joined", DANDERYD);
        submitted("hostile-submitted");
        granted("hostile-granted");
        List<String> ids = List.of("hostile-open", "hostile-joined", "hostile-submitted", "hostile-granted");
        List<String> names =
                List.of(delegationId(DANDERYD), delegationId(SIGTUNA), "health", "info", "metrics", "hostile-new");

        long seed = HostileInputs.seed();
        HostileInputs inputs = new HostileInputs(seed, ids, names);
        HostileRunner.Outcome outcome = HostileRunner.run(
                port,
                HostileInputs.count(5_000),
                seed,
                inputs,
                ENDPOINTS,
                List.of("page", "size", "minPosition", "field"),
                () -> inputs.path("/" + "{name}/{id}/%2e%2e/api/applications"),
                this::storeState);

        System.out.println(outcome.summary("command-service"));
        outcome.failures().stream().limit(40).forEach(f -> System.out.println("HOSTILE FAILURE " + f));
        assertThat(outcome.failures()).as(outcome.summary("command-service")).isEmpty();
        assertThat(outcome.requests()).isGreaterThanOrEqualTo(HostileInputs.count(5_000) * 9 / 10);
    }
}
