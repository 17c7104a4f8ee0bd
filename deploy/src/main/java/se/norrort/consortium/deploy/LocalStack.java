package se.norrort.consortium.deploy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.norrort.consortium.eventstore.embedded.EmbeddedMongo;
import se.norrort.consortium.security.LocalSigningKey;
import se.norrort.consortium.security.TokenMinter;

/**
 * Runs the whole stack on one machine: the embedded MongoDB (unless {@code MONGODB_URI} names a real one), the
 * command-service, the query-service and the web pages with their gateway, each in a JVM of its own, all on
 * 127.0.0.1. Waits until all three report healthy, optionally seeds the story of the seed document, and stops everything on Ctrl-C.
 * <p>
 * Settings (environment): {@code NORRORT_DATA_DIR} (default {@code ./data}), {@code MONGODB_URI},
 * {@code NORRORT_MONGO_PORT} (27018), {@code COMMAND_SERVICE_PORT} (8081), {@code QUERY_SERVICE_PORT} (8082),
 * {@code WEB_PORT} (8080, the web pages and the one browser origin for the API, see doc/web.md),
 * {@code COMMAND_MANAGEMENT_PORT} (9081) and {@code QUERY_MANAGEMENT_PORT} (9082) for health and metrics.
 * Arguments: {@code --seed} records the seed story once the services are up; {@code token ...} only prints a
 * bearer token signed with the local key (see {@link MintToken}); {@code links ...} only prints the demo people's
 * sign-in links to the web pages (see {@link SignInLinks}); {@code export ...} only writes an application's
 * E-ARK archive package straight from the store (see {@link ExportArchive}).
 */
public final class LocalStack {

    private LocalStack() {}

    static final String ISSUER = "norrort-local";
    static final String AUDIENCE = "norrort-consortium";

