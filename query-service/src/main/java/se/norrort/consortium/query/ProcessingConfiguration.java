package se.norrort.consortium.query;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How projections treat failures. */
@Configuration
public class ProcessingConfiguration {

    /**
     * A projection that fails on an event never skips it. The event is parked in the processing group's dead-letter
     * queue in MongoDB (collection {@code deadletters}); later events of the same application wait behind it in
     * that queue, while other applications' events go on. Operators list, retry and drop dead letters under
     * {@code /api/operations/processors/{group}/dead-letters}. Without a queue (none is configured for a group), a
     * failure propagates and the processor retries with back-off instead of Axon's default of logging and moving on.
     */
    @Bean
    public ConfigurerModule deadLetterQueues(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return configurer -> configurer
                .eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDeadLetterQueueProvider(group -> c -> MongoSequencedDeadLetterQueue
                        .builder()
                        .processingGroup(group)
                        .mongoTemplate(axonMongoTemplate)
                        .serializer(serializer)
                        .transactionManager(c.getComponent(org.axonframework.common.transaction.TransactionManager.class,
                                                           org.axonframework.common.transaction.NoTransactionManager::instance))
                        .build());
    }
}
