package se.norrort.consortium.command.deadlines;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.deadline.AbstractDeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.norrort.consortium.api.MetadataKeys;

/**
 * Axon {@link org.axonframework.deadline.DeadlineManager} whose deadlines live in MongoDB (collection
 * {@code deadlines}), so that a deadline that passes while the service is down fires when it is up again.
 * <p>
 * A deadline is stored when the unit of work that schedules it prepares to commit and removed again if that unit
 * of work rolls back (e.g. its events were refused as a conflict). A poller claims due deadlines one by one
 * ({@code findOneAndUpdate} by {@code _id}, so several instances never fire one twice at once), sends each to its
 * aggregate in a unit of work of its own, and deletes it after success; a failed one is retried later. Events that
 * a deadline causes carry the system as their actor. Only aggregate scopes are supported.
 */
public class MongoDeadlineManager extends AbstractDeadlineManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MongoDeadlineManager.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(30);
    private static final Duration STALE_CLAIM = Duration.ofMinutes(5);

    private final MongoCollection<Document> deadlines;
    private final ScopeAwareProvider scopes;
    private final Serializer serializer;
    private final Clock clock;
    private final String node = UUID.randomUUID().toString();
    private ScheduledExecutorService poller;

    public MongoDeadlineManager(MongoDatabase database, ScopeAwareProvider scopes, Serializer serializer, Clock clock) {
        this.deadlines = database.getCollection("deadlines");
        this.scopes = scopes;
        this.serializer = serializer;
        this.clock = clock;
    }

    /** Polls for due deadlines every {@code interval}. */
    public void start(Duration interval) {
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deadline-poller");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(
                () -> {
                    try {
                        fireDue();
                    } catch (RuntimeException e) {
                        log.warn("Polling for due deadlines failed; will try again", e);
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    @Override
    public String schedule(
            Instant triggerDateTime, String deadlineName, Object messageOrPayload, ScopeDescriptor deadlineScope) {
        if (!(deadlineScope instanceof AggregateScopeDescriptor aggregate)) {
            throw new IllegalArgumentException("Only aggregate scopes can have stored deadlines: " + deadlineScope);
        }
        String id = UUID.randomUUID().toString();
        Object payload =
                messageOrPayload instanceof DeadlineMessage<?> message ? message.getPayload() : messageOrPayload;
        // The scope's identifier is read when the unit of work commits: a creating command's aggregate has no
        // identifier before its first event is applied.
        runOnPrepareCommitOrNow(() -> {
            Document doc = new Document("_id", id)
                    .append("name", deadlineName)
                    .append("dueAt", Date.from(triggerDateTime))
                    .append("scopeType", aggregate.getType())
                    .append("scopeId", aggregate.getIdentifier().toString())
                    .append("status", "PENDING")
                    .append("attempts", 0);
            if (payload != null) {
                SerializedObject<String> serialized = serializer.serialize(payload, String.class);
                doc.append("payloadType", serialized.getType().getName())
                        .append("payloadRevision", serialized.getType().getRevision())
                        .append("payload", serialized.getData());
            }
            deadlines.insertOne(doc);
        });
        CurrentUnitOfWork.ifStarted(uow -> uow.onRollback(u -> deadlines.deleteOne(Filters.eq("_id", id))));
        return id;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        runOnPrepareCommitOrNow(
                () -> deadlines.deleteOne(new Document("_id", scheduleId).append("name", deadlineName)));
    }

    @Override
    public void cancelAll(String deadlineName) {
        runOnPrepareCommitOrNow(() -> deadlines.deleteMany(Filters.eq("name", deadlineName)));
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        if (scope instanceof AggregateScopeDescriptor aggregate) {
            runOnPrepareCommitOrNow(() -> deadlines.deleteMany(new Document("name", deadlineName)
                    .append("scopeId", aggregate.getIdentifier().toString())));
        }
    }

    /** Fires every deadline that is due now; answers how many fired successfully. */
    public int fireDue() {
        Instant now = clock.instant();
        List<Document> due =
                deadlines.find(Filters.lte("dueAt", Date.from(now))).limit(100).into(new ArrayList<>());
        int fired = 0;
        for (Document candidate : due) {
            Document claimed = claim(candidate, now);
            if (claimed != null && fire(claimed, now)) {
                fired++;
            }
        }
        return fired;
    }

    private Document claim(Document candidate, Instant now) {
        boolean stale = "FIRING".equals(candidate.getString("status"))
                && candidate.getDate("claimedAt") != null
                && candidate.getDate("claimedAt").toInstant().isBefore(now.minus(STALE_CLAIM));
        if (!"PENDING".equals(candidate.getString("status")) && !stale) {
            return null;
        }
        return deadlines.findOneAndUpdate(
                new Document("_id", candidate.get("_id")).append("status", candidate.getString("status")),
                Updates.combine(
                        Updates.set("status", "FIRING"),
                        Updates.set("claimedBy", node),
                        Updates.set("claimedAt", Date.from(now))));
    }

    private boolean fire(Document deadline, Instant now) {
        String id = deadline.getString("_id");
        String name = deadline.getString("name");
        Object payload = deadline.getString("payload") == null
                ? null
                : serializer.deserialize(new SimpleSerializedObject<>(
                        deadline.getString("payload"),
                        String.class,
                        deadline.getString("payloadType"),
                        deadline.getString("payloadRevision")));
        ScopeDescriptor scope =
                new AggregateScopeDescriptor(deadline.getString("scopeType"), deadline.getString("scopeId"));
        DeadlineMessage<?> message = new GenericDeadlineMessage<>(
                name,
                new org.axonframework.messaging.GenericMessage<>(
                        payload,
                        MetaData.from(Map.of(
                                MetadataKeys.ACTOR_ID, "system",
                                MetadataKeys.ACTOR_NAME, "Deadline scheduler",
                                MetadataKeys.ACTOR_ROLE, "SYSTEM",
                                MetadataKeys.CORRELATION_ID, "deadline-" + id,
                                MetadataKeys.CAUSATION_ID, "deadline-" + id))),
                () -> now);
        UnitOfWork<DeadlineMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        unitOfWork.registerCorrelationDataProvider(new SimpleCorrelationDataProvider(
                MetadataKeys.ACTOR_ID,
                MetadataKeys.ACTOR_NAME,
                MetadataKeys.ACTOR_ROLE,
                MetadataKeys.CORRELATION_ID,
                MetadataKeys.CAUSATION_ID));
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(
                        unitOfWork, handlerInterceptors(), m -> {
                            scopes.provideScopeAwareStream(scope)
                                    .filter(component -> component.canResolve(scope))
                                    .forEach(component -> {
                                        try {
                                            component.send(m, scope);
                                        } catch (Exception e) {
                                            throw new IllegalStateException("Could not deliver deadline " + name, e);
                                        }
                                    });
                            return null;
                        })
                .proceed());
        if (result.isExceptional()) {
            log.warn(
                    "Deadline {} ({}) of {} failed; retrying in {}",
                    name,
                    id,
                    scope.scopeDescription(),
                    RETRY_DELAY,
                    result.exceptionResult());
            deadlines.updateOne(
                    Filters.eq("_id", id),
                    Updates.combine(
                            Updates.set("status", "PENDING"),
                            Updates.set("dueAt", Date.from(now.plus(RETRY_DELAY))),
                            Updates.inc("attempts", 1)));
            return false;
        }
        deadlines.deleteOne(Filters.eq("_id", id));
        return true;
    }
}
