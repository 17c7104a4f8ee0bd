package se.norrort.consortium.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Live writes of a view pass together, wait while a rebuild holds the gate, and go on after it. */
class ViewGateTest {

    /**
     * Threads of the test's own: the common pool has one thread on a 2-core machine, and on newer JDKs
     * CompletableFuture then queues tasks that must run at the same time behind each other.
     */
    private static final java.util.concurrent.ExecutorService THREADS =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "view-gate-test");
                t.setDaemon(true);
                return t;
            });

    private static <T> CompletableFuture<T> supply(java.util.function.Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, THREADS);
    }

    private static CompletableFuture<Void> run(Runnable task) {
        return CompletableFuture.runAsync(task, THREADS);
    }

    private final ViewGate gate = new ViewGate();

    @Test
    void givenTwoLiveWriters_thenTheyPassAtTheSameTime() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        CompletableFuture<Boolean> first = supply(() -> passTogether(both));
        CompletableFuture<Boolean> second = supply(() -> passTogether(both));

        assertThat(first.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void givenARebuildHoldingTheGate_whenAnEventArrives_thenItsWriteWaitsUntilTheSwapIsDone() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> rebuild = run(() -> gate.exclusively("membership", () -> {
            holding.countDown();
            await(release);
            order.add("swapped");
            return null;
        }));
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.closed("membership")).isTrue();

        CompletableFuture<Void> write = run(() -> gate.pass("membership", () -> order.add("written")));
        CompletableFuture<Void> otherView = run(() -> gate.pass("audit-trail", () -> order.add("other")));
        otherView.get(5, TimeUnit.SECONDS);
        Thread.sleep(200);
        assertThat(write).isNotDone();

        release.countDown();
        rebuild.get(5, TimeUnit.SECONDS);
        write.get(5, TimeUnit.SECONDS);
        assertThat(order).containsExactly("other", "swapped", "written");
        assertThat(gate.closed("membership")).isFalse();
    }

    private boolean passTogether(CountDownLatch both) {
        boolean[] met = new boolean[1];
        gate.pass("membership", () -> {
            both.countDown();
            try {
                met[0] = both.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return met[0];
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
