package se.norrort.consortium.deploy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.archive.ApplicationArchive;
import se.norrort.consortium.archive.ApplicationArchive.Exported;
import se.norrort.consortium.archive.ExportedBy;
import se.norrort.consortium.eventstore.axon.StoredEventReader;
import se.norrort.consortium.eventstore.chain.RsaCommitSeals;
import se.norrort.consortium.eventstore.chain.SealVerifier;
import se.norrort.consortium.eventstore.embedded.EmbeddedMongo;
import se.norrort.consortium.security.LocalSigningKey;

/**
 * {@code norrort-local.jar export --application ID [--out FILE] [--mongodb-uri URI] [--database NAME]
 * [--data-file FILE] [--exported-by NAME] [--key-file FILE]}: writes the application's whole history as an E-ARK
 * SIP (the package the query-service serves auditors at {@code GET /api/applications/{id}/export}), straight from
 * the store, with no service running, and prints the E-ARK validator's verdict.
 * <p>
 * The store, as the services find it: {@code --mongodb-uri}, else {@code MONGODB_URI}; without either, the embedded
 * default's data file ({@code --data-file}, else {@code norrort.mv} in {@code NORRORT_DATA_DIR} or {@code ./data}),
 * opened directly while the stack is stopped and read through the running launcher
 * ({@code mongodb://127.0.0.1:NORRORT_MONGO_PORT}, default 27018) while it holds the file. The database:
 * {@code --database}, else {@code NORRORT_DATABASE}, else {@code norrort}. The package goes to {@code --out}, else
 * {@code ./<id>.sip.zip}.
 * <p>
 * The commits' seals are checked with the public half of the services' key: {@code --key-file}, else
 * {@code NORRORT_SECURITY_KEY_FILE}, else {@code keys/token-signing.jwk.json} in the data folder, plus the retired
 * public keys in {@code NORRORT_SECURITY_RETIRED_PUBLIC_KEYS}. Without a key file (it is never created here), the
 * export verifies the hash chain only and says so.
 * <p>
 * Exit codes: {@value #OK} written and valid; {@value #INVALID_PACKAGE} written, but the E-ARK validator refuses it
 * (kept for inspection); {@value #USAGE} wrong arguments; {@value #UNKNOWN_APPLICATION} nothing is stored of the
 * application; {@value #STORE_UNREACHABLE} the store cannot be reached or opened.
 */
final class ExportArchive {

    static final int OK = 0;
    static final int INVALID_PACKAGE = 1;
    static final int USAGE = 2;
    static final int UNKNOWN_APPLICATION = 3;
    static final int STORE_UNREACHABLE = 4;

    private static final Set<String> OPTIONS =
            Set.of("application", "out", "mongodb-uri", "database", "data-file", "exported-by", "key-file");
    private static final int STORE_TIMEOUT_SECONDS = 5;

    private ExportArchive() {}

    /** A failure with its message and exit code. */
    private static final class Failure extends Exception {

        final int exitCode;

