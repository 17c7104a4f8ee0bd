package se.norrort.consortium.eventstore.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the event store lives and how readers treat gaps.
 *
 * @param uri        MongoDB connection string; {@code MONGODB_URI} in the environment sets it
 * @param database   database holding events, snapshots, tokens and views
 * @param gapTimeout how long a reader waits for an allocated but uncommitted position before closing it
 * @param batchSize  events per tracking read
 */
@ConfigurationProperties(prefix = "norrort.mongodb")
public record EventStoreProperties(String uri, String database, Duration gapTimeout, Integer batchSize) {

    public EventStoreProperties {
        uri = uri == null || uri.isBlank() ? "mongodb://127.0.0.1:27018" : uri;
        database = database == null || database.isBlank() ? "norrort" : database;
        gapTimeout = gapTimeout == null ? Duration.ofSeconds(10) : gapTimeout;
        batchSize = batchSize == null ? 100 : batchSize;
    }
}
