package se.norrort.consortium.command.config;

import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.norrort.consortium.eventstore.cache.CachingEventLog;

/**
 * Axon's {@link AsynchronousCommandBus} (commands on a pool of their own, never on the caller's thread) that handles a
 * command again, in a new unit of work, when its append was refused because the application's stream had moved on:
 * another command-service instance appended between this one's load and its append. The stream cache has evicted the
 * application by then, so the next attempt loads it from the store and decides on what is stored now; nothing of the
 * refused attempt was stored. Only that store conflict is retried, at most {@code retries} times: not the creation of
 * an application that exists ({@link AggregateStreamCreationException}), not an {@code If-Match} version conflict (a
 * refusal of the aggregate), not any other failure.
 * <p>
 * With the stream cache ({@code cache} not {@code null}), each attempt runs as one of the cache's attempts
 * ({@link CachingEventLog#trust()}): an application loaded from the cache is not checked against the store before
 * the command decides. An accepted command's append is checked by the store itself (the conflict above). Once the
 * command is decided, the cache confirms what the attempt loaded and stored nothing for (a refusal, an answer without
 * an event) with one point lookup; if another instance had appended to it, the command is handled again on the
 * stored stream (the cache has evicted it, so the next load reads the store and needs no confirmation), and only that
 * answer is given.
 */
public class ConflictRetryingCommandBus extends AsynchronousCommandBus {

    private static final Logger log = LoggerFactory.getLogger(ConflictRetryingCommandBus.class);

    private final int retries;
    private final CachingEventLog cache;

    ConflictRetryingCommandBus(Builder builder, int retries, CachingEventLog cache) {
        super(builder);
        this.retries = retries;
        this.cache = cache;
    }

    @Override
    protected <C, R> void handle(
            CommandMessage<C> command,
            MessageHandler<? super CommandMessage<?>> handler,
            CommandCallback<? super C, ? super R> callback) {
        attempt(command, handler, callback, 0);
    }

    private <C, R> void attempt(
            CommandMessage<C> command,
            MessageHandler<? super CommandMessage<?>> handler,
            CommandCallback<? super C, ? super R> callback,
            int retried) {
        AtomicReference<CachingEventLog.Attempt> attempt = new AtomicReference<>();
        MessageHandler<? super CommandMessage<?>> trusting = cache == null
                ? handler
                : message -> {
                    attempt.set(cache.trust());
                    return handler.handle(message);
                };
        super.handle(command, trusting, new CommandCallback<C, R>() {
            @Override
            public void onResult(CommandMessage<? extends C> message, CommandResultMessage<? extends R> result) {
                CachingEventLog.Attempt loaded = attempt.get();
                if (loaded != null && !cache.confirm(loaded) && retried < retries) {
                    log.debug(
                            "Command {} was decided on an application another instance had appended to; handling it"
                                    + " again (retry {})",
                            command.getIdentifier(),
                            retried + 1);
                    attempt(command, handler, callback, retried + 1);
                } else if (result.isExceptional() && retried < retries && isStoreConflict(result.exceptionResult())) {
                    log.debug(
                            "Command {} met a newer commit of its stream; handling it again (retry {})",
                            command.getIdentifier(),
                            retried + 1);
                    attempt(command, handler, callback, retried + 1);
                } else {
                    callback.onResult(message, result);
                }
            }
        });
    }

    static boolean isStoreConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateStreamCreationException) {
                return false;
            }
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
