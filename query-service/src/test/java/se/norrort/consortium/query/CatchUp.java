package se.norrort.consortium.query;

import java.time.Duration;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Reads with {@code ?minPosition=} for tests that are about the answer, not about the wait: right after the
 * application context starts (or on a loaded build machine) the processors may need longer than the endpoint's
 * bounded wait, which then answers 503. This asks again until the view has caught up (at most 30 s), then returns
 * the exchange to assert on.
 */
public final class CatchUp {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private CatchUp() {}

    public static WebTestClient.ResponseSpec get(WebTestClient web, String uri) {
        WebTestClient patient =
                web.mutate().responseTimeout(Duration.ofSeconds(15)).build();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline
                && patient.get()
                                .uri(uri)
                                .exchange()
                                .returnResult(Void.class)
                                .getStatus()
                                .value()
                        == 503) {
            Thread.onSpinWait();
        }
        return patient.get().uri(uri).exchange();
    }
}
