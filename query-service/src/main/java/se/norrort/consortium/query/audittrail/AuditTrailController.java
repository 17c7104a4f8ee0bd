package se.norrort.consortium.query.audittrail;

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
import se.norrort.consortium.query.live.ViewChangeHub;
import se.norrort.consortium.query.projection.ViewFields;
import se.norrort.consortium.query.projection.ViewProgress;

/**
 * The audit trail of one application: every event in event order, with who acted, in which role, for which
 * municipality, under which delegation, on which committee decision, and what happened in words.
 * <p>
 * What is read, and how without scanning: {@link AuditTrailReads}.
 */
@RestController
@RequestMapping("/api/applications")
public class AuditTrailController {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;

    private final AuditTrailReads reads;
    private final ViewChangeHub changes;
    private final ViewProgress progress;
    private final ProvenanceResponses provenance;

    public AuditTrailController(
            AuditTrailReads reads, ViewChangeHub changes, ViewProgress progress, ProvenanceResponses provenance) {
        this.reads = reads;
        this.changes = changes;
        this.progress = progress;
        this.provenance = provenance;
    }

    /**
     * One page of the trail, oldest first: {@code applicationId}, {@code entries}, {@code page}, {@code size},
     * {@code total} and {@code position} (the last event the trail reflects). With {@code minPosition}, answers once
     * the trail reflects that event, or 503 with {@code Retry-After} after a bounded wait.
     */
    @GetMapping(path = "/{applicationId}/audit-trail", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> auditTrail(
            @PathVariable String applicationId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + DEFAULT_SIZE) int size,
            @RequestParam(required = false) Long minPosition) {
        ResponseEntity<?> invalid = ViewResponses.invalidPage(page, size, MAX_SIZE);
        if (invalid != null) {
            return Mono.just(invalid);
        }
        return whenReflected(applicationId, minPosition, false, header -> page(applicationId, header, page, size));
    }

    /**
     * Which events set the trail's own fields, those its pages answer beside the entries (see
     * {@link ProvenanceResponses}): {@code count} (answered as {@code total}), {@code position}, {@code lastEventType},
     * {@code updatedAt}. Each entry needs none: it is one event and carries that event's {@code eventId},
     * {@code position} and {@code sequence}. {@code minPosition} as for the trail.
     */
    @Operation(
            summary = "Provenance of the audit trail's own fields",
            description = "The trail's header fields (count, answered as total; position; lastEventType; updatedAt) "
                    + "with the events that set them. Each entry of the trail is one event and carries its eventId, "
                    + "position and sequence: the trail is its own provenance. `field` selects one path; an unknown "
                    + "field is 404 FIELD_NOT_FOUND. See doc/provenance.md.")
    @GetMapping(path = "/{applicationId}/audit-trail/provenance", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> provenance(
            @PathVariable String applicationId,
            @Parameter(description = "A field path, e.g. count") @RequestParam(required = false) String field,
            @RequestParam(required = false) Long minPosition) {
        return whenReflected(
                applicationId,
                minPosition,
                true,
                header -> provenance.answer(AuditTrailProjection.VIEW, applicationId, header, field));
    }

    /** The answer for the trail's header once the header or the trail's processor reflects {@code minPosition}. */
    private Mono<ResponseEntity<?>> whenReflected(
            String applicationId,
            Long minPosition,
            boolean withProvenance,
            Function<Document, Mono<ResponseEntity<?>>> answer) {
        return ViewResponses.whenReflected(
                reads.header(applicationId, withProvenance),
                progress.position(AuditTrailProjection.VIEW),
                minPosition,
                progress.advances(AuditTrailProjection.VIEW),
                answer,
                () -> notFound(applicationId));
    }

    private Mono<ResponseEntity<?>> page(String applicationId, Document header, int page, int size) {
        long total = ViewFields.longOf(header, "count");
        return reads.page(applicationId, total, page, size)
                .map(AuditTrailController::body)
                .collectList()
                .map(list -> ViewResponses.ok(new Document("applicationId", applicationId)
                        .append("entries", list)
                        .append("page", page)
                        .append("size", size)
                        .append("total", total)
                        .append("position", ViewFields.position(header))));
    }

    /**
     * New entries of the trail as a live stream, one SSE event per entry with {@code id:} set to the event's position.
     * Without {@code Last-Event-ID} the stream starts with every stored entry (so a client misses none), with it only
     * with the entries after that position; then each new entry as it is recorded.
     */
    @GetMapping(
            path = {"/{applicationId}/audit-trail", "/{applicationId}/audit-trail/stream"},
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Document>> stream(
            @PathVariable String applicationId,
            @RequestHeader(value = "Last-Event-ID", required = false) Long lastEventId) {
        long after = lastEventId == null ? -1 : lastEventId;
        Flux<ViewChangeHub.Change> stored = reads.all(applicationId)
                .filter(entry -> ViewFields.position(entry) > after)
                .map(entry -> new ViewChangeHub.Change(
                        AuditTrailProjection.VIEW, applicationId, ViewFields.position(entry), entry));
        return ViewResponses.ordered(
                stored, changes.of(AuditTrailProjection.VIEW, applicationId), lastEventId, AuditTrailController::body);
    }

    private static Document body(Document entry) {
        Document body = new Document(entry);
        body.remove("_id");
        return body;
    }

    private static ResponseEntity<?> notFound(String applicationId) {
        return QueryErrorCode.APPLICATION_NOT_FOUND.answer(
                "No application with id " + applicationId + " is known to the audit trail.");
    }
}
