package se.norrort.consortium.query.funder;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.Arrays;
import java.util.List;
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
import se.norrort.consortium.model.ApplicationState.Status;
import se.norrort.consortium.query.api.ProvenanceResponses;
import se.norrort.consortium.query.api.QueryErrorCode;
import se.norrort.consortium.query.api.ViewResponses;
import se.norrort.consortium.query.live.ViewChangeHub;
import se.norrort.consortium.query.projection.ApplicationFacts;
import se.norrort.consortium.query.projection.ViewFields;
import se.norrort.consortium.query.projection.ViewProgress;

/**
 * The funder's list of applications: every application submitted (or further on), newest submission first, paged
 * and filtered by status and text;
 * and which events set each field of one application's entry.
 * <p>
 * What is read, in which order and at what cost: {@link FunderApplicationsReads}.
 */
@RestController
@RequestMapping("/api/applications")
public class FunderApplicationsController {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;

    private final FunderApplicationsReads reads;
    private final ViewChangeHub changes;
    private final ViewProgress progress;
    private final ProvenanceResponses provenance;

    public FunderApplicationsController(
            FunderApplicationsReads reads,
            ViewChangeHub changes,
            ViewProgress progress,
            ProvenanceResponses provenance) {
        this.reads = reads;
        this.changes = changes;
        this.progress = progress;
        this.provenance = provenance;
    }

    /**
     * One page of the list, filtered by {@code status} and by {@code q} (a part of the title, id or owner's name, any
     * case; 400 {@code INVALID_FILTER} for an unknown status or a longer text): {@code items}, {@code page},
     * {@code size}, {@code total} (of the filtered list), and {@code position}, the
     * position of the last event the list reflects (a client may pass it as {@code Last-Event-ID} to the stream).
     * With {@code minPosition}, answers once the list reflects that event, or 503 with {@code Retry-After} after a
     * bounded wait.
     */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> applications(
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + DEFAULT_SIZE) int size,
            @Parameter(
                            description = "Only applications in this status: one of the application statuses from "
                                    + "the submission on (the two before it are 400 INVALID_FILTER: the funder "
                                    + "lists an application from its submission on)")
                    @RequestParam(required = false)
                    String status,
            @Parameter(
                            description = "Only applications whose title, id or "
                                    + "owner's name contains this text (any case), at most "
                                    + MAX_QUERY + " characters")
                    @RequestParam(required = false)
                    String q,
            @RequestParam(required = false) Long minPosition) {
        ResponseEntity<?> invalid = ViewResponses.invalidPage(page, size, MAX_SIZE);
        if (invalid == null) {
            invalid = invalidFilter(status, q);
        }
        if (invalid != null) {
            return Mono.just(invalid);
        }
        return ViewResponses.whenReady(
                progress.position(FunderApplicationsProjection.VIEW),
                reached -> reached >= minPosition,
                minPosition,
                progress.advances(FunderApplicationsProjection.VIEW),
                reached -> page(status, q, page, size, reached));
    }

    /**
     * The statuses an application in the funder's list can have: the domain's, less the two before submission
     * ({@code OPEN}, {@code JOINING_CLOSED}), which the funder never sees; filtering by one of those is 400
     * {@code INVALID_FILTER}.
     */
    static final List<String> STATUSES = Arrays.stream(Status.values())
            .map(Status::name)
            .filter(s -> !ApplicationFacts.beforeSubmission(s))
            .toList();

    static final int MAX_QUERY = 100;

    private static ResponseEntity<?> invalidFilter(String status, String q) {
        if (status != null && !status.isEmpty() && !STATUSES.contains(status)) {
            return QueryErrorCode.INVALID_FILTER.answer("status must be one of "
                    + String.join(", ", STATUSES.subList(0, STATUSES.size() - 1)) + " or "
                    + STATUSES.get(STATUSES.size() - 1)
                    + " (an application is in the funder's list from its submission on).");
        }
        if (q != null && q.length() > MAX_QUERY) {
            return QueryErrorCode.INVALID_FILTER.answer("q must be at most " + MAX_QUERY + " characters.");
        }
        return null;
    }

    private Mono<ResponseEntity<?>> page(String status, String q, int page, int size, long position) {
        return reads.page(status, q, page, size)
                .map(found -> ViewResponses.ok(new Document(
                                "items",
                                found.entries().stream()
                                        .map(FunderApplicationsController::item)
                                        .toList())
                        .append("page", page)
                        .append("size", size)
                        .append("total", found.total())
                        .append("position", position)));
    }

    /**
     * Changes of listed applications as a live stream: one event per change, the application's new state, with
     * {@code id:} set to the event's position. With {@code Last-Event-ID}, first every listed application that changed
     * since (its current state, in position order), then the live ones; without it, live changes only (take the
     * list's {@code position} as {@code Last-Event-ID} to miss nothing between a page and the stream).
     */
    @GetMapping(
            path = {"", "/stream"},
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Document>> stream(
            @RequestHeader(value = "Last-Event-ID", required = false) Long lastEventId) {
        Flux<ViewChangeHub.Change> since = lastEventId == null
                ? Flux.empty()
                : reads.changedSince(lastEventId)
                        .map(d -> new ViewChangeHub.Change(
                                FunderApplicationsProjection.VIEW, d.getString("_id"), ViewFields.position(d), d));
        return ViewResponses.ordered(
                since, changes.of(FunderApplicationsProjection.VIEW), lastEventId, FunderApplicationsController::item);
    }

    /**
     * Which events set each field of the funder's entry of one application (see {@link ProvenanceResponses}), e.g.
     * {@code ?field=grantedAmountSek}. 404 while the application is not in the list (before its submission). With
     * {@code minPosition}, answers once the list reflects that event, or 503 with {@code Retry-After} after a bounded
     * wait.
     */
    @Operation(
            summary = "Provenance of the funder's entry of one application",
            description = "Every field of the application's entry in the funder's list with the events that set it "
                    + "(event id, position, sequence, type, time, actor, committee decision, delegation used and the "
                    + "event that granted that delegation). `field` selects one path or every path under it, e.g. "
                    + "`members[0162].signed` or `reports[INTERIM]`; an unknown field is 404 FIELD_NOT_FOUND. "
                    + "See doc/provenance.md.")
    @GetMapping(path = "/{applicationId}/funder-entry/provenance", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> provenance(
            @PathVariable String applicationId,
            @Parameter(description = "A field path, or a prefix of paths, e.g. " + "grantedAmountSek")
                    @RequestParam(required = false)
                    String field,
            @RequestParam(required = false) Long minPosition) {
        return ViewResponses.whenReflected(
                reads.entry(applicationId),
                progress.position(FunderApplicationsProjection.VIEW),
                minPosition,
                progress.advances(FunderApplicationsProjection.VIEW),
                entry -> provenance.answer(FunderApplicationsProjection.VIEW, applicationId, entry, field),
                () -> notListed(applicationId));
    }

    private static ResponseEntity<?> notListed(String applicationId) {
        return QueryErrorCode.APPLICATION_NOT_FOUND.answer("No application with id " + applicationId
                + " is in the funder's list " + "(an application is listed from its submission on).");
    }

    private static Document item(Document view) {
        Document item = new Document("applicationId", view.get("_id"));
        view.forEach((key, value) -> {
            if (!"_id".equals(key)) {
                item.put(key, value);
            }
        });
        return item;
    }
}
