package se.norrort.consortium.command.web.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import se.norrort.consortium.security.Problems;
import se.norrort.consortium.security.RequestPaths;

/**
 * {@code Idempotency-Key} on every command ({@code POST}): the first request with a key is handled and its answer
 * (status, {@code Location}, {@code ETag}, body; refusals included) is stored before it is sent; a retry with the
 * same key and the same request gets that answer again ({@code Idempotent-Replayed: true}) and decides nothing; the
 * same key with a different request is refused with 422; a retry while the first is still being handled gets 409.
 * An answer of 5xx, 429 or 503 is not stored, so the request may be retried. Keys are scoped per actor (token
 * subject).
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

    public IdempotencyFilter(
            IdempotencyStore store,
            @Value("${norrort.documents.max-size:20MB}") DataSize maxDocumentSize,
            @Value("${norrort.idempotency.max-buffered:64MB}") DataSize maxBuffered) {
        this.store = store;
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
            return problem(
                    exchange.getResponse(),
                    HttpStatus.BAD_REQUEST,
                    "INVALID_IDEMPOTENCY_KEY",
                    "Invalid Idempotency-Key",
                    "An Idempotency-Key is 1 to " + MAX_KEY_LENGTH + " characters.");
        }
        String path = RequestPaths.normalized(request);
        long limit = path.endsWith("/documents") ? maxDocumentRequestBytes : MAX_COMMAND_BODY_BYTES;
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            return tooLarge(exchange.getResponse(), limit);
        }
        long reserved = declared >= 0 ? declared : limit;
        if (!reserve(reserved)) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return problem(
                    exchange.getResponse(),
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "SERVER_BUSY",
                    "Server busy",
                    "Too many large requests are being handled at once; retry shortly.");
        }
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(c -> c.getAuthentication() == null
                        ? null
                        : c.getAuthentication().getName())
                .defaultIfEmpty("-")
                .flatMap(actor -> remembered(actor + "|" + key, path, limit, exchange, chain))
                .doFinally(signal -> buffered.addAndGet(-reserved));
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
        return problem(
                response,
                HttpStatus.CONTENT_TOO_LARGE,
                "PAYLOAD_TOO_LARGE",
                "Request too large",
                "The request body is larger than this endpoint accepts (" + limit + " bytes).");
    }

    private Mono<Void> remembered(
            String scope, String path, long limit, ServerWebExchange exchange, WebFilterChain chain) {
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
                            .flatMap(outcome -> handle(outcome, scope, body, exchange, chain));
                });
    }

    private Mono<Void> handle(
            IdempotencyStore.Outcome outcome,
            String scope,
            byte[] body,
            ServerWebExchange exchange,
            WebFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        if (outcome instanceof IdempotencyStore.Replay replay) {
            response.setRawStatusCode(replay.response().status());
            replay.response()
                    .headers()
                    .forEach((name, value) -> response.getHeaders().set(name, value));
            response.getHeaders().set("Idempotent-Replayed", "true");
            return response.writeWith(
                    Mono.just(response.bufferFactory().wrap(replay.response().body())));
        }
        if (outcome instanceof IdempotencyStore.Mismatch) {
            return problem(
                    response,
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "IDEMPOTENCY_KEY_REUSED",
                    "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different"
                            + " request. Use a new key for a new request.");
        }
        if (outcome instanceof IdempotencyStore.InProgress) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return problem(
                    response,
                    HttpStatus.CONFLICT,
                    "REQUEST_IN_PROGRESS",
                    "Request in progress",
                    "A request with this Idempotency-Key is still being handled; retry shortly.");
        }
        ServerWebExchange recording = exchange.mutate()
                .request(new ServerHttpRequestDecorator(exchange.getRequest()) {
                    @Override
                    public Flux<DataBuffer> getBody() {
                        return Flux.defer(
                                () -> Flux.just(response.bufferFactory().wrap(body)));
                    }
                })
                .response(new Recorder(response, scope))
                .build();
        return chain.filter(recording)
                .onErrorResume(e -> Mono.fromRunnable(() -> store.abandon(scope))
                        .subscribeOn(Schedulers.boundedElastic())
                        .then(Mono.error(e)));
    }

    /** Stores the answer before it is written. */
    private final class Recorder extends ServerHttpResponseDecorator {

        private final String scope;

        Recorder(ServerHttpResponse delegate, String scope) {
            super(delegate);
            this.scope = scope;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return DataBufferUtils.join(Flux.from(body))
                    .defaultIfEmpty(bufferFactory().wrap(new byte[0]))
                    .flatMap(buffer -> {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        DataBufferUtils.release(buffer);
                        int status =
                                getStatusCode() == null ? 200 : getStatusCode().value();
                        Mono<Void> remember = Mono.fromRunnable(() -> {
                                    if (status >= 500 || status == 429) {
                                        store.abandon(scope);
                                    } else {
                                        Map<String, String> headers = new LinkedHashMap<>();
                                        REPLAYED_HEADERS.forEach(h -> {
                                            String v = getHeaders().getFirst(h);
                                            if (v != null) {
                                                headers.put(h, v);
                                            }
                                        });
                                        store.complete(
                                                scope, new IdempotencyStore.StoredResponse(status, headers, bytes));
                                    }
                                })
                                .subscribeOn(Schedulers.boundedElastic())
                                .then();
                        return remember.then(
                                super.writeWith(Mono.just(bufferFactory().wrap(bytes))));
                    });
        }
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

    private static Mono<Void> problem(
            ServerHttpResponse response, HttpStatus status, String code, String title, String detail) {
        return Problems.write(response, status, code, title, detail);
    }
}
