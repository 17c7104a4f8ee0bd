package se.norrort.consortium.query;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.norrort.consortium.eventstore.spring.EventStoreProperties;

import java.util.concurrent.TimeUnit;

/** The reactive streams driver the views are written and read with. */
@Configuration
public class ReactiveMongoConfiguration {

    /** Any {@link CommandListener} beans (e.g. a benchmark counting store operations) see this client's commands. */
    @Bean(destroyMethod = "close")
    public MongoClient reactiveMongoClient(EventStoreProperties properties, ObjectProvider<CommandListener> listeners) {
        MongoClientSettings.Builder settings = MongoClientSettings
                .builder()
                .applyConnectionString(new ConnectionString(properties.uri()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(10, TimeUnit.SECONDS));
        listeners.orderedStream().forEach(settings::addCommandListener);
        return MongoClients.create(settings.build());
    }

    @Bean
    public MongoDatabase viewDatabase(MongoClient reactiveMongoClient, EventStoreProperties properties) {
        return reactiveMongoClient.getDatabase(properties.database());
    }
}
