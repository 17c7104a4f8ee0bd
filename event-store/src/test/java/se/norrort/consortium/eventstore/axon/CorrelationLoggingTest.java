package se.norrort.consortium.eventstore.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CorrelationLoggingTest {

    @Test
    void theCorrelationIdIsInTheMdcWhileTheMessageIsHandledAndGoneAfter() throws Exception {
        EventMessage<String> event = GenericEventMessage.<String>asEventMessage("joined")
                .andMetaData(MetaData.from(Map.of("correlationId", "req-42")));
        AtomicReference<String> seen = new AtomicReference<>();
        AtomicReference<String> type = new AtomicReference<>();
        DefaultUnitOfWork<EventMessage<String>> unitOfWork = DefaultUnitOfWork.startAndGet(event);

        new CorrelationLogging<EventMessage<?>>().handle(unitOfWork, () -> {
            seen.set(MDC.get("correlationId"));
            type.set(MDC.get("messageType"));
            return null;
        });
        unitOfWork.commit();

        assertThat(seen.get()).isEqualTo("req-42");
        assertThat(type.get()).isEqualTo("String");
        assertThat(MDC.get("correlationId")).isNull();
        assertThat(MDC.get("messageType")).isNull();
    }
}
