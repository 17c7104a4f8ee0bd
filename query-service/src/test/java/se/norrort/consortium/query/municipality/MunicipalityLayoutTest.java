package se.norrort.consortium.query.municipality;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.openedFor;

import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.query.CatchUp;
import se.norrort.consortium.query.QueryApiTestBase;

/**
 * A deployment that still has the old layout (one document per municipality in {@code view_municipality}) does not
 * serve the new collections half-filled: the view answers 503 while it is rebuilt from the log, then the whole view,
 * and the old collection is gone.
 */
class MunicipalityLayoutTest extends QueryApiTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    MunicipalityLayout layout;

    @Autowired
    MongoDatabase viewDatabase;

    @Test
    void givenTheOldLayout_whenTheServiceStarts_thenTheViewIsRebuiltAndServedWhole_andTheOldCollectionDropped()
            throws InterruptedException {
        long last = append(0, openedFor("lay-1", "Gemensam resurs", "0191", "0162"), joined("lay-1", "0162"));
        CatchUp.get(web, "/api/municipalities/0162?minPosition=" + last)
                .expectStatus()
                .isOk();
        // as after an upgrade: the old documents, and none in the new collections (the token is at the head)
        Mono.from(viewDatabase.getCollection(MunicipalityProjection.COLLECTION).drop())
                .then(Mono.from(
                        viewDatabase.getCollection(MunicipalityProjection.INDEX).drop()))
                .then(Mono.from(viewDatabase
                        .getCollection(MunicipalityProjection.LEGACY)
                        .insertOne(new Document("_id", "0162")
                                .append("code", "0162")
                                .append("applications", List.of(new Document("applicationId", "lay-1"))))))
                .block(WAIT);

        assertThat(layout.migrate().block(WAIT)).isTrue();
        web.get()
                .uri("/api/municipalities/0162")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VIEW_NOT_CAUGHT_UP");

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (layout.migrating() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(layout.migrating()).as("rebuilt within %s", WAIT).isFalse();
        Map<String, Object> view = web.get()
                .uri("/api/municipalities/0162")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(list(view.get("applications")))
                .anySatisfy(e ->
                        assertThat(e).containsEntry("applicationId", "lay-1").containsEntry("status", "JOINED"));
        assertThat(Flux.from(viewDatabase.listCollectionNames()).collectList().block(WAIT))
                .doesNotContain(MunicipalityProjection.LEGACY);
    }
}
