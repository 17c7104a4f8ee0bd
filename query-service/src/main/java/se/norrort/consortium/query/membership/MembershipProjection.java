package se.norrort.consortium.query.membership;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.MetadataKeys;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.query.live.ViewChanges;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the {@code membership} view up to date. Runs on a streaming processor's thread (not a request thread), so it
 * waits for each write before the processor moves its token on.
 */
@Component
@ProcessingGroup(MembershipProjection.PROCESSING_GROUP)
public class MembershipProjection {

    public static final String PROCESSING_GROUP = "membership";
    public static final String COLLECTION = "view_membership";
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    public static final String VIEW = "membership";

    private final MongoCollection<Document> views;
    private final ViewChanges changes;

    public MembershipProjection(MongoDatabase viewDatabase, ViewChanges changes) {
        this.views = viewDatabase.getCollection(COLLECTION);
        this.changes = changes;
    }

    @EventHandler
    public void on(ConsortiumEvent event, @MetaDataValue(MetadataKeys.GLOBAL_POSITION) Number position,
                   @Timestamp Instant timestamp) {
        String id = event.applicationId().toString();
        Mono.from(views.find(Filters.eq("_id", id)).first())
            .map(java.util.Optional::of)
            .defaultIfEmpty(java.util.Optional.empty())
            .flatMap(current -> {
                Document before = current.orElse(null);
                Document after = MembershipView.apply(before, event, position.longValue(), timestamp);
                if (after == before) {
                    return Mono.empty();
                }
                return Mono.from(views.replaceOne(Filters.eq("_id", id), after, new ReplaceOptions().upsert(true)))
                           .doOnSuccess(r -> changes.published(VIEW, id, position.longValue(), after));
            })
            .block(WRITE_TIMEOUT);
    }
}
