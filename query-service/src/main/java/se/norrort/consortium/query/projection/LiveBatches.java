package se.norrort.consortium.query.projection;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Writes a projection's view once per batch of events that its processor handles, instead of once per event.
 * <p>
 * The processor handles a batch of events in one Axon {@link BatchingUnitOfWork}. The {@link #interceptor} of the
 * view's processing group opens a {@link ViewBatch} as a resource of that unit of work at the batch's first event
 * (entering the view's {@link ViewGate}, left when the unit of work is cleaned up), and flushes it after the batch's
 * last event has been handled: still inside the handling, so before the unit of work's prepare-commit phase, in
 * which the processor stores its token. So a batch's documents and progress are stored before its token; a crash in
 * between redelivers the batch, and the folds skip what the documents already reflect.
 * <p>
 * At the first event the batch learns the applications of all the batch's events ({@link ViewBatch#readTogether}), so
 * that the first read of one application's document in a collection reads those of all of them at once.
 * <p>
 * The handlers apply each event through {@link #handle}: into the open batch, or, when there is none (an operator
 * retrying dead letters, which Axon handles in a unit of work of its own), into a batch of that one event, written
 * at once inside the gate, as before batching.
 * <p>
 * An event whose handling fails leaves nothing in the batch ({@link ViewBatch#apply}) and is dead-lettered by Axon
 * as before. A failing flush fails the last event's handling outside the dead-letter queue (the interceptor wraps
 * it), so the unit of work rolls back, the token stays, and the processor retries the batch after its back-off.
 */
public final class LiveBatches {

    private LiveBatches() {}

    private static String resource(String view) {
        return "norrort.viewBatch." + view;
    }

    /**
     * Applies one live event at {@code position} to the view: {@code work} reads and changes documents through the
     * batch it is given.
     */
    public static void handle(
            String view, ViewGate gate, Supplier<ViewBatch> single, long position, Consumer<ViewBatch> work) {
        ViewBatch open =
                CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root().getResource(resource(view)) : null;
        if (open != null) {
            open.apply(position, work);
            return;
        }
        gate.pass(view, () -> {
            ViewBatch batch = single.get();
            batch.apply(position, work);
            batch.flush();
        });
    }

    /**
     * The applications the events concern (each event's aggregate: its application), in the order of their first
     * event. From the messages' aggregate identifiers, not their payloads: an event that cannot be read fails in its
     * own handling (and is dead-lettered), not here.
     */
    static Set<String> applications(List<?> events) {
        Set<String> ids = new LinkedHashSet<>();
        for (Object event : events) {
            if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
                ids.add(domain.getAggregateIdentifier());
            }
        }
        return ids;
    }

    /** The handler interceptor of the view's processing group that opens and flushes its batches. */
    public static MessageHandlerInterceptor<EventMessage<?>> interceptor(
            String view, ViewGate gate, Supplier<ViewBatch> batches) {
        return new MessageHandlerInterceptor<>() {
            @Override
            public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
                    throws Exception {
                if (!(unitOfWork instanceof BatchingUnitOfWork<?> batching)) {
                    return interceptorChain.proceed();
                }
                String key = resource(view);
                ViewBatch batch = unitOfWork.getResource(key);
                if (batch == null) {
                    Runnable leave = gate.enter(view);
                    unitOfWork.onCleanup(u -> leave.run());
                    batch = batches.get();
                    // the batch's documents keyed by application are read together, one query per collection
                    batch.readTogether(applications(batching.getMessages()));
                    unitOfWork.resources().put(key, batch);
                }
                Object result = interceptorChain.proceed();
                if (batching.isLastMessage()) {
                    batch.flush();
                }
                return result;
            }
        };
    }
}
