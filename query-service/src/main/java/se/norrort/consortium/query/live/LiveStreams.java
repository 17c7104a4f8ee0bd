package se.norrort.consortium.query.live;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** Server-Sent Event streams of view states. */
public final class LiveStreams {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /** Live streams open on this instance ({@code norrort.live.streams}). */
    private static final AtomicInteger OPEN = new AtomicInteger();

    /** The number of live streams open on this instance now. */
    public static int open() {
        return OPEN.get();
    }

    private LiveStreams() {}

    /**
     * The current state followed by every later change, each once and in position order, as SSE with
     * {@code id:} = position; states at or below {@code lastEventId} are left out. The live changes are subscribed
     * together with the read of the current state, so a change between the two is not lost. A comment every 15 s
     * keeps idle connections open; the stream opens with a comment.
     */
    public static Flux<ServerSentEvent<Document>> states(
            Flux<ViewChangeHub.Change> current,
            Flux<ViewChangeHub.Change> live,
            Long lastEventId,
            Function<Document, Document> body) {
        return Flux.defer(() -> {
            AtomicLong last = new AtomicLong(lastEventId == null ? -1 : lastEventId);
            return ordered(Flux.merge(current, live).filter(c -> advance(last, c.position())), body);
        });
    }

    /**
     * States a caller has already put in order (and left out what the client has seen), as SSE with {@code id:} =
     * position, with the opening comment and the keep-alive comments of {@link #states}. For a view whose stream
     * decides itself which states are new (the municipality view's states are assembled per subscriber).
     */
    public static Flux<ServerSentEvent<Document>> ordered(
            Flux<ViewChangeHub.Change> ordered, Function<Document, Document> body) {
        return Flux.defer(() -> {
            Flux<ServerSentEvent<Document>> states = ordered.map(c -> ServerSentEvent.builder(body.apply(c.document()))
                    .id(Long.toString(c.position()))
                    .event(c.view())
                    .build());
            // The stream ends when the live changes end (the instance shuts down: ViewChangeHub completes them), so a
            // stop does not wait for open streams; the client reconnects with Last-Event-ID to another instance.
            Sinks.One<Boolean> ended = Sinks.one();
            Flux<ServerSentEvent<Document>> heartbeats = Flux.interval(HEARTBEAT)
                    .map(i -> ServerSentEvent.<Document>builder()
                            .comment("keep-alive")
                            .build())
                    .takeUntilOther(ended.asMono());
            // An opening comment sends the response headers at once, even when no newer state exists yet.
            return Flux.merge(states.doFinally(signal -> ended.tryEmitValue(true)), heartbeats)
                    .startWith(ServerSentEvent.<Document>builder()
                            .comment("subscribed")
                            .build())
                    .doOnSubscribe(s -> OPEN.incrementAndGet())
                    .doFinally(signal -> OPEN.decrementAndGet());
        });
    }

    private static boolean advance(AtomicLong last, long position) {
        while (true) {
            long seen = last.get();
            if (position <= seen) {
                return false;
            }
            if (last.compareAndSet(seen, position)) {
                return true;
            }
        }
    }
}
