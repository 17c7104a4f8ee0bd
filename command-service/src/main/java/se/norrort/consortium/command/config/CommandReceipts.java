package se.norrort.consortium.command.config;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.axon.EventLogStorageEngine;

/**
 * Tells the sender of a command which aggregate version and global position its events got (registered on the
 * command bus by Axon's interceptor auto-configuration, as every handler interceptor bean): the storage engine
 * notes the last appended event in the unit of work, and this interceptor hands it over once the unit of work has
 * committed (before the command's result reaches the sender).
 */
@Component
public class CommandReceipts implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** Where a command's events landed: the aggregate's new version and the last event's global position. */
    public record Receipt(String aggregateId, long version, long position) {}

    private final Map<String, Optional<Receipt>> pending = new ConcurrentHashMap<>();

    /** Announces that the caller wants the receipt of this command message. */
    public void expect(String commandId) {
        pending.put(commandId, Optional.empty());
    }

    /** The receipt, if the command stored any event; forgets it. */
    public Optional<Receipt> take(String commandId) {
        Optional<Receipt> receipt = pending.remove(commandId);
        return receipt == null ? Optional.empty() : receipt;
    }

    /** Forgets a command whose result will never be read (e.g. it failed). */
    public void forget(String commandId) {
        pending.remove(commandId);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        String commandId = unitOfWork.getMessage().getIdentifier();
        if (pending.containsKey(commandId)) {
            unitOfWork.afterCommit(u -> {
                Object last = u.root().getResource(EventLogStorageEngine.LAST_APPENDED);
                if (last instanceof StoredEvent event) {
                    pending.computeIfPresent(
                            commandId,
                            (id, none) ->
                                    Optional.of(new Receipt(event.aggregateId(), event.sequence(), event.position())));
                }
            });
        }
        return interceptorChain.proceed();
    }
}