    public static void main(String[] args) throws Exception {
        boolean seed = List.of(args).contains("--seed");
        Map<String, String> env = System.getenv();
        Duration healthTimeout = startupTimeout(env.get("NORRORT_STARTUP_TIMEOUT"));
        Path root = Path.of(System.getProperty("norrort.home", "."))
                .toAbsolutePath()
                .normalize();
        Path dataDir = Path.of(
                env.getOrDefault("NORRORT_DATA_DIR", root.resolve("data").toString()));
        Path keyFile = dataDir.resolve("keys").resolve("token-signing.jwk.json");
        if (args.length > 0 && args[0].equals("token")) {
            MintToken.run(args, keyFile, ISSUER, AUDIENCE);
            return;
        }
        if (args.length > 0 && args[0].equals("links")) {
            SignInLinks.run(args, env, keyFile, ISSUER, AUDIENCE, System.out);
            return;
        }
        if (args.length > 0 && args[0].equals("export")) {
            quietLogging();
            System.exit(ExportArchive.run(args, env, dataDir, System.out, System.err));
        }
        LocalSigningKey.loadOrCreate(keyFile);
        int commandPort = Integer.parseInt(env.getOrDefault("COMMAND_SERVICE_PORT", "8081"));
        int queryPort = Integer.parseInt(env.getOrDefault("QUERY_SERVICE_PORT", "8082"));
        int webPort = Integer.parseInt(env.getOrDefault("WEB_PORT", "8080"));
        int commandManagementPort = Integer.parseInt(env.getOrDefault("COMMAND_MANAGEMENT_PORT", "9081"));
        int queryManagementPort = Integer.parseInt(env.getOrDefault("QUERY_MANAGEMENT_PORT", "9082"));

        String mongoUri = env.get("MONGODB_URI");
        EmbeddedMongo embedded = null;
        if (mongoUri == null || mongoUri.isBlank()) {
            int mongoPort = Integer.parseInt(env.getOrDefault("NORRORT_MONGO_PORT", "27018"));
            embedded = EmbeddedMongo.onFile(dataDir.resolve("norrort.mv"), "127.0.0.1", mongoPort);
            mongoUri = embedded.connectionString();
        }
        Files.createDirectories(dataDir.resolve("logs"));

        List<Process> services = new ArrayList<>();
        EmbeddedMongo store = embedded;
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            services.forEach(Process::destroy);
                            services.forEach(p -> {
                                try {
                                    p.waitFor();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            });
                            if (store != null) {
                                store.close();
                            }
                        },
                        "norrort-local-shutdown"));

        services.add(startService(
                root,
                dataDir,
                keyFile,
                "command-service",
                mongoUri,
                "COMMAND_SERVICE_PORT",
                commandPort,
                commandManagementPort));
        services.add(startService(
                root,
                dataDir,
                keyFile,
                "query-service",
                mongoUri,
                "QUERY_SERVICE_PORT",
                queryPort,
                queryManagementPort));

        String commandUrl = "http://127.0.0.1:" + commandPort;
        String queryUrl = "http://127.0.0.1:" + queryPort;
        String webUrl = "http://127.0.0.1:" + webPort;
        services.add(startService(
                root,
                dataDir,
                "web",
                Map.of(
                        "WEB_PORT",
                        Integer.toString(webPort),
                        "COMMAND_SERVICE_URL",
                        commandUrl,
                        "QUERY_SERVICE_URL",
                        queryUrl)));
        long started = System.nanoTime();
        String commandManagement = "http://127.0.0.1:" + commandManagementPort;
        String queryManagement = "http://127.0.0.1:" + queryManagementPort;
        awaitHealthy(commandManagement, services.get(0), healthTimeout);
        awaitHealthy(queryManagement, services.get(1), healthTimeout);
        awaitHealthy(webUrl, services.get(2), healthTimeout);
        System.out.printf("%nNorrort Consortium is up in %.1f s%n", (System.nanoTime() - started) / 1e9);
        System.out.println("  command-service  " + commandUrl + "   (health, metrics: " + commandManagement
                + "/actuator/health, /actuator/prometheus)");
        System.out.println("  query-service    " + queryUrl + "   (health, metrics: " + queryManagement
                + "/actuator/health, /actuator/prometheus)");
        System.out.println("  web (the pages)  " + webUrl + "/   (one origin: pages, commands, reads, live streams)");
        System.out.println("  event store      " + mongoUri
                + (store != null ? "  (embedded, data in " + dataDir.resolve("norrort.mv") + ")" : ""));
        System.out.println("  logs             " + dataDir.resolve("logs"));
        if (seed) {
            TokenMinter tokens = new TokenMinter(LocalSigningKey.loadOrCreate(keyFile), ISSUER, AUDIENCE);
            new SeedStory(commandUrl, tokens).run();
            if (!"oidc".equals(env.getOrDefault("NORRORT_SECURITY_MODE", "local"))) {
                SignInLinks.print(webUrl + "/", tokens, SignInLinks.DEFAULT_VALIDITY, System.out);
            }
        }
        System.out.println("Press Ctrl-C to stop.");
        for (Process p : services) {
            p.waitFor();
        }
    }

    /**
     * A command-line tool prints its own lines: only warnings and errors from the libraries' logs, and none of the
     * embedded server's remarks on opening a data file.
     */
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
            context.getLogger("de.bwaldvogel").setLevel(Level.ERROR);
        }
    }

    private static Process startService(
            Path root,
            Path dataDir,
            Path keyFile,
            String name,
            String mongoUri,
            String portVariable,
            int port,
            int managementPort)
            throws IOException {
        Map<String, String> settings = new java.util.HashMap<>();
        settings.put("MONGODB_URI", mongoUri);
        settings.put(portVariable, Integer.toString(port));
        settings.put("NORRORT_MANAGEMENT_PORT", Integer.toString(managementPort));
        settings.put("NORRORT_SECURITY_KEY_FILE", keyFile.toString());
        // the local key's tokens carry these; with NORRORT_SECURITY_MODE=oidc the provider's issuer and audience
        // (NORRORT_SECURITY_ISSUER, NORRORT_SECURITY_AUDIENCE) come from the environment instead
        if (!"oidc".equals(System.getenv("NORRORT_SECURITY_MODE"))) {
            settings.put("NORRORT_SECURITY_ISSUER", ISSUER);
            settings.put("NORRORT_SECURITY_AUDIENCE", AUDIENCE);
        }
        return startService(root, dataDir, name, settings);
    }

    /** Starts {@code name}'s runnable jar in a JVM of its own with {@code settings} added to its environment. */
    private static Process startService(Path root, Path dataDir, String name, Map<String, String> settings)
            throws IOException {
        Path jar = root.resolve(name).resolve("target").resolve(name + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw -B -DskipTests install");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xss512k", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("logs").resolve(name + ".log").toFile());
        builder.environment().putAll(settings);
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        builder.environment().putIfAbsent("NORRORT_SECURITY_MODE", "local");
        return builder.start();
    }

    /** How long each service may take to report healthy: {@code NORRORT_STARTUP_TIMEOUT} seconds, 90 by default. */
    static Duration startupTimeout(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return Duration.ofSeconds(90);
        }
        try {
            long value = Long.parseLong(seconds.trim());
            if (value > 0) {
                return Duration.ofSeconds(value);
            }
        } catch (NumberFormatException notANumber) {
            // below
        }
        throw new IllegalArgumentException(
                "NORRORT_STARTUP_TIMEOUT must be a whole number of seconds above 0; it was " + seconds);
    }

    private static void awaitHealthy(String baseUrl, Process process, Duration healthTimeout)
            throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + healthTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(baseUrl + " exited with " + process.exitValue() + "; see its log");
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                baseUrl + " was not healthy within " + healthTimeout + " (NORRORT_STARTUP_TIMEOUT)");
    }
}
