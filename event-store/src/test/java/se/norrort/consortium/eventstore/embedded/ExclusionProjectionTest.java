package se.norrort.consortium.eventstore.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoQueryException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query whose projection only excludes top-level fields ({@code {_provenance: 0}}, as the query-service serves its
 * views) is answered from a shallow copy ({@code CodecH2Collection}); every answer must equal the stock backend's for
 * the same documents and query, field order included, for that projection and for the ones that still go the stock
 * way; and a document updated after it was read is read back updated, its earlier answer unchanged.
 */
class ExclusionProjectionTest {

    @TempDir
    Path dir;

    private static final List<Document> DOCUMENTS = documents();

    private static final List<Bson> PROJECTIONS = List.of(
            new Document("_provenance", 0),
            new Document("_provenance", false),
            new Document("_provenance", 0L).append("_id", 0),
            new Document("members", 0).append("_provenance", 0.0),
            new Document("absent", 0),
            new Document("title", 1),
            new Document("title", 1).append("_id", 0),
            new Document("members.status", 0),
            new Document("members", new Document("$slice", 1)));

    @Test
    void givenTheSameDocuments_whenQueriedWithEachProjection_thenTheAnswersEqualTheStockBackendsInOrder() {
        List<Function<MongoCollection<Document>, FindIterable<Document>>> queries = List.of(
                docs -> docs.find(Filters.eq("_id", "app-3")),
                docs -> docs.find(Filters.in("_id", "app-1", "app-4", "app-9", "absent")),
                docs -> docs.find().sort(Sorts.descending("position")).skip(2).limit(5),
                docs -> docs.find(Filters.gte("position", 3)).batchSize(2),
                docs -> docs.find());
        List<List<Document>> stock = answers(new H2Backend(MVStore.open(null)), queries);
        List<List<Document>> product =
                answers(DurableH2Backend.open(dir.resolve("store.mv").toString()), queries);

        assertThat(product).hasSameSizeAs(stock);
        for (int i = 0; i < stock.size(); i++) {
            assertThat(product.get(i)).as("answer %d", i).isEqualTo(stock.get(i));
            for (int d = 0; d < stock.get(i).size(); d++) {
                assertThat(new ArrayList<>(product.get(i).get(d).keySet()))
                        .as("field order of answer %d, document %d", i, d)
                        .isEqualTo(new ArrayList<>(stock.get(i).get(d).keySet()));
            }
        }
        assertThat(stock.get(0))
                .as("the excluded field is gone, the rest is there")
                .singleElement()
                .satisfies(d -> assertThat(d).doesNotContainKey("_provenance").containsKeys("_id", "members"));
    }

    @Test
    void givenADocumentRead_whenItIsUpdatedInsideAndReadAgain_thenTheNewReadHasTheChange() {
        // Through the driver every answer is decoded into objects of its own, so this cannot show whether an answer
        // shares values with the stored document (the update's deep copy keeps that safe); it shows that a read
        // after an update inside the document is not served from anything stale.
        serve(DurableH2Backend.open(dir.resolve("update.mv").toString()), docs -> {
            docs.insertMany(DOCUMENTS);
            Document projection = new Document("_provenance", 0);
            Document before =
                    docs.find(Filters.eq("_id", "app-2")).projection(projection).first();
            docs.updateOne(
                    Filters.eq("_id", "app-2"),
                    Updates.combine(
                            Updates.set("members.0.status", "SIGNED"),
                            Updates.set("_provenance.members.0.status", List.of(new Document("position", 99L)))));
            Document after =
                    docs.find(Filters.eq("_id", "app-2")).projection(projection).first();
            Document whole = docs.find(Filters.eq("_id", "app-2")).first();

            assertThat(before.getList("members", Document.class).get(0).getString("status"))
                    .as("read before the update")
                    .isEqualTo("JOINED");
            assertThat(after.getList("members", Document.class).get(0).getString("status"))
                    .isEqualTo("SIGNED");
            assertThat(after).doesNotContainKey("_provenance");
            assertThat(whole.get("_provenance", Document.class).get("members", Document.class))
                    .containsEntry("0", new Document("status", List.of(new Document("position", 99L))));
            return null;
        });
    }

