package se.norrort.consortium.command.observability;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.norrort.consortium.eventstore.axon.CorrelationLogging;

/** Log lines written while a command is handled carry its correlation id (MDC {@code correlationId}). */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Bean
    public SmartInitializingSingleton correlationLoggingRegistration(ObjectProvider<CommandBus> commandBus) {
        return () -> commandBus.getObject().registerHandlerInterceptor(new CorrelationLogging<CommandMessage<?>>());
    }
}
