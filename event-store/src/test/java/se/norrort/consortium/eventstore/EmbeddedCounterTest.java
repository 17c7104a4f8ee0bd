package se.norrort.consortium.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.eventstore.embedded.EmbeddedMongo;

/**
 * The embedded store answers a concurrent {@code findAndModify} increment with the value its own change produced, as
 * MongoDB does: the event log allocates its positions that way, and a repeated answer gave two commits overlapping
 * positions. (The stock mongo-java-server backends repeated 92 to 2,858 of 24,000 answers on 8 threads.)
 */
class EmbeddedCounterTest {

    private static final int THREADS = 8;
    private static final int INCREMENTS = 2_000;

    @Test
    void givenConcurrentIncrementsInMemory_thenEveryAnswerIsItsOwn() throws Exception {
        try (EmbeddedMongo store = EmbeddedMongo.inMemory()) {
            assertEveryAnswerItsOwn(store);
        }
    }

    @Test
    void givenConcurrentIncrementsOnTheDurableStore_thenEveryAnswerIsItsOwn() throws Exception {
        Path dir = Files.createTempDirectory("norrort-counter");
        try (EmbeddedMongo store = EmbeddedMongo.onFile(dir.resolve("counter.mv"), "127.0.0.1", 0)) {
            assertEveryAnswerItsOwn(store);
        }
    }

    private static void assertEveryAnswerItsOwn(EmbeddedMongo store) throws InterruptedException {
        try (var client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> counters =
                    client.getDatabase(TestMongo.freshDatabaseName()).getCollection("counters");
            Set<Long> answers = ConcurrentHashMap.newKeySet();
            ConcurrentLinkedQueue<Long> repeated = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new java.util.ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < INCREMENTS; i++) {
                        Document after = counters.findOneAndUpdate(
                                Filters.eq("_id", "position"),
                                Updates.inc("value", 10L),
                                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
                        long value = ((Number) after.get("value")).longValue();
                        if (!answers.add(value)) {
                            repeated.add(value);
                        }
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(repeated).as("answers given twice").isEmpty();
            assertThat(answers).hasSize(THREADS * INCREMENTS);
        }
    }
}
