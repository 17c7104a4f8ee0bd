package se.norrort.consortium.query.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.query.projection.rebuild.RebuildProgress.State;

/** given(progress) → then(rate, estimate, body). */
class RebuildProgressTest {

    private static final Instant START = Instant.parse("2024-03-01T10:00:00Z");

    @Test
    void givenHalfTheLogReplayedInTenSeconds_thenTheRateIsPerSecondAndTheEstimateIsTheRestAtThatRate() {
        RebuildProgress progress =
                new RebuildProgress("membership", State.REPLAYING, START, 500, 500, 1000, null, null, null, null);

        Instant now = START.plusSeconds(10);
        assertThat(progress.ratePerSecond(now)).isEqualTo(50.0);
        assertThat(progress.etaSeconds(now)).isEqualTo(10);
        assertThat(progress.percent()).isEqualTo(50.0);
        Document body = progress.body(now);
        assertThat(body.getString("state")).isEqualTo("REPLAYING");
        assertThat(body.get("eventsDone")).isEqualTo(500L);
        assertThat(body.get("total")).isEqualTo(1000L);
        assertThat(body.get("etaSeconds")).isEqualTo(10L);
        assertThat(body.getString("startedAt")).isEqualTo("2024-03-01T10:00:00Z");
    }

    @Test
    void givenARebuildJustStarted_thenRateAndEstimateAreUnknownRatherThanInfinite() {
        RebuildProgress progress =
                new RebuildProgress("membership", State.REPLAYING, START, 0, 0, 1000, 100, null, null, null);

        assertThat(progress.ratePerSecond(START)).isNull();
        assertThat(progress.etaSeconds(START)).isNull();
        assertThat(progress.etaSeconds(START.plusSeconds(1))).isNull();
        assertThat(progress.body(START).get("maxRate")).isEqualTo(100);
    }

    @Test
    void givenAFinishedRebuild_thenTheRateIsOverItsRunAndNothingIsLeft() {
        RebuildProgress done = new RebuildProgress(
                "audit-trail",
                State.DONE,
                START,
                300,
                300,
                300,
                null,
                START.plusSeconds(3),
                START.plusSeconds(3),
                null);

        assertThat(done.ratePerSecond(START.plusSeconds(60))).isEqualTo(100.0);
        assertThat(done.etaSeconds(START.plusSeconds(60))).isZero();
        assertThat(done.percent()).isEqualTo(100.0);
        assertThat(done.state().running()).isFalse();
    }

    @Test
    void givenAFailedRebuild_thenNoEstimateAndTheErrorIsShown() {
        RebuildProgress failed = new RebuildProgress(
                "municipality", State.FAILED, START, 10, 10, 300, null, null, START.plusSeconds(1), "boom");

        assertThat(failed.etaSeconds(START.plusSeconds(2))).isNull();
        assertThat(failed.body(START.plusSeconds(2)).getString("error")).isEqualTo("boom");
        assertThat(failed.percent()).isEqualTo(3.3);
    }

    @Test
    void givenAFailure_thenTheErrorNamesItsKindButNoExceptionClass() {
        assertThat(RebuildStopped.describe(new RebuildStopped("The service is shutting down")))
                .isEqualTo("The service is shutting down");
        assertThat(RebuildStopped.describe(new com.mongodb.MongoTimeoutException("Timed out after 30000 ms while"
                        + " waiting for a server that matches WritableServerSelector")))
                .isEqualTo("The store refused or did not answer a request; the query-service log has the details");
        assertThat(RebuildStopped.describe(new NullPointerException("Cannot invoke \"org.bson.Document.get\"")))
                .isEqualTo("An unexpected error stopped the rebuild; the query-service log has the details");
    }

    @Test
    void givenNoRebuild_thenIdle() {
        Document body = RebuildProgress.idle("membership").body(START);

        assertThat(body.getString("state")).isEqualTo("IDLE");
        assertThat(body.get("ratePerSecond")).isNull();
        assertThat(body.get("etaSeconds")).isNull();
    }
}
