package se.norrort.consortium.command.web;

import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.security.TestTokens;

/** What every command-service test context needs: the store the stack runs on, a database, the test key. */
public final class CommandTestStore {

    private CommandTestStore() {}

    public static void register(DynamicPropertyRegistry registry, Supplier<Object> database) {
        registry.add("norrort.mongodb.uri", TestMongo::connectionString);
        registry.add("norrort.mongodb.database", database);
        registry.add("norrort.security.key-file", () -> TestTokens.keyFile().toString());
    }
}
