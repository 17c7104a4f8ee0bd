package se.norrort.consortium.eventstore.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The settings the MongoDB clients are actually built with, bound from the properties as Spring binds them. */
class MongoSettingsTest {

    private static MongoClientProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("norrort.mongodb.client", MongoClientProperties.class);
    }

    private static MongoClientSettings settings(String uri, Map<String, String> properties) {
        return MongoSettings.build(uri, bind(properties), "command-service", List.of());
    }

    @Test
    void the_replica_set_profile_writes_and_reads_by_majority_journaled_with_retries_and_explicit_limits() {
        MongoClientSettings s = settings(
                "mongodb://db1,db2,db3/?replicaSet=rs0", Map.of("norrort.mongodb.client.profile", "replica-set"));

        assertThat(s.getWriteConcern())
                .isEqualTo(WriteConcern.MAJORITY.withJournal(true).withWTimeout(10, TimeUnit.SECONDS));
        assertThat(s.getReadConcern()).isEqualTo(ReadConcern.MAJORITY);
        assertThat(s.getReadPreference()).isEqualTo(ReadPreference.primary());
        assertThat(s.getRetryWrites()).isTrue();
        assertThat(s.getRetryReads()).isTrue();
        assertThat(s.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS))
                .isEqualTo(5_000);
        assertThat(s.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS)).isEqualTo(30_000);
        assertThat(s.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS))
                .isEqualTo(10_000);
        assertThat(s.getClusterSettings().getRequiredReplicaSetName()).isEqualTo("rs0");
        assertThat(s.getConnectionPoolSettings().getMaxSize()).isEqualTo(50);
        assertThat(s.getConnectionPoolSettings().getMinSize()).isEqualTo(2);
        assertThat(s.getConnectionPoolSettings().getMaxWaitTime(TimeUnit.MILLISECONDS))
                .isEqualTo(10_000);
        assertThat(s.getApplicationName()).isEqualTo("command-service");
    }

    @Test
    void every_setting_overrides_the_profile_and_the_connection_string() {
        MongoClientSettings s = settings(
                "mongodb://db1/?w=1&readConcernLevel=local&retryWrites=false&maxPoolSize=3",
                Map.ofEntries(
                        Map.entry("norrort.mongodb.client.profile", "replica-set"),
                        Map.entry("norrort.mongodb.client.write-concern", "2"),
                        Map.entry("norrort.mongodb.client.journal", "false"),
                        Map.entry("norrort.mongodb.client.write-timeout", "3s"),
                        Map.entry("norrort.mongodb.client.read-concern", "local"),
                        Map.entry("norrort.mongodb.client.retry-reads", "false"),
                        Map.entry("norrort.mongodb.client.connect-timeout", "2s"),
                        Map.entry("norrort.mongodb.client.read-timeout", "1m"),
                        Map.entry("norrort.mongodb.client.server-selection-timeout", "20s"),
                        Map.entry("norrort.mongodb.client.max-pool-size", "8"),
                        Map.entry("norrort.mongodb.client.min-pool-size", "1"),
                        Map.entry("norrort.mongodb.client.max-wait-time", "500ms"),
                        Map.entry("norrort.mongodb.client.application-name", "qs-2")));

        assertThat(s.getWriteConcern()).isEqualTo(new WriteConcern(2).withWTimeout(3, TimeUnit.SECONDS));
        assertThat(s.getReadConcern()).isEqualTo(ReadConcern.LOCAL);
        assertThat(s.getRetryWrites()).isTrue();
        assertThat(s.getRetryReads()).isFalse();
        assertThat(s.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS))
                .isEqualTo(2_000);
        assertThat(s.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS)).isEqualTo(60_000);
        assertThat(s.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS))
                .isEqualTo(20_000);
        assertThat(s.getConnectionPoolSettings().getMaxSize()).isEqualTo(8);
        assertThat(s.getConnectionPoolSettings().getMinSize()).isEqualTo(1);
        assertThat(s.getConnectionPoolSettings().getMaxWaitTime(TimeUnit.MILLISECONDS))
                .isEqualTo(500);
        assertThat(s.getApplicationName()).isEqualTo("qs-2");
    }

    @Test
    void the_embedded_profile_leaves_write_and_read_concern_to_the_server_and_does_not_retry() {
        MongoClientSettings s = settings("mongodb://127.0.0.1:27018", Map.of());

        assertThat(s.getWriteConcern()).isEqualTo(WriteConcern.ACKNOWLEDGED);
        assertThat(s.getReadConcern()).isEqualTo(ReadConcern.DEFAULT);
        assertThat(s.getRetryWrites()).isFalse();
        assertThat(s.getRetryReads()).isFalse();
        assertThat(s.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS))
                .isEqualTo(10_000);
        assertThat(s.getConnectionPoolSettings().getMaxSize()).isEqualTo(20);
    }

    @Test
    void bad_settings_are_refused_naming_the_setting() {
        assertThatThrownBy(() -> bind(Map.of("norrort.mongodb.client.write-concern", "most")))
                .isInstanceOf(BindException.class)
                .hasRootCauseMessage("norrort.mongodb.client.write-concern must be majority, a number of members"
                        + " from 1, or server; it was most");
        assertThatThrownBy(() -> bind(Map.of(
                        "norrort.mongodb.client.max-pool-size", "4", "norrort.mongodb.client.min-pool-size", "5")))
                .hasRootCauseMessage(
                        "norrort.mongodb.client.min-pool-size must be from 0 to max-pool-size (4);" + " it was 5");
        assertThatThrownBy(() -> bind(Map.of("norrort.mongodb.client.server-selection-timeout", "0s")))
                .hasRootCauseMessage("norrort.mongodb.client.server-selection-timeout must be a positive duration"
                        + " such as 5s; it was PT0S");
        assertThatThrownBy(() -> bind(Map.of("norrort.mongodb.client.profile", "sharded")))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("norrort.mongodb.client.profile");
    }
}
