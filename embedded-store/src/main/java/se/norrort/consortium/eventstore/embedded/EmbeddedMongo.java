package se.norrort.consortium.eventstore.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default store: a MongoDB wire-protocol server (mongo-java-server) on 127.0.0.1, backed by an H2
 * MVStore file that is committed before each write is acknowledged (see {@link DurableH2Backend}), or held in memory
 * for tests that need no durability.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    private final MongoServer server;
    private final H2Backend backend;
    private final String connectionString;

    private EmbeddedMongo(H2Backend backend, String host, int port) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        server.bind(new InetSocketAddress(host, port));
        InetSocketAddress address = server.getLocalAddress();
        this.connectionString = "mongodb://" + host + ":" + address.getPort();
    }

    /** Starts a server on a file (created with its folders when missing); port 0 picks a free port. */
    public static EmbeddedMongo onFile(Path file, String host, int port) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder for " + file, e);
        }
        EmbeddedMongo mongo = new EmbeddedMongo(DurableH2Backend.open(file.toString()), host, port);
        log.info("Embedded MongoDB on {} storing in {}", mongo.connectionString, file.toAbsolutePath());
        return mongo;
    }

    /**
     * Starts a server on an existing file unless another process holds it (the launcher serving it): for tools that
     * read the embedded default's data while the stack is stopped, and connect to the running launcher otherwise.
     *
     * @return the server, or empty when the file is locked by another process (or another server in this one)
     */
    public static Optional<EmbeddedMongo> onFileIfFree(Path file, String host, int port) {
        try {
            return Optional.of(onFile(file, host, port));
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Starts an in-memory server on a free loopback port. */
    public static EmbeddedMongo inMemory() {
        return new EmbeddedMongo(ConsistentH2Backend.inMemory(), "127.0.0.1", 0);
    }

    public String connectionString() {
        return connectionString;
    }

    public int port() {
        return server.getLocalAddress().getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
