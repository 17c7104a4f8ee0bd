package se.norrort.consortium.query;

import org.junit.jupiter.api.Test;

import java.net.URL;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * commons-ip2 (the archive export) ships a {@code logback.xml} that logs to a file in the working directory and not
 * to the console; the service's own configuration must be the one found.
 */
class LoggingConfigurationTest {

    @Test
    void theServicesOwnLogbackConfigurationShadowsTheOneOfCommonsIp2() {
        URL found = getClass().getClassLoader().getResource("logback.xml");

        assertThat(found).isNotNull();
        assertThat(found.toString()).contains("query-service").doesNotContain("commons-ip2");
    }
}
