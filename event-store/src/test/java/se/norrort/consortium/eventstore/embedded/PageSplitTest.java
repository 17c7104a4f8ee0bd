package se.norrort.consortium.eventstore.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable store splits each collection's pages by the size of that collection's own documents: a commit writes
 * (and encodes) every document of each page it changed, so the pages of a view's large documents must hold one or
 * two of them even while many small documents (events) are written beside them.
 */
class PageSplitTest {

    @TempDir
    Path dir;

    @Test
    void givenLargeDocumentsWrittenAmongManySmallOnes_whenStored_thenEachPageOfTheLargeOnesHoldsAtMostTwo() {
        Path file = dir.resolve("pages.mv");
        DurableH2Backend backend = DurableH2Backend.open(file.toString());
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            try (MongoClient client = MongoClients.create(
                    "mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
                MongoDatabase database = client.getDatabase("pages");
                MongoCollection<Document> events = database.getCollection("events");
                MongoCollection<Document> views = database.getCollection("views");
                for (int i = 0; i < 40; i++) {
                    for (int j = 0; j < 10; j++) {
                        events.insertOne(new Document("_id", "event-" + i + "-" + j).append("p", "e".repeat(300)));
                    }
                    views.insertOne(new Document("_id", "view-" + i).append("p", "v".repeat(9_000)));
                }
                for (int i = 0; i < 40; i++) {
                    views.replaceOne(
                            Filters.eq("_id", "view-" + i),
                            new Document("_id", "view-" + i).append("p", "w".repeat(9_000)));
                }
            }
        } finally {
            server.shutdownNow();
            backend.close();
        }

        try (MVStore store = MVStore.open(file.toString())) {
            MVMap<Object, de.bwaldvogel.mongo.bson.Document> views = store.openMap(
                    "databases.pages.views",
                    new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>()
                            .valueType(BsonDocumentType.forCollection()));
            assertThat(views.size()).isEqualTo(40);
            List<Integer> leaves = new ArrayList<>();
            leafSizes(views.getRootPage(), leaves);
            assertThat(leaves).as("documents per page of the large documents").allMatch(keys -> keys <= 2);
        }
    }

    private static void leafSizes(Page<?, ?> page, List<Integer> sizes) {
        if (page.isLeaf()) {
            sizes.add(page.getKeyCount());
            return;
        }
        for (int i = 0; i < page.getRawChildPageCount(); i++) {
            leafSizes(page.getChildPage(i), sizes);
        }
    }
}
