package se.norrort.consortium.eventstore.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.util.function.Function;
import org.bson.Document;

/** Serves a backend on a free port for one piece of work through the driver, then shuts it down and closes it. */
final class Served {

    private Served() {}

    static <T> T serve(H2Backend backend, String database, Function<MongoCollection<Document>, T> work) {
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            try (MongoClient client = MongoClients.create(
                    "mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
                return work.apply(client.getDatabase(database).getCollection("docs"));
            }
        } finally {
            server.shutdownNow();
            backend.close();
        }
    }
}
