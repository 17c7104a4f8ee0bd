package se.norrort.consortium.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CommandRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final CommandRateLimiter limiter = new CommandRateLimiter(2, now::get);

    @Test
    void givenTheLimitTaken_thenTheNextIsRefusedUntilTheBucketRefills() {
        assertThat(limiter.take("officer")).isTrue();
        assertThat(limiter.take("officer")).isTrue();
        assertThat(limiter.take("officer")).isFalse();
        now.addAndGet(30 * SECOND); // half a minute: one of two back
        assertThat(limiter.take("officer")).isTrue();
        assertThat(limiter.take("officer")).isFalse();
    }

    @Test
    void givenManyClientsThatWentAway_thenTheirBucketsAreForgottenAndACurrentOneKept() {
        for (int i = 0; i < 1_000; i++) {
            limiter.take("client-" + i);
        }
        assertThat(limiter.clients()).isEqualTo(1_000);
        now.addAndGet(50 * SECOND);
        limiter.take("current");
        now.addAndGet(20 * SECOND); // the others idle 70 s, "current" 20 s
        limiter.take("current");

        assertThat(limiter.clients()).isEqualTo(1);
        assertThat(limiter.take("current"))
                .as("its bucket kept: one of two left")
                .isFalse();
    }
}
