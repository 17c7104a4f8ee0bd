package se.norrort.consortium.query.membership;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.query.api.ProvenanceResponses;
import se.norrort.consortium.query.api.QueryErrorCode;
import se.norrort.consortium.query.api.ViewResponses;
import se.norrort.consortium.query.live.LiveStreams;
import se.norrort.consortium.query.live.ViewChangeHub;

/** Consortium membership of one application, for the project owner; and which events set each of its fields. */
@RestController
@RequestMapping("/api/applications")
public class MembershipController {

    private final MembershipReads reads;
    private final ViewChangeHub changes;
    private final ProvenanceResponses provenance;

    public MembershipController(MembershipReads reads, ViewChangeHub changes, ProvenanceResponses provenance) {
        this.reads = reads;
        this.changes = changes;
        this.provenance = provenance;
    }

    /**
     * The membership view as a live stream: the current state, then one event per change, each with {@code id:} set
     * to the position the state reflects. A client that reconnects with {@code Last-Event-ID} gets only newer states.
     */
    @GetMapping(
            path = {"/{applicationId}/membership", "/{applicationId}/membership/stream"},
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Document>> stream(
            @PathVariable String applicationId,
            @RequestHeader(value = "Last-Event-ID", required = false) Long lastEventId) {
        Flux<ViewChangeHub.Change> current = reads.served(applicationId)
                .map(d -> new ViewChangeHub.Change(
                        MembershipProjection.VIEW,
                        applicationId,
                        d.get("position", Number.class).longValue(),
                        d))
                .flux();
        return LiveStreams.states(
                current, changes.of(MembershipProjection.VIEW, applicationId), lastEventId, MembershipController::body);
    }

    /**
     * The membership view. With {@code minPosition} (the position a command answered with), answers once the view
     * reflects that event, or 503 with {@code Retry-After} after a bounded wait.
     */
    @GetMapping(path = "/{applicationId}/membership", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> membership(
            @PathVariable String applicationId, @RequestParam(required = false) Long minPosition) {
        return whenReady(applicationId, minPosition, false, view -> Mono.just(ViewResponses.ok(body(view))));
    }

    /**
     * Which events set each field of the membership view (see {@link ProvenanceResponses}), e.g.
     * {@code ?field=members[0162].signed}; {@code minPosition} as for the view.
     */
    @Operation(
            summary = "Provenance of the membership view",
            description = "Every field of the application's membership view with the events that set it (event id, "
                    + "position, sequence, type, time, actor, committee decision, delegation used and the event that "
                    + "granted that delegation). `field` selects one path or every path under it, e.g. "
                    + "`members[0162].signed` or `members[0162]`; an unknown field is 404 FIELD_NOT_FOUND. "
                    + "See doc/provenance.md.")
    @GetMapping(path = "/{applicationId}/membership/provenance", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> provenance(
            @PathVariable String applicationId,
            @Parameter(description = "A field path, or a prefix of paths, e.g. " + "members[0162].signed")
                    @RequestParam(required = false)
                    String field,
            @RequestParam(required = false) Long minPosition) {
        return whenReady(
                applicationId,
                minPosition,
                true,
                view -> provenance.answer(MembershipProjection.VIEW, applicationId, view, field));
    }

    /**
     * Answers with the application's document once it reflects {@code minPosition} (at once without it), 404 when
     * there is none, or 503 when it does not catch up in time.
     */
    private Mono<ResponseEntity<?>> whenReady(
            String applicationId,
            Long minPosition,
            boolean withProvenance,
            Function<Document, Mono<ResponseEntity<?>>> answer) {
        return ViewResponses.whenReflected(
                // the document the read rule checked, if it read this one (no second read); else read here
                withProvenance ? reads.application(applicationId, true) : reads.answered(applicationId),
                Mono.just(-1L),
                minPosition,
                changes.of(MembershipProjection.VIEW, applicationId),
                answer,
                () -> notFound(applicationId));
    }

    private static Document body(Document view) {
        Document body = new Document(view);
        body.put("applicationId", body.remove("_id"));
        return body;
    }

    static ResponseEntity<?> notFound(String applicationId) {
        return QueryErrorCode.APPLICATION_NOT_FOUND.answer(
                "No application with id " + applicationId + " is known to this view.");
    }
}
