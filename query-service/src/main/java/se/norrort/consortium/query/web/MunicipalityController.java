package se.norrort.consortium.query.web;

import se.norrort.consortium.query.support.ViewStore;
import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.query.live.LiveStreams;
import se.norrort.consortium.query.live.ViewChanges;
import se.norrort.consortium.query.municipality.MunicipalityProjection;
import se.norrort.consortium.query.municipality.MunicipalityView;
import se.norrort.consortium.query.support.Docs;
import se.norrort.consortium.query.support.ViewProgress;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One municipality's view, for its officers: the applications it is part of, its status, delegations and signature
 * in each, what was granted, and what it still has to do. Delegations past their {@code validUntil} are shown as
 * {@code EXPIRED} as of the day of the request (Europe/Stockholm).
 */
@RestController
@RequestMapping("/api/municipalities")
public class MunicipalityController {

    private static final Pattern CODE = Pattern.compile("\\d{4}");

    private final MongoDatabase views;
    private final ViewChanges changes;
    private final ViewProgress progress;

    public MunicipalityController(MongoDatabase viewDatabase, ViewChanges changes, ViewProgress progress) {
        this.views = viewDatabase;
        this.changes = changes;
        this.progress = progress;
    }

    /**
     * The municipality view. With {@code minPosition} (the position a command answered with), answers once the view
     * reflects that event, or 503 with {@code Retry-After} after a bounded wait. The view reflects it when the
     * municipality's document is at that position or the view's processor has passed it (an event that does not
     * concern the municipality does not change its document).
     */
    @GetMapping(path = "/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> municipality(@PathVariable String code,
                                                @RequestParam(required = false) Long minPosition) {
        if (!CODE.matcher(code).matches()) {
            return Mono.just(invalidCode(code));
        }
        Mono<ViewAndProgress> read = Mono.zip(ViewStore.byId(collection(), code),
                                              progress.position(MunicipalityProjection.VIEW))
                                         .map(t -> new ViewAndProgress(t.getT1(), t.getT2()));
        return ViewResponses.whenReady(read, a -> a.reflects(minPosition), minPosition,
                                       a -> Mono.just(answer(code, a.view())));
    }

    /**
     * The municipality view as a live stream: the current state, then one event per change, each with {@code id:}
     * set to the highest position the state reflects. A client that reconnects with {@code Last-Event-ID} gets only
     * newer states. (An event retried from the dead-letter queue after later ones changes the document without
     * raising its position, so live subscribers see that change with the next one, or on reconnecting.)
     */
    @GetMapping(path = {"/{code}", "/{code}/stream"}, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Document>> stream(@PathVariable String code,
                                                  @RequestHeader(value = "Last-Event-ID", required = false)
                                                  Long lastEventId) {
        if (!CODE.matcher(code).matches()) {
            return Flux.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
                                                          "Municipality code must be exactly four digits"));
        }
        Flux<ViewChanges.Change> current = Mono.from(collection().find(Filters.eq("_id", code)).first())
                                               .map(d -> new ViewChanges.Change(MunicipalityProjection.VIEW, code,
                                                                                Docs.position(d), d))
                                               .flux();
        return LiveStreams.states(current, changes.of(MunicipalityProjection.VIEW, code), lastEventId,
                                  MunicipalityController::body);
    }

    private MongoCollection<Document> collection() {
        return views.getCollection(MunicipalityProjection.COLLECTION);
    }

    private static ResponseEntity<?> answer(String code, Optional<Document> view) {
        return view.<ResponseEntity<?>>map(v -> ViewResponses.ok(body(v)))
                   .orElseGet(() -> ViewResponses.problem(HttpStatus.NOT_FOUND, "MUNICIPALITY_NOT_FOUND",
                                                          "Municipality not found",
                                                          "No application concerns municipality " + code
                                                                  + " in this view."));
    }

    private static Document body(Document view) {
        Document body = MunicipalityView.asOf(view, ViewResponses.today());
        body.remove("_id");
        return body;
    }

    private static ResponseEntity<?> invalidCode(String code) {
        return ViewResponses.problem(HttpStatus.BAD_REQUEST, "INVALID_MUNICIPALITY_CODE", "Invalid municipality code",
                                     "A municipality code is exactly four digits, e.g. 0162, but was '" + code + "'.");
    }

    private record ViewAndProgress(Optional<Document> view, long progress) {

        boolean reflects(Long minPosition) {
            return progress >= minPosition || view.map(Docs::position).orElse(-1L) >= minPosition;
        }
    }
}
