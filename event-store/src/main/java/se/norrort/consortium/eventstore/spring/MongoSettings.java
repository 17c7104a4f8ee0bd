package se.norrort.consortium.eventstore.spring;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one place both services' MongoDB clients (the blocking one for the event store, the reactive one for the
 * views) get their settings from: the connection string, then {@link MongoClientProperties} over it, then listeners
 * (metrics) added by whoever asks.
 */
public final class MongoSettings {

    private MongoSettings() {}

    public static MongoClientSettings build(
            String uri,
            MongoClientProperties p,
            String defaultApplicationName,
            List<Consumer<MongoClientSettings.Builder>> customizers) {
        MongoClientSettings.Builder builder =
                MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri));
        if (!p.writeConcern().equals("server")) {
            WriteConcern w = p.writeConcern().equals("majority")
                    ? WriteConcern.MAJORITY
                    : new WriteConcern(Integer.parseInt(p.writeConcern()));
            if (p.journal()) {
                w = w.withJournal(true);
            }
            if (!p.writeTimeout().isZero()) {
                w = w.withWTimeout(p.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            builder.writeConcern(w);
        } else if (p.journal()) {
            builder.writeConcern(WriteConcern.ACKNOWLEDGED.withJournal(true));
        }
        switch (p.readConcern()) {
            case "majority" -> builder.readConcern(ReadConcern.MAJORITY);
            case "local" -> builder.readConcern(ReadConcern.LOCAL);
            default -> builder.readConcern(ReadConcern.DEFAULT);
        }
        if (p.profile() == MongoClientProperties.Profile.REPLICA_SET) {
            // The event log's position counter and the views are read back right after they are written.
            builder.readPreference(ReadPreference.primary());
        }
        builder.retryWrites(p.retryWrites())
                .retryReads(p.retryReads())
                .applicationName(
                        p.applicationName() == null || p.applicationName().isBlank()
                                ? defaultApplicationName
                                : p.applicationName())
                .applyToSocketSettings(
                        s -> s.connectTimeout((int) p.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                                .readTimeout((int) p.readTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .applyToClusterSettings(
                        c -> c.serverSelectionTimeout(p.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(c -> c.maxSize(p.maxPoolSize())
                        .minSize(p.minPoolSize())
                        .maxWaitTime(p.maxWaitTime().toMillis(), TimeUnit.MILLISECONDS)
                        .maxConnectionIdleTime(p.maxConnectionIdleTime().toMillis(), TimeUnit.MILLISECONDS));
        customizers.forEach(c -> c.accept(builder));
        return builder.build();
    }
}
