package se.norrort.consortium.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class ViewChangeHubTest {

    @Test
    void givenFourThreadsPublishingAtOnce_thenASubscriberReceivesEveryChange() throws Exception {
        ViewChangeHub changes = new ViewChangeHub();
        AtomicInteger received = new AtomicInteger();
        var subscription = changes.of("v").subscribe(c -> received.incrementAndGet());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            pool.submit(() -> {
                start.await();
                for (int i = 0; i < 5_000; i++) {
                    changes.published("v", "k" + thread, i, new Document());
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        subscription.dispose();

        assertThat(received.get()).isEqualTo(20_000);
    }
}
