package se.norrort.consortium.eventstore.axon;

import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * Puts the message's {@code correlationId} (the request's {@code X-Correlation-Id}, else the id of the command it
 * started with; every event of that command carries it) and {@code messageType} into the logging MDC while a command
 * or an event is handled, so log lines of the command's handling and of each projection of its events name the same
 * request. With structured (JSON) logs they are fields of every line ({@code doc/configuration.md}).
 */
public final class CorrelationLogging<T extends Message<?>> implements MessageHandlerInterceptor<T> {

    public static final String CORRELATION_ID = "correlationId";
    public static final String MESSAGE_TYPE = "messageType";

    @Override
    public Object handle(UnitOfWork<? extends T> unitOfWork, InterceptorChain chain) throws Exception {
        Message<?> message = unitOfWork.getMessage();
        Object correlation = message.getMetaData().get(CORRELATION_ID);
        String previousCorrelation = MDC.get(CORRELATION_ID);
        String previousType = MDC.get(MESSAGE_TYPE);
        if (correlation != null) {
            MDC.put(CORRELATION_ID, correlation.toString());
        }
        MDC.put(MESSAGE_TYPE, message.getPayloadType().getSimpleName());
        try {
            return chain.proceed();
        } finally {
            restore(CORRELATION_ID, previousCorrelation);
            restore(MESSAGE_TYPE, previousType);
        }
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
