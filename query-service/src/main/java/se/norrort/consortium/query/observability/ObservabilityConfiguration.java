package se.norrort.consortium.query.observability;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.norrort.consortium.eventstore.axon.CorrelationLogging;

/** Log lines written while a projection handles an event carry the event's correlation id (MDC). */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Bean
    public ConfigurerModule correlationLogging() {
        return configurer ->
                configurer.eventProcessing().registerDefaultHandlerInterceptor((c, name) -> new CorrelationLogging<>());
    }
}
