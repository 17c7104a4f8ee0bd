package se.norrort.consortium.query.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A stopping instance removes its record, but not at any price: when the store has gone first (at the end of a test
 * run, or a store outage during a shutdown), the stop gives up after {@link SegmentBalancer#STOP_TIMEOUT} instead of
 * waiting the driver's whole server selection timeout (30 s), which held up the JVM's exit.
 */
class SegmentBalancerStopTest {

    @Test
    void givenTheStoreIsGone_whenTheBalancerStops_thenItReturnsWithinItsTimeout() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (MongoClient client = MongoClients.create(new ConnectionString("mongodb://127.0.0.1:" + closedPort))) {
            SegmentBalancer balancer = new SegmentBalancer(
                    null, null, client.getDatabase("norrort"), Duration.ofSeconds(5), Duration.ofSeconds(15));
            balancer.start();

            long started = System.nanoTime();
            balancer.stop();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(SegmentBalancer.STOP_TIMEOUT.plusSeconds(5));
            assertThat(balancer.isRunning()).isFalse();
        }
    }
}
