package se.norrort.consortium.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.time.Duration;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.eventstore.TestMongo;

/** Reads for serving leave the provenance in the store; projections and provenance answers read it. */
class ViewStoreTest {

    private static MongoClient client;
    private static MongoCollection<Document> views;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestMongo.connectionString());
        views = client.getDatabase(TestMongo.freshDatabaseName()).getCollection("view_test");
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void givenAViewWithProvenance_thenServingReadsLeaveItOut_andTheOthersKeepIt() {
        Document provenance = new Document("events", java.util.List.of(new Document("position", 7L)))
                .append(
                        "fields",
                        java.util.List.of(new Document("field", "status").append("setBy", java.util.List.of(7L))));
        ViewStore.upsert(
                        views,
                        "app-1",
                        new Document("_id", "app-1").append("status", "OPEN").append(Provenance.FIELD, provenance))
                .block(Duration.ofSeconds(10));

        Optional<Document> served = ViewStore.read(views, "app-1", false).block(Duration.ofSeconds(10));
        Optional<Document> full = ViewStore.byId(views, "app-1").block(Duration.ofSeconds(10));

        assertThat(served).get().satisfies(d -> {
            assertThat(d.getString("status")).isEqualTo("OPEN");
            assertThat(d).doesNotContainKey(Provenance.FIELD);
        });
        assertThat(full)
                .get()
                .satisfies(
                        d -> assertThat(d.get(Provenance.FIELD, Document.class)).isEqualTo(provenance));
        assertThat(ViewStore.read(views, "none", false).block(Duration.ofSeconds(10)))
                .isEmpty();
    }
}
