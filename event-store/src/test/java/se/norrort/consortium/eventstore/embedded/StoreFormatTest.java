package se.norrort.consortium.eventstore.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's file format ({@code StoreFormat}): a new store writes documents and index keys as BSON and
 * marks itself; every value type survives a restart, and unique indexes still refuse duplicates (keys compared by
 * value, including a missing field's key, which is written the stock way). A file written by the stock backend
 * (an earlier version of the product) is read and written as before and is not converted.
 */
class StoreFormatTest {

    @TempDir
    Path dir;

    private static final Document EVERY_TYPE = new Document("_id", "every-type")
            .append("string", "Socialnämnden § 41 <i>&</i>")
            .append("int", 41)
            .append("long", 4_000_000_000L)
            .append("double", 2.5)
            .append("boolean", true)
            .append("null", null)
            .append("date", new Date(1_700_000_000_000L))
            .append("objectId", new ObjectId("65f0c0ffee0000000000abcd"))
            .append("decimal", new Decimal128(new BigDecimal("3200000.50")))
            .append("binary", new Binary(new byte[] {1, 2, 3}))
            .append("uuid", new Binary(BsonBinarySubType.UUID_STANDARD, new byte[16]))
            .append("legacyUuid", new Binary(BsonBinarySubType.UUID_LEGACY, new byte[16]))
            .append("list", List.of(1, "two", new Document("three", 3L)))
            .append("nested", new Document("decision", new Document("paragraph", "§ 112").append("body", "KS")));

    @Test
    void givenANewStore_whenDocumentsOfEveryTypeAreStoredAndTheStoreRestarts_thenTheyReadBackEqualAndIndexesHold() {
        Path file = dir.resolve("new.mv");
        onDurable(file, docs -> {
            docs.createIndex(Indexes.ascending("a", "f"), new IndexOptions().unique(true));
            docs.insertOne(EVERY_TYPE);
            docs.insertOne(new Document("_id", "commit-1").append("a", "app-1").append("f", 0L));
            docs.insertOne(new Document("_id", "commit-2").append("a", "app-1").append("f", 1L));
        });

        try (MVStore store = MVStore.open(file.toString())) {
            assertThat(store.hasMap(StoreFormat.MARKER))
                    .as("a new store is marked")
                    .isTrue();
        }
        onDurable(file, docs -> {
            assertThat(docs.find(Filters.eq("_id", "every-type")).first()).isEqualTo(EVERY_TYPE);
            Document byIndex =
                    docs.find(new Document("a", "app-1").append("f", 1L)).first();
            assertThat(byIndex).isNotNull();
            assertThat(byIndex.getString("_id")).isEqualTo("commit-2");
            assertDuplicateRefused(() -> docs.insertOne(
                    new Document("_id", "again").append("a", "app-1").append("f", 1L)));
            // every-type has no indexed field: its key is the "missing" one (stored the stock way); another clashes
            assertDuplicateRefused(() -> docs.insertOne(new Document("_id", "no-key-2")));
            assertDuplicateRefused(() -> docs.insertOne(new Document("_id", "commit-1")));
            docs.insertOne(new Document("_id", "commit-3").append("a", "app-1").append("f", 2L));
        });
        onDurable(file, docs -> assertThat(docs.countDocuments()).isEqualTo(4));
    }

    @Test
    void givenAFileOfTheStockBackend_whenOpened_thenItsDataIsReadAndWrittenInItsOwnFormat() {
        Path file = dir.resolve("stock.mv");
        H2Backend stock = new H2Backend(MVStore.open(file.toString()));
        serve(stock, docs -> {
            docs.createIndex(Indexes.ascending("a", "f"), new IndexOptions().unique(true));
            docs.insertOne(EVERY_TYPE);
            docs.insertOne(new Document("_id", "commit-1").append("a", "app-1").append("f", 0L));
        });

        onDurable(file, docs -> {
            assertThat(docs.find(Filters.eq("_id", "every-type")).first()).isEqualTo(EVERY_TYPE);
            assertDuplicateRefused(() -> docs.insertOne(
                    new Document("_id", "again").append("a", "app-1").append("f", 0L)));
            docs.insertOne(new Document("_id", "commit-2").append("a", "app-1").append("f", 1L));
        });
        onDurable(file, docs -> {
            assertThat(docs.countDocuments()).isEqualTo(3);
            assertThat(docs.find(new Document("a", "app-1").append("f", 1L)).first())
                    .isNotNull();
        });
        try (MVStore store = MVStore.open(file.toString())) {
            assertThat(store.hasMap(StoreFormat.MARKER))
                    .as("an earlier file is not converted")
                    .isFalse();
        }
    }

    private static void assertDuplicateRefused(Runnable insert) {
        assertThatThrownBy(insert::run)
                .isInstanceOf(MongoWriteException.class)
                .satisfies(e -> assertThat(((MongoWriteException) e).getCode()).isEqualTo(11000));
    }

    private static void onDurable(Path file, Consumer<MongoCollection<Document>> work) {
        serve(DurableH2Backend.open(file.toString()), work);
    }

    private static void serve(H2Backend backend, Consumer<MongoCollection<Document>> work) {
        Served.serve(backend, "format", docs -> {
            work.accept(docs);
            return null;
        });
    }
}
