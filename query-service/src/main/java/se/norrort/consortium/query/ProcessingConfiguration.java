package se.norrort.consortium.query;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.norrort.consortium.eventstore.spring.EventStoreAutoConfiguration;
import se.norrort.consortium.query.projection.LiveBatches;
import se.norrort.consortium.query.projection.RebuildableProjection;
import se.norrort.consortium.query.projection.ViewGate;

/** How projections get their events and treat failures. */
@Configuration
public class ProcessingConfiguration {

    /**
     * The event store the processors read: Axon's embedded one on the shared storage engine, whose single producer
     * reads the store for every processor's stream at once, every {@code norrort.query.fetch-delay} (default 20 ms)
     * while nothing is new: one read of the position counter, by {@code _id}, so about 50 store reads a second
     * when idle. That bounds how late a processor sees a commit made by another JVM (Axon's default: 1 s).
     */
    @Bean
    public EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine, @Value("${norrort.query.fetch-delay:20ms}") Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(Math.max(1, fetchDelay.toMillis()))
                .timeUnit(TimeUnit.MILLISECONDS)
                .build();
    }

    /** What the processors read (named as their {@code source} in {@code query-service.yml}): wakes them at once. */
    @Bean(destroyMethod = "close")
    public WakingEventSource wakingEventSource(EmbeddedEventStore eventStore) {
        return new WakingEventSource(eventStore);
    }

    /**
     * A processor extends the claim on each of its segments well within the token store's claim timeout
     * ({@code norrort.processing.claim-timeout}): after a third of it (Axon's default is a fixed 5 s, which with a
     * claim timeout of 5 s let another instance take a live instance's segments, and the two then took them from each
     * other back and forth).
     */
    @Bean
    public ConfigurerModule claimExtension(
            @Value("${norrort.processing.claim-timeout:" + EventStoreAutoConfiguration.DEFAULT_CLAIM_TIMEOUT + "}")
                    Duration claimTimeout) {
        long threshold = Math.max(100, claimTimeout.toMillis() / 3);
        return configurer -> configurer
                .eventProcessing()
                .registerPooledStreamingEventProcessorConfiguration(
                        (c, builder) -> builder.claimExtensionThreshold(threshold));
    }

    /**
     * A projection that fails on an event never skips it. The event is parked in the processing group's dead-letter
     * queue in MongoDB (collection {@code deadletters}); later events of the same application wait behind it in
     * that queue, while other applications' events go on. Operators list, retry and drop dead letters under
     * {@code /api/operations/processors/{group}/dead-letters}. Without a queue (none is configured for a group), a
     * failure propagates and the processor retries with back-off instead of Axon's default of logging and moving on.
     * <p>
     * Whether an event's application has dead letters is answered from memory ({@code enableSequenceIdentifierCache}):
     * per segment, Axon asks the queue once whether it is empty when it claims the segment, and then remembers the
     * applications it dead-lettered itself (and, if the queue was not empty, those it found absent), instead of one
     * query per event.
     * <p>
     * Each projection's processing group writes its view once per batch of events ({@link LiveBatches}).
     */
    @Bean
    public ConfigurerModule deadLetterQueues(
            MongoTemplate axonMongoTemplate,
            Serializer serializer,
            List<RebuildableProjection> projections,
            ViewGate gate,
            @Value("${norrort.query.dead-letter-cache:true}") boolean cache) {
        return configurer -> {
            configurer
                    .eventProcessing()
                    .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                    .registerDeadLetterQueueProvider(group -> c -> MongoSequencedDeadLetterQueue.builder()
                            .processingGroup(group)
                            .mongoTemplate(axonMongoTemplate)
                            .serializer(serializer)
                            .transactionManager(c.getComponent(
                                    org.axonframework.common.transaction.TransactionManager.class,
                                    org.axonframework.common.transaction.NoTransactionManager::instance))
                            .build());
            for (RebuildableProjection projection : projections) {
                String group = projection.view();
                configurer
                        .eventProcessing()
                        .registerDeadLetteringEventHandlerInvokerConfiguration(
                                group, (c, builder) -> cache ? builder.enableSequenceIdentifierCache() : builder)
                        .registerHandlerInterceptor(
                                group, c -> LiveBatches.interceptor(group, gate, projection::liveBatch));
            }
        };
    }
}
