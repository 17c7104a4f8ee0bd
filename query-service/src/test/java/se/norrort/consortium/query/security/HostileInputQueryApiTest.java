package se.norrort.consortium.query.security;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.attached;
import static se.norrort.consortium.query.TestEvents.delegated;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.opened;
import static se.norrort.consortium.query.TestEvents.signed;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import se.norrort.consortium.query.CatchUp;
import se.norrort.consortium.query.QueryApiTestBase;
import se.norrort.consortium.security.HostileInputs;
import se.norrort.consortium.security.HostileInputs.Endpoint;
import se.norrort.consortium.security.HostileRunner;

/**
 * The hostile-input suite of the query-service (issue 13): generated requests over every read, stream, auditor and
 * operator endpoint, over real HTTP. No answer is a 5xx, every 4xx is a problem with a known code, and nothing a
 * refused request does changes the event store or GridFS. {@code -Dhostile.requests=N}, {@code -Dhostile.seed=S}.
 */
class HostileInputQueryApiTest extends QueryApiTestBase {

    @Value("${local.server.port}")
    int port;

    @Autowired
    @Qualifier("norrortDatabase")
    MongoDatabase norrortDatabase;

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/municipalities/{code}", null),
            new Endpoint("GET", "/api/municipalities/{code}/provenance", null),
            new Endpoint("GET", "/api/municipalities/{code}/stream", null),
            new Endpoint("GET", "/api/applications", null),
            new Endpoint("GET", "/api/applications/stream", null),
            new Endpoint("GET", "/api/applications/{id}/membership", null),
            new Endpoint("GET", "/api/applications/{id}/membership/stream", null),
            new Endpoint("GET", "/api/applications/{id}/membership/provenance", null),
            new Endpoint("GET", "/api/applications/{id}/audit-trail", null),
            new Endpoint("GET", "/api/applications/{id}/audit-trail/stream", null),
            new Endpoint("GET", "/api/applications/{id}/audit-trail/provenance", null),
            new Endpoint("GET", "/api/applications/{id}/funder-entry/provenance", null),
            new Endpoint("GET", "/api/applications/{id}/documents/{name}/content", null),
            new Endpoint("GET", "/api/applications/{id}/history", null),
            new Endpoint("GET", "/api/applications/{id}/history/stream", null),
            new Endpoint("GET", "/api/applications/{id}/state", null),
            new Endpoint("GET", "/api/applications/{id}/changes", null),
            new Endpoint("GET", "/api/applications/{id}/verify", null),
            new Endpoint(
                    "POST",
                    "/api/applications/{id}/verify",
                    "{\"checkpoint\":{\"applicationId\":\"x\"}," + "\"signature\":\"abc\"}"),
            new Endpoint("POST", "/api/applications/{id}/checkpoints", ""),
            new Endpoint("GET", "/api/applications/{id}/export", null),
            new Endpoint("GET", "/api/operations/projections", null),
            new Endpoint("GET", "/api/operations/projections/{name}/rebuild", null),
            new Endpoint("GET", "/api/operations/projections/{name}/rebuild/progress", null),
            new Endpoint("POST", "/api/operations/projections/{name}/rebuild", ""),
            new Endpoint("GET", "/api/operations/processors/{name}/dead-letters", null),
            new Endpoint("POST", "/api/operations/processors/{name}/dead-letters/retry", ""),
            new Endpoint("POST", "/api/operations/processors/{name}/dead-letters/{code}/drop", ""),
            new Endpoint("GET", "/actuator/{name}", null));

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
     * Waits (at most 60 s) until the views hold the applications, so that requests reach real documents; the
     * suite's checks do not depend on it. The test classes share one database, so the processors may be busy with
     * the events of the classes before.
     */
    private void awaitViews(String uri) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (CatchUp.get(web, uri).returnResult(Void.class).getStatus().value() == 200) {
                    return;
                }
            } catch (IllegalStateException slow) {
                // no answer within the client's timeout: ask again
            }
        }
    }

    @Test
    void generatedHostileRequestsGetNo5xx_onlyKnownProblems_andNothingChangesTheStore() {
        append(
                0,
                opened("hostile-q"),
                joined("hostile-q", "0162"),
                delegated("hostile-q", "0162", null),
                signed("hostile-q", "0162", "bme", "Britt-Marie Ekström"),
                attached("hostile-q", "0162"));
        long last = append(0, opened("hostile-q2"));
        awaitViews("/api/applications/hostile-q2/audit-trail?minPosition=" + last);

        long seed = HostileInputs.seed();
        HostileInputs inputs = new HostileInputs(
                seed,
                List.of("hostile-q", "hostile-q2"),
                List.of(
                        "membership",
                        "municipality",
                        "audit-trail",
                        "funder-applications",
                        "health",
                        "doc-0162",
                        "metrics"));
        HostileRunner.Outcome outcome = HostileRunner.run(
                port,
                HostileInputs.count(5_000),
                seed,
                inputs,
                ENDPOINTS,
                List.of(
                        "page",
                        "size",
                        "minPosition",
                        "field",
                        "municipality",
                        "type",
                        "from",
                        "to",
                        "asOf",
                        "asOfDate",
                        "maxRate"),
                () -> inputs.path("/{name}/{id}/%2e%2e/api/applications"),
                this::storeState);

        System.out.println(outcome.summary("query-service"));
        outcome.failures().stream().limit(40).forEach(f -> System.out.println("HOSTILE FAILURE " + f));
        assertThat(outcome.failures()).as(outcome.summary("query-service")).isEmpty();
        assertThat(outcome.requests()).isGreaterThanOrEqualTo(HostileInputs.count(5_000) * 9 / 10);
    }
}
