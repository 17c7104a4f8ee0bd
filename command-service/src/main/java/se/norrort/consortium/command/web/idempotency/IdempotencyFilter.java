package se.norrort.consortium.command.web.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import se.norrort.consortium.command.web.CommandDispatcher;
import se.norrort.consortium.command.web.EdgeErrorCode;
import se.norrort.consortium.security.BufferedResponse;
import se.norrort.consortium.security.RequestCorrelation;
import se.norrort.consortium.security.RequestPaths;

/**
 * {@code Idempotency-Key} on every command ({@code POST}): the first request with a key is handled and its answer
 * (status, {@code Location}, {@code ETag}, body; refusals included) is stored before it is sent; a retry with the
 * same key and the same request gets that answer again ({@code Idempotent-Replayed: true}) and decides nothing; the
 * same key with a different request is refused with 422; a retry while the first is still being handled gets 409.
 * The handler writes into a {@link BufferedResponse}, and the answer is passed on from there: when the command is not
 * decided within {@code norrort.commands.answer-timeout} (15 s), the client gets 503 {@code TIMEOUT}, the command goes
 * on, and its eventual answer is stored under the key all the same, so a retry gets it and nothing is decided twice.
 * An answer of 5xx or 429 (nothing was decided) is not stored, so the request may be retried. Keys are scoped per
 * actor (token subject).
 * <p>
 * The body is buffered to fingerprint it, so it is bounded before anything is read: it runs after the rate limiter;
 * a document upload may carry at most the document size limit plus 1 MB, any other command
 * {@value #MAX_COMMAND_BODY_BYTES} bytes (the JSON codec's own limit); a {@code Content-Length} over that is refused
 * with 413 without reading the body, a chunked body when it passes the bound; and all requests being buffered at once
 * hold at most {@code norrort.idempotency.max-buffered} bytes (64 MB by default), beyond which a request gets 503
 * {@code SERVER_BUSY} with {@code Retry-After}. Paths are matched decoded ({@link RequestPaths}).
 */
