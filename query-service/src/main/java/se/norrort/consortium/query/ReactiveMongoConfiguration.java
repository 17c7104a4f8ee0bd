package se.norrort.consortium.query;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.norrort.consortium.eventstore.metrics.StoreOperationCounter;
import se.norrort.consortium.eventstore.spring.EventStoreProperties;

import java.util.concurrent.TimeUnit;

/**
 * The reactive streams driver the views are written and read with; its wire commands are counted with the
 * synchronous client's ({@code /actuator/storeoperations}).
 */
@Configuration
public class ReactiveMongoConfiguration {

    @Bean(destroyMethod = "close")
    public MongoClient reactiveMongoClient(EventStoreProperties properties, StoreOperationCounter storeOperations) {
        return MongoClients.create(MongoClientSettings
                                           .builder()
                                           .addCommandListener(storeOperations)
                                           .applyConnectionString(new ConnectionString(properties.uri()))
                                           .applyToClusterSettings(c -> c.serverSelectionTimeout(10, TimeUnit.SECONDS))
                                           .build());
    }

    @Bean
    public MongoDatabase viewDatabase(MongoClient reactiveMongoClient, EventStoreProperties properties) {
        return reactiveMongoClient.getDatabase(properties.database());
    }
}
