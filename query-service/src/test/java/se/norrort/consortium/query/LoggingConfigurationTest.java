package se.norrort.consortium.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The service logs as Spring Boot does by default (to the console; {@code LOGGING_CONFIG} picks
 * {@code logback-json.xml}), like the command-service: no library on its class path brings a {@code logback.xml} that
 * Boot's lookup by convention would use. commons-ip2 (the archive export) ships one, so the archive module uses it
 * repackaged without that file (ADR 0029); before, the service had to name a configuration of its own.
 */
class LoggingConfigurationTest {

    @Test
    void noLogbackFileOnTheClassPathSoBootsDefaultApplies() throws Exception {
        assertThat(Collections.list(getClass().getClassLoader().getResources("logback.xml")))
                .isEmpty();

        List<PropertySource<?>> yaml =
                new YamlPropertySourceLoader().load("query-service", new ClassPathResource("query-service.yml"));
        assertThat(yaml.get(0).getProperty("logging.config")).isNull();
    }

    @Test
    void theArchiveExportIsOnTheClassPath() throws Exception {
        assertThat(Class.forName("org.roda_project.commons_ip2.model.impl.eark.EARKSIP"))
                .isNotNull();
    }
}
