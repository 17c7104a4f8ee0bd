package se.norrort.consortium.eventstore.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded store as a process of its own: {@code EmbeddedMongoMain <data-file> [port]}. Prints
 * {@code READY mongodb://127.0.0.1:<port>} on standard output once it accepts connections.
 */
public final class EmbeddedMongoMain {

    private EmbeddedMongoMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: EmbeddedMongoMain <data-file> [port]");
            System.exit(2);
        }
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        EmbeddedMongo mongo = EmbeddedMongo.onFile(Path.of(args[0]), "127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(mongo::close, "embedded-mongo-shutdown"));
        System.out.println("READY " + mongo.connectionString());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
