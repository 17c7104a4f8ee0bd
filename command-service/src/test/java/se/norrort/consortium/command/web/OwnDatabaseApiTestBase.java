package se.norrort.consortium.command.web;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.eventstore.TestMongo;

/**
 * The command-service over HTTP in a context and a database of its own, for a test of a limit that the shared
 * {@link CommandApiTestBase} lifts (the command rate, the owner's quota): the subclass sets the limit with
 * {@code @TestPropertySource}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=command-service", "server.address=127.0.0.1"})
@AutoConfigureWebTestClient
public abstract class OwnDatabaseApiTestBase {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        CommandTestStore.register(registry, TestMongo::freshDatabaseName);
    }

    @Autowired
    protected WebTestClient web;
}
