package se.norrort.consortium.query.membership;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.Role;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.query.api.QueryErrorCode;
import se.norrort.consortium.query.api.ReadYourWrites;
import se.norrort.consortium.query.live.ViewChangeHub;
import se.norrort.consortium.query.security.CheckedDocuments;
import se.norrort.consortium.query.security.ReadRefused;
import se.norrort.consortium.query.security.ReadRule;
import se.norrort.consortium.query.security.Readers;

/**
 * Who reads one application ({@code /api/applications/{applicationId}/**}: membership, audit trail, documents,
 * funder entry, the auditor's tools): auditors and funder officers every application; officers and signatories only
 * applications their municipality is invited to, as the membership view records. For them an application the view
 * does not know is 404 (only its absence is told); with {@code minPosition} (read-your-writes right after opening)
 * the check first waits for the view to reach that position, within the request's one read-your-writes wait
 * ({@link ReadYourWrites}: the view read that follows has only what is left of it). Refusals: {@code NOT_A_MEMBER},
 * {@code APPLICATION_NOT_FOUND}, {@code VIEW_NOT_CAUGHT_UP}, {@code INVALID_REQUEST} (a {@code minPosition} that is
 * no whole number).
 */
@Component
public class MembershipReadRule implements ReadRule {

    private static final PathPattern APPLICATION =
            PathPatternParser.defaultInstance.parse("/api/applications/{applicationId}/**");

    /** The membership view's own JSON path, which serves the very document the rule checks. */
    private static final PathPattern MEMBERSHIP =
            PathPatternParser.defaultInstance.parse("/api/applications/{applicationId}/membership");

    /** The funder's list stream is no application (see {@code FunderApplicationsController}). */
    private static final PathPattern FUNDER_LIST_STREAM =
            PathPatternParser.defaultInstance.parse("/api/applications/stream");

    /**
     * The first poll of a read-your-writes wait here: every change of the document is signalled with the document,
     * so a poll only finds what a lost signal did not bring.
     */
    public static final Duration SAFETY_POLL = Duration.ofMillis(200);

    private final MembershipReads reads;
    private final EventLog eventLog;
    private final ViewChangeHub changes;

    public MembershipReadRule(MembershipReads reads, EventLog eventLog, ViewChangeHub changes) {
        this.reads = reads;
        this.eventLog = eventLog;
        this.changes = changes;
    }

    @Override
    public boolean guards(PathContainer path) {
        // Only the funder's list stream itself, /api/applications/stream, is no application; an application that
        // happens to be named "stream" is checked like any other (/api/applications/stream/audit-trail).
        return APPLICATION.matches(path) && !FUNDER_LIST_STREAM.matches(path);
    }

    @Override
    public Mono<?> check(PathContainer path, ServerHttpRequest request) {
        PathPattern.PathMatchInfo match = APPLICATION.matchAndExtract(path);
        String applicationId = match == null ? "" : match.getUriVariables().get("applicationId");
        String minPosition = request.getQueryParams().getFirst("minPosition");
        Long min;
        try {
            min = minPosition == null ? null : Long.valueOf(minPosition);
        } catch (NumberFormatException e) {
            return Mono.error(new ReadRefused(QueryErrorCode.INVALID_REQUEST, "minPosition must be a whole number."));
        }
        // the JSON answer takes the document checked; a live stream on the same path reads its own states
        boolean served =
                MEMBERSHIP.matches(path) && !request.getHeaders().getAccept().contains(MediaType.TEXT_EVENT_STREAM);
        return application(applicationId, min, served);
    }

    /**
     * Checks the reader against the application's membership document. For the membership view itself
     * ({@code served}), the rule reads the document as its endpoint serves it and keeps the one it checked
     * ({@link CheckedDocuments}): the endpoint serves that one instead of reading it again.
     */
    private Mono<Actor> application(String applicationId, Long minPosition, boolean served) {
        return Readers.current().flatMap(actor -> {
            if (actor.role() == Role.AUDITOR || actor.role() == Role.FUNDER_OFFICER) {
                return Mono.just(actor);
            }
            String code =
                    actor.municipality() == null ? "" : actor.municipality().toString();
            Mono<Document> view = served ? reads.served(applicationId) : reads.members(applicationId);
            if (minPosition != null) {
                view = reflecting(applicationId, minPosition, view);
            }
            return view.switchIfEmpty(Mono.error(new ReadRefused(
                            QueryErrorCode.APPLICATION_NOT_FOUND,
                            "No application with id " + applicationId + " is known to this view.")))
                    .flatMap(d -> isMember(d, code)
                            ? keptIf(served, applicationId, d).thenReturn(actor)
                            : Mono.error(new ReadRefused(
                                    QueryErrorCode.NOT_A_MEMBER,
                                    "Your municipality is not invited to this application.")));
        });
    }

    /**
     * {@code view} once it reflects {@code minPosition}, within the request's one wait: read at once, then taken from
     * the first change of the document at or past that position (an earlier one cannot make it ready: the change
     * that does is signalled itself, with the document), and read again by the polls ({@link #SAFETY_POLL} on). An
     * application the view does not know yet and that is not in the event store at all
     * is 404 at once, not 503 after waiting for a document that will never come; the event store is asked only
     * then, once per request.
     */
    private Mono<Document> reflecting(String applicationId, long minPosition, Mono<Document> view) {
        // asked at the first read that finds no document, and remembered for the reads after it
        Mono<Boolean> exists = Mono.fromCallable(
                        () -> !eventLog.readStream(applicationId, 0, 1).isEmpty())
                .subscribeOn(Schedulers.boundedElastic())
                .cache();
        Mono<Document> read = view.switchIfEmpty(
                        exists.flatMap(found -> found ? Mono.empty() : Mono.error(new UnknownApplication())))
                .filter(d -> d.get("position", Number.class).longValue() >= minPosition);
        // a change at or past the position is the document as stored then (without provenance, as served): taken
        // as it is, not read again; the polls are only the safety net for a change that was not shared
        Flux<Document> ready = changes.of(MembershipProjection.VIEW, applicationId)
                .filter(c -> c.position() >= minPosition)
                .map(ViewChangeHub.Change::document);
        return ReadYourWrites.await(read, ready, SAFETY_POLL)
                .onErrorMap(
                        TimeoutException.class,
                        e -> new ReadRefused(
                                QueryErrorCode.VIEW_NOT_CAUGHT_UP,
                                "The view has not yet reached position " + minPosition + "; retry shortly."))
                .onErrorResume(UnknownApplication.class, e -> Mono.empty());
    }

    /** {@code document}, kept for the endpoint that serves it when the rule read it as served. */
    private static Mono<Document> keptIf(boolean served, String applicationId, Document document) {
        return served ? CheckedDocuments.keep(MembershipProjection.VIEW, applicationId, document) : Mono.just(document);
    }

    /** The application is neither in the view nor in the event store. */
    private static final class UnknownApplication extends RuntimeException {
        UnknownApplication() {
            super(null, null, false, false);
        }
    }

    private static boolean isMember(Document view, String code) {
        List<Document> members = view.getList("members", Document.class, List.of());
        return members.stream().anyMatch(m -> code.equals(m.getString("code")));
    }
}
