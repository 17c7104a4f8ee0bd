package se.norrort.consortium.query.live;

import com.mongodb.connection.ClusterType;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where live streams get other instances' changes from: {@code norrort.live.feed=store} (the default) shares them
 * through MongoDB; {@code local} keeps them in the instance (one query-service only).
 */
@Configuration(proxyBeanMethods = false)
public class LiveConfiguration {

    @Bean
    @ConditionalOnProperty(name = "norrort.live.feed", havingValue = "store", matchIfMissing = true)
    public StoreChangeFeed storeChangeFeed(
            MongoDatabase viewDatabase,
            MongoClient reactiveMongoClient,
            @Value("${norrort.live.poll-interval:100ms}") Duration pollInterval,
            @Value("${norrort.live.lookback:5s}") Duration lookback,
            @Value("${norrort.live.retention:2m}") Duration retention,
            @Value("${norrort.live.heartbeat:1s}") Duration heartbeat,
            @Value("${norrort.live.change-streams:auto}") String changeStreams) {
        StoreChangeFeed.ChangeStreams streams;
        try {
            streams =
                    StoreChangeFeed.ChangeStreams.valueOf(changeStreams.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "norrort.live.change-streams must be auto, on or off; it was " + changeStreams);
        }
        positive("norrort.live.poll-interval", pollInterval);
        positive("norrort.live.lookback", lookback);
        positive("norrort.live.retention", retention);
        positive("norrort.live.heartbeat", heartbeat);
        if (retention.compareTo(heartbeat.multipliedBy(10)) < 0) {
            throw new IllegalArgumentException(
                    "norrort.live.retention must be at least ten heartbeats (" + heartbeat + "); it was " + retention);
        }
        if (retention.compareTo(lookback.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("norrort.live.retention must be at least twice norrort.live.lookback ("
                    + lookback + "); it was " + retention);
        }
        return new StoreChangeFeed(
                viewDatabase,
                pollInterval,
                lookback,
                retention,
                heartbeat,
                streams,
                () -> {
                    // known by the time the feed starts: it has written its own record by then
                    ClusterType type =
                            reactiveMongoClient.getClusterDescription().getType();
                    return type == ClusterType.REPLICA_SET || type == ClusterType.SHARDED;
                },
                Clock.systemUTC());
    }

    /** Fails at start for a value other than store or local. */
    @Bean
    Object liveFeedSetting(@Value("${norrort.live.feed:store}") String feed) {
        if (!feed.equals("store") && !feed.equals("local")) {
            throw new IllegalArgumentException("norrort.live.feed must be store or local; it was " + feed);
        }
        return feed;
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration such as 100ms; it was " + value);
        }
    }
}
