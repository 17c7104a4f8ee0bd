package se.norrort.consortium.security;

import java.io.ByteArrayOutputStream;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A response that goes nowhere: what is written to it is kept in memory. The command-service's {@code Idempotency-Key}
 * filter has a handler write its answer here, stores it and passes it on to the client if the client still waits, so
 * that a command's handling can outlive the client's wait and still record its answer; tests read problems from it.
 */
public final class BufferedResponse extends AbstractServerHttpResponse {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    public BufferedResponse(DataBufferFactory buffers) {
        super(buffers);
    }

    /** The body written so far (all of it once the handling completed). */
    public synchronized byte[] body() {
        return body.toByteArray();
    }

    @Override
    public <T> T getNativeResponse() {
        throw new UnsupportedOperationException("A detached response has no native response.");
    }

    @Override
    protected Mono<Void> writeWithInternal(Publisher<? extends DataBuffer> written) {
        return Flux.from(written)
                .doOnNext(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    synchronized (this) {
                        body.writeBytes(bytes);
                    }
                })
                .then();
    }

    @Override
    protected Mono<Void> writeAndFlushWithInternal(Publisher<? extends Publisher<? extends DataBuffer>> written) {
        return Flux.from(written).concatMap(this::writeWithInternal).then();
    }

    @Override
    protected void applyStatusCode() {}

    @Override
    protected void applyHeaders() {}

    @Override
    protected void applyCookies() {}
}
