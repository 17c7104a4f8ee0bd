package se.norrort.consortium.query.security;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.List;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.Role;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.query.membership.MembershipProjection;
import se.norrort.consortium.query.support.QueryErrorCode;
import se.norrort.consortium.security.CurrentActors;

/**
 * Which municipality's or application's data the current actor may read. Decided per request and per stream
 * subscription, before anything is read or streamed; a refusal is 403 problem+json with code
 * {@code NOT_YOUR_MUNICIPALITY} or {@code NOT_A_MEMBER}.
 */
@Component
public class ReadAccess {

    private final MongoDatabase views;

    private final EventLog eventLog;

    public ReadAccess(MongoDatabase viewDatabase, EventLog eventLog) {
        this.views = viewDatabase;
        this.eventLog = eventLog;
    }

    /** Thrown to refuse a read. */
    public static class Refused extends RuntimeException {
        private final QueryErrorCode code;

        Refused(QueryErrorCode code, String message) {
            super(message);
            this.code = code;
        }

        public QueryErrorCode code() {
            return code;
        }
    }

    private static final java.time.Duration CATCH_UP_WAIT = java.time.Duration.ofSeconds(5);
    private static final java.time.Duration POLL = java.time.Duration.ofMillis(50);

    /** Auditors read every municipality; officers and signatories only their own. */
    public Mono<Actor> municipality(String code) {
        return actor().flatMap(actor -> actor.role() == Role.AUDITOR
                        || (actor.municipality() != null
                                && actor.municipality().toString().equals(code))
                ? Mono.just(actor)
                : Mono.error(new Refused(
                        QueryErrorCode.NOT_YOUR_MUNICIPALITY, "You may read only your own municipality's view.")));
    }

    /**
     * Auditors and funder officers read every application; officers and signatories only applications their
     * municipality is invited to, as the membership view records. For them an application the view does not know
     * is 404 (only its absence is told); with {@code minPosition} (read-your-writes right after opening) the check
     * first waits, boundedly, for the view to reach that position.
     */
    public Mono<Actor> application(String applicationId, Long minPosition) {
        return actor().flatMap(actor -> {
            if (actor.role() == Role.AUDITOR || actor.role() == Role.FUNDER_OFFICER) {
                return Mono.just(actor);
            }
            String code =
                    actor.municipality() == null ? "" : actor.municipality().toString();
            Mono<Document> view = Mono.from(views.getCollection(MembershipProjection.COLLECTION)
                    .find(Filters.eq("_id", applicationId))
                    .projection(Projections.include("members.code", "position"))
                    .first());
            if (minPosition != null) {
                // An application that is not in the event store at all is 404 at once, not 503 after waiting for
                // a view document that will never come.
                Mono<Boolean> exists = Mono.fromCallable(
                                () -> !eventLog.readStream(applicationId, 0, 1).isEmpty())
                        .subscribeOn(Schedulers.boundedElastic());
                Mono<Document> waited = view.filter(
                                d -> d.get("position", Number.class).longValue() >= minPosition)
                        .repeatWhenEmpty(repeats -> repeats.delayElements(POLL))
                        .timeout(CATCH_UP_WAIT)
                        .onErrorMap(
                                java.util.concurrent.TimeoutException.class,
                                e -> new Refused(
                                        QueryErrorCode.VIEW_NOT_CAUGHT_UP,
                                        "The view has not yet reached position " + minPosition + "; retry shortly."));
                view = exists.flatMap(known -> known ? waited : Mono.empty());
            }
            return view.switchIfEmpty(Mono.error(new Refused(
                            QueryErrorCode.APPLICATION_NOT_FOUND,
                            "No application with id " + applicationId + " is known to this view.")))
                    .flatMap(d -> isMember(d, code)
                            ? Mono.just(actor)
                            : Mono.error(new Refused(
                                    QueryErrorCode.NOT_A_MEMBER,
                                    "Your municipality is not invited to" + " this application.")));
        });
    }

    private static boolean isMember(Document view, String code) {
        List<Document> members = view.getList("members", Document.class, List.of());
        return members.stream().anyMatch(m -> code.equals(m.getString("code")));
    }

    private static Mono<Actor> actor() {
        return CurrentActors.current().switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED)));
    }
}
