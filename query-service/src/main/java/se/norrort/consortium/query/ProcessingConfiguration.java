package se.norrort.consortium.query;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How projections treat failures. */
@Configuration
public class ProcessingConfiguration {

    /**
     * A projection that fails on an event must not silently skip it (Axon's default logs and continues): the failure
     * propagates, the processor keeps its token and retries with back-off.
     */
    @Bean
    public ConfigurerModule propagateProjectionFailures() {
        return configurer -> configurer.eventProcessing()
                                       .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
