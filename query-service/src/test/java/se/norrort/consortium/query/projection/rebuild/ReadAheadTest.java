package se.norrort.consortium.query.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

    private static TrackedEventMessage<?> message(int position) {
        return new GenericTrackedEventMessage<>(
                new GlobalSequenceTrackingToken(position),
                GenericEventMessage.asEventMessage("not an event " + position));
    }

    @Test
    void givenMoreEventsThanItMayHold_thenEachComesOutOnceInTheLogsOrderWithItsToken() {
        List<Long> positions = new ArrayList<>();
        try (ReadAhead read =
                new ReadAhead(() -> IntStream.rangeClosed(1, 1_000).mapToObj(ReadAheadTest::message), 7)) {
            while (read.hasNext()) {
                ReadAhead.Read next = read.next();
                assertThat(next.event()).isEmpty(); // no consortium event
                positions.add(((GlobalSequenceTrackingToken) next.token()).getGlobalIndex());
            }
        }
        assertThat(positions).hasSize(1_000).isSorted().doesNotHaveDuplicates();
        assertThat(positions.get(999)).isEqualTo(1_000);
    }

    @Test
    void givenTheLogFailsHalfWay_thenTheEventsBeforeComeOut_andThenTheFailure() {
        Stream<TrackedEventMessage<?>> failing = IntStream.rangeClosed(1, 5).mapToObj(i -> {
            if (i == 4) {
                throw new IllegalStateException("store down");
            }
            return message(i);
        });
        try (ReadAhead read = new ReadAhead(() -> failing, 100)) {
            for (int i = 1; i <= 3; i++) {
                assertThat(((GlobalSequenceTrackingToken) read.next().token()).getGlobalIndex())
                        .isEqualTo(i);
            }
            assertThatThrownBy(read::hasNext)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("store down");
        }
    }

    @Test
    void givenTheReplayStopsEarly_whenClosed_thenTheReaderStopsAndClosesTheLogsStream() throws InterruptedException {
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        ReadAhead read = new ReadAhead(
                () -> IntStream.iterate(1, i -> i + 1)
                        .mapToObj(ReadAheadTest::message)
                        .onClose(closed::countDown),
                10);
        assertThat(read.next()).isNotNull();
        read.close();
        assertThat(closed.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
}