        Failure(int exitCode, String message) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }
    }

    /**
     * Runs the subcommand ({@code args[0]} is {@code export}).
     *
     * @param env     the environment ({@code MONGODB_URI}, {@code NORRORT_DATABASE}, {@code NORRORT_MONGO_PORT})
     * @param dataDir the embedded default's data folder
     * @return the exit code
     */
    static int run(String[] args, Map<String, String> env, Path dataDir, PrintStream out, PrintStream err) {
        try {
            Map<String, String> options = options(args);
            String applicationId = options.get("application");
            if (applicationId == null) {
                throw usage("--application is required");
            }
            try {
                new ApplicationId(applicationId);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            Path target = Path.of(options.getOrDefault("out", applicationId + ".sip.zip"))
                    .toAbsolutePath();
            String database = firstOf(options.get("database"), env.get("NORRORT_DATABASE"), "norrort");
            String user = System.getProperty("user.name", "unknown");
            ExportedBy exportedBy = new ExportedBy(user, options.getOrDefault("exported-by", user), null);
            Path keyFile = Path.of(firstOf(
                    options.get("key-file"),
                    env.get("NORRORT_SECURITY_KEY_FILE"),
                    dataDir.resolve("keys").resolve("token-signing.jwk.json").toString()));
            SealVerifier seals = seals(keyFile, env.get("NORRORT_SECURITY_RETIRED_PUBLIC_KEYS"), err);
            try (Store store = Store.open(options, env, dataDir);
                    MongoClient client = MongoClients.create(settings(store.uri()))) {
                MongoDatabase db = client.getDatabase(database);
                ping(db, store);
                Optional<Exported> exported = new ApplicationArchive(
                                db, StoredEventReader.ofContract(), seals, Clock.systemUTC())
                        .export(applicationId, exportedBy, target);
                if (exported.isEmpty()) {
                    throw new Failure(
                            UNKNOWN_APPLICATION,
                            "No events of application " + applicationId + " are stored in database '" + database
                                    + "' of " + store.description() + ".");
                }
                return report(exported.get(), out, err);
            }
        } catch (Failure failure) {
            err.println(failure.getMessage());
            if (failure.exitCode == USAGE) {
                err.println("usage: export --application ID [--out FILE] [--mongodb-uri URI] [--database NAME]"
                        + " [--data-file FILE] [--exported-by NAME] [--key-file FILE]");
            }
            return failure.exitCode;
        }
    }

    /** The seal verifier of the services' key, or none (with a warning) when there is no key file. */
    private static SealVerifier seals(Path keyFile, String retiredKeys, PrintStream err) throws Failure {
        if (!Files.isRegularFile(keyFile)) {
            err.println("WARNING: no key file at " + keyFile.toAbsolutePath() + " (--key-file): the commits' seals"
                    + " are not checked, only the hash chain");
            return null;
        }
        try {
            RSAKey key = RSAKey.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
            Path retired = retiredKeys == null || retiredKeys.isBlank() ? null : Path.of(retiredKeys);
            return RsaCommitSeals.verifier(LocalSigningKey.publicKeys(key, retired));
        } catch (IOException | ParseException | RuntimeException e) {
            throw new Failure(USAGE, "Cannot read the key file " + keyFile.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    private static int report(Exported exported, PrintStream out, PrintStream err) {
        out.println("Exported " + exported.events() + " events and " + exported.documents() + " document"
                + (exported.documents() == 1 ? "" : "s") + " to " + exported.file());
        out.println(
                "Package " + exported.packageId() + ": " + exported.validation().summary());
        if (exported.chain().ok()) {
            out.println("Hash chain verified, head " + exported.chain().headHash());
        } else {
            err.println("WARNING: the hash chain does not verify: "
                    + exported.chain().brokenAt().orElseThrow().reason() + " (the report in the package says where)");
        }
        if (exported.documentsNotOk() > 0) {
            err.println("WARNING: " + exported.documentsNotOk() + " attached document(s) missing from the store or"
                    + " not matching their recorded digest (see the report in the package)");
        }
        if (!exported.validation().valid()) {
            err.println("The package does not pass the E-ARK validator (kept for inspection): "
                    + exported.validation().failures());
            return INVALID_PACKAGE;
        }
        return OK;
    }

    private static Map<String, String> options(String[] args) throws Failure {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !OPTIONS.contains(name)) {
                throw usage("unexpected argument " + args[i]);
            }
            if (i + 1 >= args.length || args[i + 1].isBlank()) {
                throw usage("--" + name + " needs a value");
            }
            options.put(name, args[i + 1]);
        }
        return options;
    }

    private static Failure usage(String problem) {
        return new Failure(USAGE, problem);
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static MongoClientSettings settings(String uri) {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .build();
    }

    private static void ping(MongoDatabase database, Store store) throws Failure {
        try {
            database.runCommand(new Document("ping", 1));
        } catch (MongoException e) {
            throw new Failure(
                    STORE_UNREACHABLE,
                    "Cannot reach the event store at " + store.description() + ": " + e.getMessage());
        }
    }

    /** Where the events are read from; closes the embedded server it opened, if any. */
    private record Store(String uri, String description, EmbeddedMongo embedded) implements AutoCloseable {

        static Store open(Map<String, String> options, Map<String, String> env, Path dataDir) throws Failure {
            String uri = firstOf(options.get("mongodb-uri"), env.get("MONGODB_URI"));
            if (uri != null) {
                try {
                    new ConnectionString(uri);
                } catch (IllegalArgumentException e) {
                    throw usage("not a MongoDB connection string: " + uri);
                }
                return new Store(uri, uri, null);
            }
            String launcher = "mongodb://127.0.0.1:" + env.getOrDefault("NORRORT_MONGO_PORT", "27018");
            String given = options.get("data-file");
            Path file = given != null ? Path.of(given) : dataDir.resolve("norrort.mv");
            if (!Files.isRegularFile(file)) {
                if (given != null) {
                    throw new Failure(STORE_UNREACHABLE, "No data file at " + file.toAbsolutePath() + ".");
                }
                return new Store(launcher, launcher + " (no data file at " + file.toAbsolutePath() + ")", null);
            }
            Optional<EmbeddedMongo> embedded;
            try {
                embedded = EmbeddedMongo.onFileIfFree(file, "127.0.0.1", 0);
            } catch (RuntimeException e) {
                throw new Failure(
                        STORE_UNREACHABLE,
                        "Cannot open the data file " + file.toAbsolutePath() + ": " + e.getMessage());
            }
            if (embedded.isPresent()) {
                return new Store(
                        embedded.get().connectionString(), "the data file " + file.toAbsolutePath(), embedded.get());
            }
            if (given != null) {
                throw new Failure(
                        STORE_UNREACHABLE,
                        "The data file " + file.toAbsolutePath() + " is in use (is the"
                                + " stack running?); leave out --data-file to read through the running launcher.");
            }
            return new Store(launcher, launcher + " (the running launcher holds " + file.toAbsolutePath() + ")", null);
        }

        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
