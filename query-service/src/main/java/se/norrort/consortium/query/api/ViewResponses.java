package se.norrort.consortium.query.api;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import se.norrort.consortium.api.values.BusinessZone;
import se.norrort.consortium.query.live.LiveStreams;
import se.norrort.consortium.query.live.ViewChangeHub;
import se.norrort.consortium.query.projection.ViewFields;

/**
 * What the view endpoints share: read-your-writes waits, RFC 9457 problems with a stable {@code code}, paging checks
 * and ordered live streams.
 */
public final class ViewResponses {

    /** Business dates are dates in Europe/Stockholm. */
    private static final ZoneId STOCKHOLM = BusinessZone.ZONE;

    private ViewResponses() {}

    public static LocalDate today() {
        return LocalDate.now(STOCKHOLM);
    }

    /**
     * Reads until the read is {@code ready}, within the request's one read-your-writes wait ({@link ReadYourWrites});
     * then the answer, or 503 with {@code Retry-After} if the view did not catch up with {@code minPosition} in
     * time. Without {@code minPosition}, the first read is answered. Reads again at once whenever {@code wake}
     * signals, and at the polls of {@link ReadYourWrites#await(Mono, Flux)} in any case.
     */
    public static <T> Mono<ResponseEntity<?>> whenReady(
            Mono<T> read,
            Predicate<T> ready,
            Long minPosition,
            Flux<?> wake,
            Function<T, Mono<ResponseEntity<?>>> answer) {
        if (minPosition == null) {
            return read.flatMap(answer);
        }
        return ReadYourWrites.await(read.filter(ready), wake)
                .flatMap(answer)
                .onErrorResume(TimeoutException.class, e -> Mono.just(notYet(minPosition)));
    }

    /**
     * {@link #whenReady} for a view document: the view reflects {@code minPosition} when the document is at that
     * position or the view's processor has passed it ({@code progress}, see {@code ViewProgress}; {@code -1} for a
     * view answered from its documents alone). Then the answer for the document, or {@code notFound} when there is
     * none.
     */
    public static Mono<ResponseEntity<?>> whenReflected(
            Mono<Optional<Document>> document,
            Mono<Long> progress,
            Long minPosition,
            Flux<?> wake,
            Function<Document, Mono<ResponseEntity<?>>> answer,
            Supplier<ResponseEntity<?>> notFound) {
        Mono<Reflected> read = Mono.zip(document, progress).map(t -> new Reflected(t.getT1(), t.getT2()));
        return whenReady(
                read,
                r -> r.reflects(minPosition),
                minPosition,
                wake,
                r -> r.document().map(answer).orElseGet(() -> Mono.just(notFound.get())));
    }

    /** A view document, if any, and how far the view's processor has come. */
    private record Reflected(Optional<Document> document, long progress) {

        boolean reflects(long minPosition) {
            return progress >= minPosition || document.map(ViewFields::position).orElse(-1L) >= minPosition;
        }
    }

    public static ResponseEntity<?> ok(Object body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    public static ResponseEntity<?> notYet(long minPosition) {
        return notCaughtUp("The view has not yet reached position " + minPosition + "; retry shortly.", 1);
    }

    /** 503 {@code VIEW_NOT_CAUGHT_UP} with {@code detail}, to be retried after {@code retryAfterSeconds}. */
    public static ResponseEntity<?> notCaughtUp(String detail, int retryAfterSeconds) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Integer.toString(retryAfterSeconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(QueryErrorCode.VIEW_NOT_CAUGHT_UP.body(detail));
    }

    /** 400 for a page or size out of range, or {@code null} when both are fine. */
    public static ResponseEntity<?> invalidPage(int page, int size, int maxSize) {
        if (page < 0) {
            return QueryErrorCode.INVALID_PAGE.answer("page must be 0 or more, but was " + page + ".");
        }
        if (size < 1 || size > maxSize) {
            return QueryErrorCode.INVALID_PAGE_SIZE.answer(
                    "size must be between 1 and " + maxSize + ", but was " + size + ".");
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            return QueryErrorCode.INVALID_PAGE.answer("page " + page + " of size " + size + " is beyond any list.");
        }
        return null;
    }

    /**
     * A stream of log-like changes (audit entries, changes of listed applications): first the stored ones, in
     * position order, then the live ones, each once, as SSE with {@code id:} = position; anything at or below
     * {@code lastEventId} is left out. The live changes are subscribed before the stored ones are read and held in a
     * buffer until the stored ones are sent, so nothing between the two is lost and nothing stored is overtaken by
     * a later live change (which would hide it behind the stream's position filter).
     */
    public static Flux<ServerSentEvent<Document>> ordered(
            Flux<ViewChangeHub.Change> stored,
            Flux<ViewChangeHub.Change> live,
            Long lastEventId,
            Function<Document, Document> body) {
        return Flux.defer(() -> {
            Sinks.Many<ViewChangeHub.Change> buffer = Sinks.many().unicast().onBackpressureBuffer();
            // Changes are emitted one at a time by ViewChangeHub's sink, so this buffer has a single producer.
            Disposable subscription =
                    live.subscribe(buffer::tryEmitNext, buffer::tryEmitError, buffer::tryEmitComplete);
            Flux<ViewChangeHub.Change> inOrder =
                    stored.concatWith(buffer.asFlux()).doFinally(signal -> subscription.dispose());
            return LiveStreams.states(Flux.empty(), inOrder, lastEventId, body);
        });
    }
}