    @Test
    void givenAnInvalidProjection_thenTheStockErrorIsAnswered() {
        serve(DurableH2Backend.open(dir.resolve("invalid.mv").toString()), docs -> {
            docs.insertMany(DOCUMENTS);
            assertThatThrownBy(() -> docs.find()
                            .projection(new Document("title", 1).append("members", 0))
                            .first())
                    .isInstanceOf(MongoQueryException.class)
                    .hasMessageContaining("Cannot do inclusion on field title in exclusion projection");
            return null;
        });
    }

    @Test
    void onlyTopLevelExclusionsTakeTheShallowWay() {
        assertThat(CodecH2Collection.onlyTopLevelExclusions(de("_provenance", 0)))
                .isTrue();
        assertThat(CodecH2Collection.onlyTopLevelExclusions(de("_provenance", false)))
                .isTrue();
        assertThat(CodecH2Collection.onlyTopLevelExclusions(de("_provenance", 0).append("_id", 0L)))
                .isTrue();
        assertThat(CodecH2Collection.onlyTopLevelExclusions(null)).isFalse();
        assertThat(CodecH2Collection.onlyTopLevelExclusions(new de.bwaldvogel.mongo.bson.Document()))
                .isFalse();
        assertThat(CodecH2Collection.onlyTopLevelExclusions(de("title", 1))).isFalse();
        assertThat(CodecH2Collection.onlyTopLevelExclusions(de("_provenance", 0).append("title", true)))
                .isFalse();
        assertThat(CodecH2Collection.onlyTopLevelExclusions(de("members.status", 0)))
                .isFalse();
        assertThat(CodecH2Collection.onlyTopLevelExclusions(de("$slice", 0))).isFalse();
        assertThat(CodecH2Collection.onlyTopLevelExclusions(de("", 0))).isFalse();
        assertThat(CodecH2Collection.onlyTopLevelExclusions(de("members", new de.bwaldvogel.mongo.bson.Document())))
                .isFalse();
        assertThat(CodecH2Collection.onlyTopLevelExclusions(de("members", null)))
                .isFalse();
    }

    private static de.bwaldvogel.mongo.bson.Document de(String key, Object value) {
        return new de.bwaldvogel.mongo.bson.Document(key, value);
    }

    private static List<List<Document>> answers(
            H2Backend backend, List<Function<MongoCollection<Document>, FindIterable<Document>>> queries) {
        return serve(backend, docs -> {
            docs.insertMany(DOCUMENTS);
            List<List<Document>> answers = new ArrayList<>();
            for (Function<MongoCollection<Document>, FindIterable<Document>> query : queries) {
                for (Bson projection : PROJECTIONS) {
                    answers.add(query.apply(docs).projection(projection).into(new ArrayList<>()));
                }
            }
            return answers;
        });
    }

    /** Ten application-shaped documents: members with decisions, and provenance per field. */
    private static List<Document> documents() {
        List<Document> documents = new ArrayList<>();
        for (int a = 0; a < 10; a++) {
            List<Document> members = new ArrayList<>();
            Document memberProvenance = new Document();
            for (int m = 0; m < 3; m++) {
                members.add(new Document("code", "01" + m + a)
                        .append("status", "JOINED")
                        .append("decision", new Document("body", "KS").append("paragraph", "§ " + (40 + m))));
                memberProvenance.append(
                        String.valueOf(m),
                        new Document("status", List.of(new Document("position", (long) m).append("actor", "bme"))));
            }
            documents.add(new Document("_id", "app-" + a)
                    .append("title", "Ansökan " + a)
                    .append("position", (long) a)
                    .append("members", members)
                    .append(
                            "_provenance",
                            new Document("title", List.of(new Document("position", 0L)))
                                    .append("members", memberProvenance)));
        }
        return documents;
    }

    private static <T> T serve(H2Backend backend, Function<MongoCollection<Document>, T> work) {
        return Served.serve(backend, "projection", work);
    }
}
