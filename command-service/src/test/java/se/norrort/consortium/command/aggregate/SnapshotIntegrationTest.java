package se.norrort.consortium.command.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.Objects;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.norrort.consortium.command.web.CommandApiTestBase;

/**
 * Snapshots on the real store: past the threshold (50 events) the application's latest snapshot is stored, and
 * the application still decides correctly when loaded from it.
 */
class SnapshotIntegrationTest extends CommandApiTestBase {

    @Autowired
    MongoDatabase database;

    @Test
    void givenMoreEventsThanTheThreshold_thenASnapshotIsStoredAndLoadingFromItStillDecides() throws Exception {
        String id = "snap-1";
        open(id);
        post("/api/applications/" + id + "/municipalities/0162/join", "0162")
                .bodyValue(joinBody("0162"))
                .exchange()
                .expectStatus()
                .isAccepted();
        for (int i = 0; i < 60; i++) {
            post("/api/applications/" + id + "/municipalities/0162/budget-lines", "0162")
                    .bodyValue("{\"year\":2030,\"amountSek\":" + (1000 + i) + "}")
                    .exchange()
                    .expectStatus()
                    .isAccepted();
        }
        Document snapshot = await("snapshot stored")
                .atMost(Duration.ofSeconds(10)) // snapshots are taken asynchronously
                .until(
                        () -> database.getCollection("snapshots")
                                .find(Filters.eq("_id", id))
                                .first(),
                        Objects::nonNull);
        assertThat(snapshot.get("s", Number.class).longValue()).isGreaterThanOrEqualTo(49);

        post("/api/applications/" + id + "/municipalities/0162/join", "0162")
                .bodyValue(joinBody("0162"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("MUNICIPALITY_ALREADY_JOINED");
    }
}
