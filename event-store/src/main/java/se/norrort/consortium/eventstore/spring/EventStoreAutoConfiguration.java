package se.norrort.consortium.eventstore.spring;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsConnectionPoolListener;
import java.time.Clock;
import java.util.List;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import se.norrort.consortium.api.EventTypes;
import se.norrort.consortium.api.upcasting.ApplicationOpenedV1ToV2Upcaster;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.eventstore.axon.EventLogStorageEngine;
import se.norrort.consortium.eventstore.axon.StableNameSerializer;
import se.norrort.consortium.eventstore.axon.StoredEventReader;
import se.norrort.consortium.eventstore.chain.CommitSealer;
import se.norrort.consortium.eventstore.metrics.StoreOperationCounter;
import se.norrort.consortium.eventstore.metrics.StoreOperationsEndpoint;
import se.norrort.consortium.eventstore.mongo.MongoEventLog;

/**
 * The event store both services share: the MongoDB client, the {@link EventLog} port on MongoDB, Axon's storage
 * engine on top of it, the serializers with stable type names, and Axon's token store in MongoDB. Runs before Axon's
 * own auto-configuration so that Axon picks these beans up instead of its defaults.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@EnableConfigurationProperties({EventStoreProperties.class, MongoClientProperties.class})
public class EventStoreAutoConfiguration {

    /**
     * The default of {@code norrort.processing.claim-timeout}, read by the token store here and by the query-service's
     * claim renewal (a third of it): one value, so the two cannot drift apart.
     */
    public static final String DEFAULT_CLAIM_TIMEOUT = "10s";

    /**
     * The settings every MongoDB client of the service is built with (see {@link MongoClientProperties}); the
     * query-service's reactive client uses them too.
     */
    @Bean
    @ConditionalOnMissingBean
    public MongoClientSettings norrortMongoClientSettings(
            EventStoreProperties properties,
            MongoClientProperties client,
            Environment environment,
            ObjectProvider<MongoSettingsCustomizer> customizers,
            ObjectProvider<CommandListener> listeners) {
        // every CommandListener bean (e.g. the benchmark's store-operation counter) sees both drivers' commands
        java.util.List<java.util.function.Consumer<MongoClientSettings.Builder>> customizations =
                new java.util.ArrayList<>(customizers
                        .orderedStream()
                        .map(c -> (java.util.function.Consumer<MongoClientSettings.Builder>) c)
                        .toList());
        listeners.orderedStream().forEach(listener -> customizations.add(b -> b.addCommandListener(listener)));
        return MongoSettings.build(
                properties.uri(), client, environment.getProperty("spring.application.name"), customizations);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public MongoClient mongoClient(MongoClientSettings norrortMongoClientSettings) {
        return MongoClients.create(norrortMongoClientSettings);
    }

    /** The MongoDB driver's command latencies and connection pool sizes as Micrometer meters. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class MongoMetrics {

        @Bean
        MongoSettingsCustomizer mongoMetricsListeners(ObjectProvider<MeterRegistry> registry) {
            return builder -> {
                MeterRegistry meters = registry.getIfAvailable();
                if (meters != null) {
                    builder.addCommandListener(new MongoMetricsCommandListener(meters))
                            .applyToConnectionPoolSettings(
                                    p -> p.addConnectionPoolListener(new MongoMetricsConnectionPoolListener(meters)));
                }
            };
        }
    }

    /** The store in readiness ({@code eventStore}): a ping with a timeout of its own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class StoreHealth {

        @Bean(
                name = "eventStoreHealthIndicator",
                destroyMethod = "close") // the contributor "eventStore" (suffix dropped)
        EventStoreHealth eventStoreHealth(MongoDatabase norrortDatabase, MongoClientProperties client) {
            return new EventStoreHealth(norrortDatabase, client.healthTimeout());
        }
    }

    /** Counts the wire commands this service sends to the store, by command and collection (the benchmark reads it). */
    @Bean
    @ConditionalOnMissingBean
    public StoreOperationCounter storeOperationCounter() {
        return new StoreOperationCounter();
    }

    /** {@code /actuator/storeoperations}, when the service has actuator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class StoreOperationsEndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        StoreOperationsEndpoint storeOperationsEndpoint(StoreOperationCounter counter) {
            return new StoreOperationsEndpoint(counter);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    public MongoDatabase norrortDatabase(MongoClient client, EventStoreProperties properties) {
        return client.getDatabase(properties.database());
    }

    @Bean
    @ConditionalOnMissingBean
    public EventTypes eventTypes() {
        return se.norrort.consortium.api.events.ConsortiumEvents.registry();
    }

    /**
     * Every upcaster of the contract, so that both services read old stored events the same way (readers outside
     * Spring get the same list from {@link StoredEventReader#ofContract()}).
     */
    @Bean
    public ApplicationOpenedV1ToV2Upcaster applicationOpenedV1ToV2Upcaster() {
        return new ApplicationOpenedV1ToV2Upcaster();
    }

    /**
     * Indexes are created here, while the context starts: before any command can be accepted. Commits are sealed when
     * the service declares a {@link CommitSealer} (the command-service does, with its private key).
     */
    @Bean
    @ConditionalOnMissingBean
    public EventLog eventLog(
            MongoDatabase database, EventStoreProperties properties, ObjectProvider<CommitSealer> sealer) {
        return new MongoEventLog(database, properties.gapTimeout(), Clock.systemUTC(), sealer.getIfAvailable());
    }

    @Bean
    @Primary
    public Serializer serializer(EventTypes types) {
        return StableNameSerializer.create(types);
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(EventTypes types) {
        return StableNameSerializer.create(types);
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(EventTypes types) {
        return StableNameSerializer.create(types);
    }

    /**
     * For the benchmark's peer only ({@code norrort.event-store.engine=axon-mongo}): Axon's own
     * {@code MongoEventStorageEngine} behind the same services instead of the project's log. Commits are then neither
     * sealed nor chained, positions are not gap-aware, and the query-service (which reads the project's log) sees
     * none of its events: never for real use.
     */
    @Bean
    @ConditionalOnProperty(name = "norrort.event-store.engine", havingValue = "axon-mongo")
    public EventStorageEngine axonMongoPeerEngine(
            MongoTemplate axonMongoTemplate,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer) {
        return MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    public EventStorageEngine eventStorageEngine(
            EventLog eventLog,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            ObjectProvider<EventUpcaster> upcasters,
            EventStoreProperties properties) {
        List<EventUpcaster> chain = upcasters.orderedStream().toList();
        return EventLogStorageEngine.builder()
                .eventLog(eventLog)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(new EventUpcasterChain(chain))
                .batchSize(properties.batchSize())
                .build();
    }

    /** Reads stored events' payloads outside Axon's event store (auditor tools, archive export). */
    @Bean
    @ConditionalOnMissingBean
    public StoredEventReader storedEventReader(Serializer serializer, ObjectProvider<EventUpcaster> upcasters) {
        return new StoredEventReader(serializer, upcasters.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    public MongoTemplate axonMongoTemplate(MongoClient client, EventStoreProperties properties) {
        return DefaultMongoTemplate.builder()
                .mongoDatabase(client, properties.database())
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    public TokenStore tokenStore(
            MongoTemplate axonMongoTemplate,
            Serializer serializer,
            @org.springframework.beans.factory.annotation.Value(
                            "${norrort.processing.claim-timeout:" + DEFAULT_CLAIM_TIMEOUT + "}")
                    java.time.Duration claimTimeout) {
        if (claimTimeout.isNegative() || claimTimeout.isZero()) {
            throw new IllegalArgumentException("norrort.processing.claim-timeout must be a positive duration such as"
                    + " 10s; it was " + claimTimeout);
        }
        // A claim not renewed for claimTimeout (its instance died) may be taken by another instance.
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .claimTimeout(claimTimeout)
                .build();
    }
}
