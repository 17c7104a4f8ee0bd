package se.norrort.consortium.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.command.CommandServiceApplication;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.query.QueryServiceApplication;

/**
 * The command-service and the query-service as they run for real, each its own Spring context on a free port of
 * 127.0.0.1, sharing one store (embedded, or {@code MONGODB_URI}) in a database of their own.
 *
 * @param database the database both services use
 */
record BothServices(
        ConfigurableApplicationContext commandService, ConfigurableApplicationContext queryService, String database)
        implements AutoCloseable {

    /** Starts both services on a fresh database, with {@code settings} ({@code --name=value}) added to both. */
    static BothServices start(String... settings) {
        String database = TestMongo.freshDatabaseName();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--management.server.port=0",
                "--norrort.mongodb.uri=" + TestMongo.connectionString(),
                "--norrort.mongodb.database=" + database));
        args.addAll(List.of(settings));
        String[] all = args.toArray(String[]::new);
        ConfigurableApplicationContext commands =
                CommandServiceApplication.application().run(all);
        try {
            return new BothServices(
                    commands, QueryServiceApplication.application().run(all), database);
        } catch (RuntimeException e) {
            commands.close();
            throw e;
        }
    }

    /** The command-service's base URL. */
    String commandUrl() {
        return url(commandService);
    }

    /** A client of the command-service. */
    WebTestClient.Builder commands() {
        return client(commandService);
    }

    /** A client of the query-service. */
    WebTestClient.Builder queries() {
        return client(queryService);
    }

    private static WebTestClient.Builder client(ConfigurableApplicationContext context) {
        return WebTestClient.bindToServer().baseUrl(url(context)).responseTimeout(Duration.ofSeconds(30));
    }

    private static String url(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** Stops the query-service, then the command-service. */
    @Override
    public void close() {
        queryService.close();
        commandService.close();
    }
}
