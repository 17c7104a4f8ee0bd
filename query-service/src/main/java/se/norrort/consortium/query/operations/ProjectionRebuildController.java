package se.norrort.consortium.query.operations;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.query.api.QueryErrorCode;
import se.norrort.consortium.query.projection.rebuild.ProjectionRebuilder;

/**
 * Operator endpoints to rebuild a view from the event log without downtime (see {@link ProjectionRebuilder}): start
 * a rebuild, read its progress as JSON, or follow it as Server-Sent Events until it ends. Operators only (the
 * security chain restricts {@code /api/operations/**}).
 */
@RestController
@RequestMapping("/api/operations/projections")
public class ProjectionRebuildController {

    static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ProjectionRebuilder rebuilder;

    public ProjectionRebuildController(ProjectionRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    /** The views that can be rebuilt, each with its rebuild's progress. */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> views() {
        return Flux.fromIterable(rebuilder.views())
                .concatMap(rebuilder::progress)
                .collectList()
                .<ResponseEntity<?>>map(list -> ResponseEntity.ok(new Document("views", list)))
                .timeout(TIMEOUT);
    }

    /**
     * Starts rebuilding the view; {@code 202 Accepted} with its progress and {@code Location} of the progress. The
     * view keeps being served meanwhile. {@code maxRate} limits the replay to that many events per second.
     * {@code 409 REBUILD_IN_PROGRESS} while a rebuild of the view runs, {@code 404 UNKNOWN_VIEW} for a name that is
     * not a rebuildable view.
     */
    @PostMapping(path = "/{name}/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> rebuild(@PathVariable String name, @RequestParam(required = false) Integer maxRate) {
        if (!rebuilder.knows(name)) {
            return Mono.just(unknown(name));
        }
        if (maxRate != null && maxRate < 1) {
            return Mono.just(QueryErrorCode.INVALID_MAX_RATE.answer(
                    "maxRate must be at least 1 event per second, but was " + maxRate + "."));
        }
        return rebuilder
                .start(name, maxRate)
                .<ResponseEntity<?>>map(progress -> ResponseEntity.accepted()
                        .location(URI.create("/api/operations/projections/" + name + "/rebuild"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(progress))
                .onErrorResume(
                        ProjectionRebuilder.AlreadyRunning.class,
                        e -> Mono.just(QueryErrorCode.REBUILD_IN_PROGRESS.answer(e.getMessage())))
                .timeout(TIMEOUT);
    }

    /**
     * The progress of the view's current or last rebuild: {@code state}, {@code eventsDone}, {@code total} (the
     * log's head), {@code position}, {@code percent}, {@code ratePerSecond}, {@code etaSeconds} and times.
     */
    @GetMapping(path = "/{name}/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> progress(@PathVariable String name) {
        if (!rebuilder.knows(name)) {
            return Mono.just(unknown(name));
        }
        return rebuilder
                .progress(name)
                .<ResponseEntity<?>>map(p -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(p))
                .timeout(TIMEOUT);
    }

    /**
     * The progress as Server-Sent Events, every half second until the rebuild ends (the last event is {@code DONE}
     * or {@code FAILED}); one event when none runs. Each event is named {@code progress}, with {@code id:} the log
     * position the rebuilt view has reached.
     */
    @GetMapping(
            path = {"/{name}/rebuild", "/{name}/rebuild/progress"},
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Document>> follow(@PathVariable String name) {
        if (!rebuilder.knows(name)) {
            return Flux.error(QueryErrorCode.UNKNOWN_VIEW.error(unknownDetail(name)));
        }
        return rebuilder
                .follow(name, PROGRESS_INTERVAL)
                .map(p -> ServerSentEvent.builder(p)
                        .event("progress")
                        .id(String.valueOf(p.get("position")))
                        .build());
    }

    private ResponseEntity<?> unknown(String name) {
        return QueryErrorCode.UNKNOWN_VIEW.answer(unknownDetail(name));
    }

    private String unknownDetail(String name) {
        return "No rebuildable view is named " + name + "; known: " + List.copyOf(rebuilder.views()) + ".";
    }
}
