package se.norrort.consortium.query.web;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.RequestHeader;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.query.live.LiveStreams;
import se.norrort.consortium.query.live.ViewChanges;
import se.norrort.consortium.query.membership.MembershipProjection;

import java.time.Duration;

/** Consortium membership of one application, for the project owner. */
@RestController
@RequestMapping("/api/applications")
public class MembershipController {

    static final Duration CATCH_UP_WAIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(50);

    private final MongoDatabase views;
    private final ViewChanges changes;

    public MembershipController(MongoDatabase viewDatabase, ViewChanges changes) {
        this.views = viewDatabase;
        this.changes = changes;
    }

    /**
     * The membership view as a live stream: the current state, then one event per change, each with {@code id:} set
     * to the position the state reflects. A client that reconnects with {@code Last-Event-ID} gets only newer states.
     */
    @GetMapping(path = {"/{applicationId}/membership", "/{applicationId}/membership/stream"},
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Document>> stream(@PathVariable String applicationId,
                                                  @RequestHeader(value = "Last-Event-ID", required = false)
                                                  Long lastEventId) {
        Flux<ViewChanges.Change> current = Mono.from(views.getCollection(MembershipProjection.COLLECTION)
                                                          .find(Filters.eq("_id", applicationId)).first())
                                               .map(d -> new ViewChanges.Change(MembershipProjection.VIEW,
                                                                                applicationId,
                                                                                d.get("position", Number.class)
                                                                                 .longValue(), d))
                                               .flux();
        return LiveStreams.states(current, changes.of(MembershipProjection.VIEW, applicationId), lastEventId,
                                  MembershipController::body);
    }

    /**
     * The membership view. With {@code minPosition} (the position a command answered with), answers once the view
     * reflects that event, or 503 with {@code Retry-After} after a bounded wait.
     */
    @GetMapping(path = "/{applicationId}/membership", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> membership(@PathVariable String applicationId,
                                              @RequestParam(required = false) Long minPosition) {
        Mono<Document> read = Mono.from(views.getCollection(MembershipProjection.COLLECTION)
                                             .find(Filters.eq("_id", applicationId)).first());
        if (minPosition == null) {
            return read.<ResponseEntity<?>>map(MembershipController::ok)
                       .defaultIfEmpty(notFound(applicationId));
        }
        return read.filter(d -> d.get("position", Number.class).longValue() >= minPosition)
                   .repeatWhenEmpty(repeats -> repeats.delayElements(POLL))
                   .timeout(CATCH_UP_WAIT)
                   .<ResponseEntity<?>>map(MembershipController::ok)
                   .onErrorResume(java.util.concurrent.TimeoutException.class, e -> Mono.just(notYet(minPosition)));
    }

    private static ResponseEntity<?> ok(Document view) {
        return ViewResponses.ok(body(view));
    }

    private static Document body(Document view) {
        Document body = new Document(view);
        body.put("applicationId", body.remove("_id"));
        return body;
    }

    static ResponseEntity<?> notFound(String applicationId) {
        return ViewResponses.problem(HttpStatus.NOT_FOUND, "APPLICATION_NOT_FOUND", "Application not found",
                                     "No application with id " + applicationId + " is known to this view.");
    }

    static ResponseEntity<?> notYet(long minPosition) {
        return ViewResponses.notYet(minPosition);
    }
}
