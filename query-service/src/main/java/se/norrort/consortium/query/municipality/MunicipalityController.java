package se.norrort.consortium.query.municipality;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
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
import se.norrort.consortium.query.projection.ViewProgress;

/**
 * One municipality's view, for its officers: the applications it is part of, its status, delegations and signature
 * in each, what was granted, and what it still has to do. Delegations past their {@code validUntil} are shown as
 * {@code EXPIRED} as of the day of the request (Europe/Stockholm). And which events set each field of it.
 * <p>
 * The document is assembled on each read from the municipality's index document and its entry documents, which
 * {@link MunicipalityReads} reads (see {@link MunicipalityEntries}): one find by {@code _id}, then one {@code $in} on
 * {@code _id}.
 */
@RestController
@RequestMapping("/api/municipalities")
public class MunicipalityController {

    private static final Pattern CODE = Pattern.compile("\\d{4}");

    private final MunicipalityReads reads;
    private final ViewChangeHub changes;
    private final ViewProgress progress;
    private final ProvenanceResponses provenance;
    private final MunicipalityLayout layout;

    public MunicipalityController(
            MunicipalityReads reads,
            ViewChangeHub changes,
            ViewProgress progress,
            ProvenanceResponses provenance,
            MunicipalityLayout layout) {
        this.reads = reads;
        this.changes = changes;
        this.progress = progress;
        this.provenance = provenance;
        this.layout = layout;
    }

    /**
     * The municipality view. With {@code minPosition} (the position a command answered with), answers once the view
     * reflects that event, or 503 with {@code Retry-After} after a bounded wait. The view reflects it when the
     * municipality's document is at that position or the view's processor has passed it (an event that does not
     * concern the municipality does not change its document).
     */
    @GetMapping(path = "/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> municipality(
            @PathVariable String code, @RequestParam(required = false) Long minPosition) {
        return whenReady(code, minPosition, false, view -> Mono.just(ViewResponses.ok(body(view))));
    }

    /**
     * Which events set each field of the municipality's view (see {@link ProvenanceResponses}), e.g.
     * {@code ?field=applications[norrort-gemensam-resurs].signed}; {@code minPosition} as for the view. Values are as
     * stored; the view as served also marks delegations past their {@code validUntil} as {@code EXPIRED} and derives
     * the to-do lists again for the day of the read, which no event does.
     */
    @Operation(
            summary = "Provenance of a municipality's view",
            description = "Every field of the municipality's view with the events that set it (event id, position, "
                    + "sequence, type, time, actor, committee decision, delegation used and the event that granted "
                    + "that delegation). `field` selects one path or every path under it, e.g. "
                    + "`applications[norrort-gemensam-resurs].signed`; an unknown field is 404 FIELD_NOT_FOUND. "
                    + "See doc/provenance.md.")
    @GetMapping(path = "/{code}/provenance", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> provenance(
            @PathVariable String code,
            @Parameter(
                            description = "A field path, or a prefix of paths, e.g. "
                                    + "applications[norrort-gemensam-resurs]")
                    @RequestParam(required = false)
                    String field,
            @RequestParam(required = false) Long minPosition) {
        return whenReady(
                code, minPosition, true, view -> provenance.answer(MunicipalityProjection.VIEW, code, view, field));
    }

    /**
     * Answers with the municipality's document once the view reflects {@code minPosition} (at once without it): 400
     * for a malformed code, 404 when no application concerns the municipality, 503 when the view does not catch up
     * in time (or is being rebuilt from the old layout, see {@link MunicipalityLayout}).
     * <p>
     * The document is assembled from several stored documents, which one batch of the projection writes one after
     * the other, so its own position does not prove that it reflects every event up to it (a read between two of
     * the batch's writes may see one entry new and another not yet). So it reflects {@code minPosition} when the
     * view's processor had passed it <em>before</em> the read: the processor stores its progress after all the
     * batch's documents.
     */
    private Mono<ResponseEntity<?>> whenReady(
            String code, Long minPosition, boolean withProvenance, Function<Document, Mono<ResponseEntity<?>>> answer) {
        if (!CODE.matcher(code).matches()) {
            return Mono.just(invalidCode(code));
        }
        if (layout.migrating()) {
            return Mono.just(migrating());
        }
        Mono<Reflected> read = progress.position(MunicipalityProjection.VIEW)
                .flatMap(passed -> reads.municipality(code, withProvenance).map(view -> new Reflected(view, passed)));
        return ViewResponses.whenReady(
                read,
                r -> minPosition == null || r.progress() >= minPosition,
                minPosition,
                progress.advances(MunicipalityProjection.VIEW),
                r -> r.view().map(answer).orElseGet(() -> Mono.just(notFound(code))));
    }

    /** The municipality's document, if any, and how far the view's processor had come before it was read. */
    private record Reflected(Optional<Document> view, long progress) {}

    /**
     * The municipality view as a live stream: the current state, then one event per change, each with {@code id:}
     * set to the highest position the state reflects. A client that reconnects with {@code Last-Event-ID} gets only
     * newer states. Each subscriber assembles the state from the entries ({@link LiveMunicipality}): a change that
     * does not raise the position (an event retried from the dead-letter queue after later ones, or the rest of a
     * batch whose first writes the stored state already showed) is sent too, with the same {@code id:}.
     */
    @GetMapping(
            path = {"/{code}", "/{code}/stream"},
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Document>> stream(
            @PathVariable String code, @RequestHeader(value = "Last-Event-ID", required = false) Long lastEventId) {
        if (!CODE.matcher(code).matches()) {
            return Flux.error(QueryErrorCode.INVALID_MUNICIPALITY_CODE.error(invalidCodeDetail(code)));
        }
        if (layout.migrating()) {
            return Flux.error(QueryErrorCode.VIEW_NOT_CAUGHT_UP.error(MIGRATING));
        }
        return Flux.defer(() -> {
            LiveMunicipality state = new LiveMunicipality(code, lastEventId);
            // Subscribed before the stored state is read, so that no change between the two is lost. Each change
            // is merged into the state as it comes (never dropped), then the latest state is sent.
            Flux<Boolean> live = changes.of(MunicipalityProjection.VIEW, code)
                    .doOnNext(change -> state.changed(change.document()))
                    .map(change -> true)
                    .onBackpressureLatest();
            Flux<Boolean> stored = reads.entries(code, false)
                    .doOnNext(state::loaded)
                    .thenReturn(true)
                    .flux();
            Flux<ViewChangeHub.Change> states = Flux.merge(live, stored)
                    .concatMap(signal -> Mono.justOrEmpty(state.next()))
                    .onBackpressureLatest();
            return LiveStreams.ordered(states, MunicipalityController::body);
        });
    }

    private static final String MIGRATING =
            "The municipality view is being rebuilt from the event log into its new layout; retry shortly.";

    private static ResponseEntity<?> migrating() {
        return ViewResponses.notCaughtUp(MIGRATING, 5);
    }

    private static ResponseEntity<?> notFound(String code) {
        return QueryErrorCode.MUNICIPALITY_NOT_FOUND.answer(
                "No application concerns municipality " + code + " in this view.");
    }

    private static Document body(Document view) {
        Document body = MunicipalityView.asOf(view, ViewResponses.today());
        body.remove("_id");
        return body;
    }

    private static ResponseEntity<?> invalidCode(String code) {
        return QueryErrorCode.INVALID_MUNICIPALITY_CODE.answer(invalidCodeDetail(code));
    }

    private static String invalidCodeDetail(String code) {
        return "A municipality code is exactly four digits, e.g. 0162, but was '" + code + "'.";
    }
}
