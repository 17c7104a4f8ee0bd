package se.norrort.consortium.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * commons-ip2 (the archive export) ships a {@code logback.xml} that logs to a file in the working directory and not
 * to the console, which Spring Boot's lookup by convention would use: the service names its own configuration in
 * {@code logging.config} instead of shadowing that file by class path order (ADR 0018).
 */
class LoggingConfigurationTest {

    @Test
    void theServiceNamesItsLoggingConfigurationInsteadOfShadowingTheOneOfCommonsIp2() throws Exception {
        List<PropertySource<?>> yaml =
                new YamlPropertySourceLoader().load("query-service", new ClassPathResource("query-service.yml"));
        Object configured = yaml.get(0).getProperty("logging.config");

        assertThat(configured).isEqualTo("classpath:logback-text.xml");
        URL found = getClass().getClassLoader().getResource("logback-text.xml");
        assertThat(found).isNotNull();
        assertThat(found.toString()).contains("query-service");
    }
}
