package se.norrort.consortium.query;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.security.TestTokens;

/** A service with a bad setting does not start, and says which setting. */
class BadConfigurationTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "norrort.mongodb.client.max-pool-size=0 | norrort.mongodb.client.max-pool-size must be at least 1",
                "norrort.mongodb.client.write-concern=most | norrort.mongodb.client.write-concern must be majority",
                "norrort.live.feed=kafka | norrort.live.feed must be store or local",
                "norrort.processing.claim-timeout=0s | norrort.processing.claim-timeout must be a positive duration"
            })
    void theServiceRefusesToStartNamingTheSetting(String setting, String message) {
        assertThatThrownBy(() -> QueryServiceApplication.application()
                        .run(
                                "--server.port=0",
                                "--server.address=127.0.0.1",
                                "--management.server.port=0",
                                "--norrort.mongodb.uri=" + TestMongo.connectionString(),
                                "--norrort.mongodb.database=" + TestMongo.freshDatabaseName(),
                                "--norrort.security.key-file=" + TestTokens.keyFile(),
                                "--" + setting)
                        .close())
                .rootCause()
                .hasMessageContaining(message);
    }
}
