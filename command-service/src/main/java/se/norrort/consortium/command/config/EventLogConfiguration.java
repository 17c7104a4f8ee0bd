package se.norrort.consortium.command.config;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.eventstore.cache.CachingEventLog;
import se.norrort.consortium.eventstore.chain.CommitSealer;
import se.norrort.consortium.eventstore.mongo.MongoEventLog;
import se.norrort.consortium.eventstore.spring.EventStoreProperties;

/**
 * The write side's event log: the MongoDB log (sealing every commit) behind a cache of the most recently used
 * aggregate streams ({@link CachingEventLog}; {@code norrort.aggregate-cache.streams}, default 1,000; 0 turns it
 * off). A command on a cached application costs one point lookup to load it instead of one per commit. Its loads
 * are counted in {@code norrort_aggregate_cache_loads_total} ({@code result} = {@code hit} or {@code miss}).
 */
@Configuration
public class EventLogConfiguration {

    @Bean
    public EventLog eventLog(
            MongoDatabase database,
            EventStoreProperties properties,
            ObjectProvider<CommitSealer> sealer,
            ObjectProvider<MeterRegistry> meters,
            @Value("${norrort.aggregate-cache.streams:1000}") int cachedStreams) {
        MongoEventLog log =
                new MongoEventLog(database, properties.gapTimeout(), Clock.systemUTC(), sealer.getIfAvailable());
        if (cachedStreams <= 0) {
            return log;
        }
        CachingEventLog cache = new CachingEventLog(log, cachedStreams);
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            FunctionCounter.builder("norrort.aggregate.cache.loads", cache, c -> c.hitsAndMisses()[0])
                    .tag("result", "hit")
                    .description("aggregate loads served from the cache (one point lookup for newer commits)")
                    .register(registry);
            FunctionCounter.builder("norrort.aggregate.cache.loads", cache, c -> c.hitsAndMisses()[1])
                    .tag("result", "miss")
                    .description("aggregate loads read from the store")
                    .register(registry);
        }
        return cache;
    }
}
