package se.norrort.consortium.command.config;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.norrort.consortium.api.MetadataKeys;
import se.norrort.consortium.command.deadlines.MongoDeadlineManager;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.eventstore.cache.CachingEventLog;

/** Axon wiring of the write side: snapshots, the clock aggregates decide with, metadata, command receipts. */
@Configuration
public class AxonConfiguration {

    private static final List<String> COPIED_KEYS = List.of(
            MetadataKeys.ACTOR_ID,
            MetadataKeys.ACTOR_NAME,
            MetadataKeys.ACTOR_ROLE,
            MetadataKeys.ACTOR_MUNICIPALITY,
            MetadataKeys.DELEGATION_ID,
            MetadataKeys.CORRELATION_ID,
            MetadataKeys.CLIENT_REQUEST_ID);

    /** "Today" for business rules; handlers take it as a parameter, so tests can fix it. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Deadlines (joining closes, reports fall due), stored in MongoDB so that they survive restarts; polled every
     * {@code norrort.deadlines.poll-interval} (default 1 s).
     */
    @Bean(destroyMethod = "close")
    public MongoDeadlineManager deadlineManager(
            ObjectProvider<org.axonframework.config.Configuration> axon,
            MongoDatabase norrortDatabase,
            Serializer serializer,
            Clock clock,
            @Value("${norrort.deadlines.poll-interval:1s}") Duration pollInterval) {
        ScopeAwareProvider scopes =
                descriptor -> new ConfigurationScopeAwareProvider(axon.getObject()).provideScopeAwareStream(descriptor);
        MongoDeadlineManager manager = new MongoDeadlineManager(norrortDatabase, scopes, serializer, clock);
        manager.start(pollInterval);
        return manager;
    }

    /** Loading an application never replays more than this many events past its latest snapshot. */
    @Bean
    public SnapshotTriggerDefinition applicationSnapshotTrigger(
            Snapshotter snapshotter, @Value("${norrort.snapshot-threshold:50}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Every event an aggregate applies while handling a command carries the command's actor, correlation and
     * request ids, and the command's id as its causation id.
     */
    @Bean
    public CorrelationDataProvider auditMetadataProvider() {
        return message -> {
            Map<String, Object> data = new HashMap<>();
            COPIED_KEYS.forEach(key -> {
                Object value = message.getMetaData().get(key);
                if (value != null) {
                    data.put(key, value);
                }
            });
            data.put(MetadataKeys.CAUSATION_ID, message.getIdentifier());
            data.putIfAbsent(MetadataKeys.CORRELATION_ID, message.getIdentifier());
            return data;
        };
    }

    /**
     * Commands are handled on a bounded pool of their own ({@code norrort.commands.threads}, default 16, with a queue
     * of {@code norrort.commands.queue}, default 10,000), never on the caller's thread: the HTTP layer sends them from
     * Netty's event loop, and handling a command blocks (the aggregate load, the synchronous append, the RSA seal,
     * deadline scheduling). Otherwise as Axon's own auto-configured bus: its transaction manager, span factory, message
     * monitor and correlation data. Commands on one application still run one at a time (Axon's aggregate lock). A
     * command whose append met another instance's newer commit is handled again, at most
     * {@code norrort.commands.conflict-retries} times (default 3; see {@link ConflictRetryingCommandBus}).
     */
    @Bean(destroyMethod = "shutdown")
    @Qualifier("localSegment")
    public AsynchronousCommandBus commandBus(
            TransactionManager transactionManager,
            org.axonframework.config.Configuration axonConfiguration,
            DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
            @Value("${norrort.commands.threads:16}") int threads,
            @Value("${norrort.commands.queue:10000}") int queue,
            @Value("${norrort.commands.conflict-retries:3}") int conflictRetries,
            ObjectProvider<EventLog> eventLog) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "command-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        AsynchronousCommandBus.Builder builder = AsynchronousCommandBus.builder()
                .executor(executor)
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axonConfiguration.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axonConfiguration.messageMonitor(CommandBus.class, "commandBus"));
        AsynchronousCommandBus bus = new ConflictRetryingCommandBus(
                builder, conflictRetries, eventLog.getIfAvailable() instanceof CachingEventLog cache ? cache : null);
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axonConfiguration.correlationDataProviders()));
        return bus;
    }
}
