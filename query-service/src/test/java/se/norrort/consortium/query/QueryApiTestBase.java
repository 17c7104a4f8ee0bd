package se.norrort.consortium.query;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.eventstore.chain.CommitSealer;
import se.norrort.consortium.eventstore.chain.RsaCommitSeals;
import se.norrort.consortium.security.LocalSigningKey;
import se.norrort.consortium.security.SecurityProperties;
import se.norrort.consortium.security.TestTokens;

/**
 * The query-service over HTTP against the store the stack runs on, each test class in a database of its own. Events
 * are appended to the shared event store as the command-service would append them: sealed with the key both
 * services share ({@link CommandServiceSeals}).
 */
@Import(QueryApiTestBase.CommandServiceSeals.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=query-service",
            "server.address=127.0.0.1",
            // the test classes' contexts share one database but are no deployment: no balancing between
            // them (balancing is tested with four JVMs in MultiInstanceTest)
            "norrort.processing.balance-interval=0"
        })
@AutoConfigureWebTestClient
public abstract class QueryApiTestBase {

    private static final String DATABASE = TestMongo.freshDatabaseName();

    /**
     * The command-service's sealer, with the test key file: the query-service itself appends nothing, but its tests
     * append through its event log as the command-service would.
     */
    @TestConfiguration(proxyBeanMethods = false)
    public static class CommandServiceSeals {

        @Bean
        CommitSealer commitSealer(SecurityProperties properties) throws JOSEException {
            RSAKey key = LocalSigningKey.loadOrCreate(properties.keyFile());
            return RsaCommitSeals.sealer(LocalSigningKey.keyId(key), key.toRSAPrivateKey());
        }
    }

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("norrort.mongodb.uri", TestMongo::connectionString);
        registry.add("norrort.mongodb.database", () -> DATABASE);
        registry.add("norrort.security.key-file", () -> TestTokens.keyFile().toString());
    }

    /** The same client without any token. */
    protected WebTestClient anonymous;

    @BeforeEach
    void readAsAuditor() {
        anonymous = web;
        web = web.mutate()
                .defaultHeaders(h -> h.setBearerAuth(TestTokens.token("revisor", "Rut Revisor", "AUDITOR", null)))
                .build();
    }

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected EventStore eventStore;

    @Autowired
    protected EventLog eventLog;

    /** Appends one event with the metadata the command-service records (who acted); returns its position. */
    protected long appendAs(long sequence, Map<String, ?> metadata, ConsortiumEvent event) {
        String id = event.applicationId().toString();
        eventStore.publish(
                new GenericDomainEventMessage<>("ConsortiumApplication", id, sequence, event, MetaData.from(metadata)));
        return eventLog.readStream(id, sequence, 1).get(0).position();
    }

    /** Appends events to one application's stream, from sequence {@code firstSequence}; returns the last position. */
    protected long append(long firstSequence, ConsortiumEvent... events) {
        long sequence = firstSequence;
        for (ConsortiumEvent event : events) {
            eventStore.publish(new GenericDomainEventMessage<>(
                    "ConsortiumApplication",
                    event.applicationId().toString(),
                    sequence++,
                    event,
                    MetaData.from(Map.of("actorId", "test"))));
        }
        return eventLog.lastSequence(events[0].applicationId().toString()).isPresent()
                ? eventLog.readStream(events[0].applicationId().toString(), sequence - 1, 1)
                        .get(0)
                        .position()
                : -1;
    }

    @SuppressWarnings("unchecked")
    /** A list of JSON objects of an answer body. */
    protected static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    /** A JSON object of an answer body. */
    protected static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
