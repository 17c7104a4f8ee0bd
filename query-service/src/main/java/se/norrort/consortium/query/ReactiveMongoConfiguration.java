package se.norrort.consortium.query;

import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.norrort.consortium.eventstore.spring.EventStoreProperties;

/**
 * The reactive streams driver the views are written and read with, built with the same settings as the event store's
 * client ({@code norrort.mongodb.client.*}).
 */
@Configuration
public class ReactiveMongoConfiguration {

    @Bean(destroyMethod = "close")
    public MongoClient reactiveMongoClient(MongoClientSettings norrortMongoClientSettings) {
        return MongoClients.create(norrortMongoClientSettings);
    }

    @Bean
    public MongoDatabase viewDatabase(MongoClient reactiveMongoClient, EventStoreProperties properties) {
        return reactiveMongoClient.getDatabase(properties.database());
    }
}