@Component
public class IdempotencyFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;
    /** The largest JSON command body (Spring's codec refuses larger ones anyway). */
    public static final int MAX_COMMAND_BODY_BYTES = 256 * 1024;

    private static final long MULTIPART_ALLOWANCE_BYTES = 1024 * 1024;
    private static final List<String> REPLAYED_HEADERS =
            List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG, HttpHeaders.CONTENT_TYPE, HttpHeaders.RETRY_AFTER);

    private final IdempotencyStore store;
    private final long maxDocumentRequestBytes;
    private final long maxBufferedBytes;
    private final AtomicLong buffered = new AtomicLong();
    private final Duration answerTimeout;

    public IdempotencyFilter(
            IdempotencyStore store,
            CommandDispatcher dispatcher,
            @Value("${norrort.documents.max-size:20MB}") DataSize maxDocumentSize,
            @Value("${norrort.idempotency.max-buffered:64MB}") DataSize maxBuffered) {
        this.store = store;
        this.answerTimeout = dispatcher.answerTimeout();
        this.maxDocumentRequestBytes = maxDocumentSize.toBytes() + MULTIPART_ALLOWANCE_BYTES;
        this.maxBufferedBytes = maxBuffered.toBytes();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        String key = request.getHeaders().getFirst(HEADER);
        if (key == null || request.getMethod() != HttpMethod.POST || !RequestPaths.isApi(request)) {
            return chain.filter(exchange);
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            return EdgeErrorCode.INVALID_IDEMPOTENCY_KEY.write(
                    exchange.getResponse(), "An Idempotency-Key is 1 to " + MAX_KEY_LENGTH + " characters.");
        }
        String path = RequestPaths.normalized(request);
        long limit = path.endsWith("/documents") ? maxDocumentRequestBytes : MAX_COMMAND_BODY_BYTES;
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            return tooLarge(exchange.getResponse(), limit);
        }
        long reserved = declared >= 0 ? declared : limit;
        Reservation reservation = new Reservation(reserved);
        if (!reserve(reserved)) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return EdgeErrorCode.SERVER_BUSY.write(
                    exchange.getResponse(), "Too many large requests are being handled at once; retry shortly.");
        }
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(c -> c.getAuthentication() == null
                        ? null
                        : c.getAuthentication().getName())
                .defaultIfEmpty("-")
                .flatMap(actor -> remembered(actor + "|" + key, path, limit, reservation, exchange, chain))
                .doFinally(signal -> {
                    if (!reservation.handedOver) {
                        reservation.release();
                    }
                });
    }

    /** Bytes of request bodies held now against {@code norrort.idempotency.max-buffered}. */
    public long bufferedBytes() {
        return buffered.get();
    }

    private boolean reserve(long bytes) {
        while (true) {
            long now = buffered.get();
            if (now > 0 && now + bytes > maxBufferedBytes) {
                return false;
            }
            if (buffered.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    private static Mono<Void> tooLarge(ServerHttpResponse response, long limit) {
        return EdgeErrorCode.PAYLOAD_TOO_LARGE.write(
                response, "The request body is larger than this endpoint accepts (" + limit + " bytes).");
    }

    /**
     * A request's share of {@code norrort.idempotency.max-buffered}: given back once, when the client's request ends,
     * or, once handed over to a handling that may outlive it, when that handling ends (it holds the body until then).
     */
    private final class Reservation {
        private final long bytes;
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile boolean handedOver;

        Reservation(long bytes) {
            this.bytes = bytes;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                buffered.addAndGet(-bytes);
            }
        }
    }

    private Mono<Void> remembered(
            String scope,
            String path,
            long limit,
            Reservation reservation,
            ServerWebExchange exchange,
            WebFilterChain chain) {
        var request = exchange.getRequest();
        return DataBufferUtils.join(request.getBody(), (int) Math.min(Integer.MAX_VALUE, limit))
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .onErrorResume(
                        DataBufferLimitException.class,
                        e -> tooLarge(exchange.getResponse(), limit).then(Mono.<byte[]>empty()))
                .flatMap(body -> {
                    String fingerprint = fingerprint(path, request.getHeaders().getContentType(), body);
                    return Mono.fromCallable(() -> store.begin(scope, fingerprint))
                            .subscribeOn(Schedulers.boundedElastic())
                            .flatMap(outcome -> handle(outcome, scope, body, reservation, exchange, chain));
                });
    }

    private Mono<Void> handle(
            IdempotencyStore.Outcome outcome,
            String scope,
            byte[] body,
            Reservation reservation,
            ServerWebExchange exchange,
            WebFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        if (outcome instanceof IdempotencyStore.Replay replay) {
            IdempotencyStore.StoredResponse stored = replay.response();
            HttpHeaders headers = new HttpHeaders();
            stored.headers().forEach(headers::set);
            headers.set("Idempotent-Replayed", "true");
            return write(response, new Answer(stored.status(), headers, stored.body()));
        }
        if (outcome instanceof IdempotencyStore.Mismatch) {
            return EdgeErrorCode.IDEMPOTENCY_KEY_REUSED.write(
                    response,
                    "This Idempotency-Key was already used for a different"
                            + " request. Use a new key for a new request.");
        }
        if (outcome instanceof IdempotencyStore.InProgress) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return EdgeErrorCode.REQUEST_IN_PROGRESS.write(
                    response, "A request with this Idempotency-Key is still being handled; retry shortly.");
        }
        BufferedResponse detached = new BufferedResponse(response.bufferFactory());
        ServerWebExchange recording = exchange.mutate()
                .request(new ServerHttpRequestDecorator(exchange.getRequest()) {
                    @Override
                    public Flux<DataBuffer> getBody() {
                        return Flux.defer(
                                () -> Flux.just(response.bufferFactory().wrap(body)));
                    }
                })
                .response(detached)
                .build();
        recording.getAttributes().put(CommandDispatcher.ANSWER_RECORDED, Boolean.TRUE);
        reservation.handedOver = true;
        AtomicBoolean clientAnswered = new AtomicBoolean();
        return Mono.deferContextual(context -> {
            Mono<Answer> handled = chain.filter(recording)
                    .then(Mono.fromCallable(() -> answerOf(detached)))
                    .flatMap(answer -> record(scope, answer, recording).thenReturn(answer))
                    .onErrorResume(e -> Mono.fromRunnable(() -> store.abandon(scope))
                            .subscribeOn(Schedulers.boundedElastic())
                            .then(Mono.error(e)))
                    .doFinally(signal -> reservation.release())
                    .contextWrite(context)
                    .cache();
            // handled to its end and recorded whether the client still waits or not; a failure the client no longer
            // hears of is logged here (one it hears of goes to the error handlers)
            handled.subscribe(answer -> {}, error -> {
                if (clientAnswered.get()) {
                    RequestCorrelation.inLogs(
                            exchange,
                            () -> log.warn(
                                    "A command answered TIMEOUT failed afterwards; its key was forgotten", error));
                }
            });
            return handled.map(Optional::of)
                    .timeout(answerTimeout, Mono.just(Optional.empty()))
                    .flatMap(answer -> {
                        if (answer.isPresent()) {
                            return write(response, answer.get());
                        }
                        clientAnswered.set(true);
                        return stillRunning(response);
                    });
        });
    }

    /** A handler's answer: what the client gets, and (some headers less) what a retry gets. */
    private record Answer(int status, HttpHeaders headers, byte[] body) {}

    private static Answer answerOf(BufferedResponse detached) {
        int status = detached.getStatusCode() == null
                ? 200
                : detached.getStatusCode().value();
        HttpHeaders headers = new HttpHeaders();
        detached.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)
                    && !name.equalsIgnoreCase(HttpHeaders.TRANSFER_ENCODING)) {
                headers.put(name, values);
            }
        });
        return new Answer(status, headers, detached.body());
    }

    /**
     * Stores the answer under the key, so that a retry gets it; forgets the key when the answer says nothing was
     * decided and a retry may be handled anew (5xx, 429); leaves it pending when the command's outcome is still
     * unknown (it was not decided within {@link CommandDispatcher#OUTCOME_WAIT}), until the key goes stale.
     */
    private Mono<Void> record(String scope, Answer answer, ServerWebExchange recording) {
        return Mono.fromRunnable(() -> {
                    if (recording.getAttribute(CommandDispatcher.OUTCOME_UNKNOWN) != null) {
                        return;
                    }
                    if (answer.status() >= 500 || answer.status() == 429) {
                        store.abandon(scope);
                        return;
                    }
                    Map<String, String> kept = new LinkedHashMap<>();
                    REPLAYED_HEADERS.forEach(h -> {
                        String v = answer.headers().getFirst(h);
                        if (v != null) {
                            kept.put(h, v);
                        }
                    });
                    store.complete(scope, new IdempotencyStore.StoredResponse(answer.status(), kept, answer.body()));
                })
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }

    private static Mono<Void> write(ServerHttpResponse response, Answer answer) {
        response.setRawStatusCode(answer.status());
        answer.headers().forEach((name, values) -> response.getHeaders().put(name, values));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body())));
    }

    /** The client waited the answer timeout; the command goes on, and its answer will be stored under the key. */
    private Mono<Void> stillRunning(ServerHttpResponse response) {
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return EdgeErrorCode.TIMEOUT.write(
                response,
                "The command was not decided within " + answerTimeout.toMillis() + " ms and is still being handled."
                        + " A retry with the same Idempotency-Key answers 409 REQUEST_IN_PROGRESS until it is"
                        + " decided, and then its answer; it is not decided twice.");
    }

    private static String fingerprint(String path, MediaType contentType, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(("POST " + path + "\n" + contentType + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
