package se.norrort.consortium.eventstore.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable embedded store compacts its file: with a commit per write, most chunks keep a few live pages for ever,
 * and without compaction the file is mostly dead space. The same churn (documents inserted, then each updated many
 * times, every write committed) on two stores, one compacting after each round of updates (what its thread does every
 * 10 s, called here directly so that the result does not depend on how fast the machine runs the churn) and one that
 * never does; the store's retention time is set to 0 here so that the test need not wait the 45 s after which a
 * chunk may be rewritten.
 */
class DurableCompactionTest {

    private static final int DOCUMENTS = 200;
    private static final int ROUNDS = 50;

    @TempDir
    Path dir;

    @Test
    void givenChurnOnTheDurableStore_whenItCompacts_thenMostOfItsChunksAreLiveAndTheDataSurvivesAReopen() {
        Path compacted = dir.resolve("compacted.mv");
        Path never = dir.resolve("never.mv");

        long[] compactedFigures = churn(compacted, true);
        long[] neverFigures = churn(never, false);

        long compactedFill = compactedFigures[0];
        long neverFill = neverFigures[0];
        long compactedSize = compactedFigures[1];
        long neverSize = neverFigures[1];
        System.out.printf(
                "chunks' fill rate %d%% (compacting) vs %d%% (never); file %d KB vs %d KB%n",
                compactedFill, neverFill, compactedSize >> 10, neverSize >> 10);
        assertThat(compactedSize).isLessThan(neverSize / 2);

        // every document has its last value after the compacted file is opened again
        try (Served served = serve(compacted, Duration.ofDays(1), false)) {
            MongoCollection<Document> docs = served.client.getDatabase("churn").getCollection("docs");
            assertThat(docs.countDocuments()).isEqualTo(DOCUMENTS);
            for (int i = 0; i < DOCUMENTS; i++) {
                Document doc = docs.find(Filters.eq("_id", "doc-" + i)).first();
                assertThat(doc).isNotNull();
                assertThat(doc.getInteger("round")).isEqualTo(ROUNDS);
            }
        }
    }

    /** Runs the churn on a store on {@code file}; answers its chunks' fill rate and its file's size, then closes it. */
    private static long[] churn(Path file, boolean compact) {
        try (Served served = serve(file, Duration.ofDays(1), true)) {
            MongoCollection<Document> docs = served.client.getDatabase("churn").getCollection("docs");
            for (int i = 0; i < DOCUMENTS; i++) {
                docs.insertOne(
                        new Document("_id", "doc-" + i).append("round", 0).append("text", "x".repeat(300)));
            }
            for (int round = 1; round <= ROUNDS; round++) {
                for (int i = 0; i < DOCUMENTS; i++) {
                    docs.updateOne(Filters.eq("_id", "doc-" + i), Updates.set("round", round));
                }
                if (compact) {
                    served.backend.compact();
                }
            }
            return new long[] {served.store.getFileStore().getChunksFillRate(), size(file)};
        }
    }

    private static Served serve(Path file, Duration compactEvery, boolean zeroRetention) {
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                .pageSplitSize(DurableH2Backend.PAGE_SPLIT_SIZE)
                .open();
        if (zeroRetention) {
            store.setRetentionTime(0);
        }
        DurableH2Backend backend = new DurableH2Backend(store, compactEvery);
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        MongoClient client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        return new Served(store, backend, server, client);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Served(MVStore store, DurableH2Backend backend, MongoServer server, MongoClient client)
            implements AutoCloseable {

        @Override
        public void close() {
            client.close();
            server.shutdownNow();
            backend.close();
        }
    }
}
