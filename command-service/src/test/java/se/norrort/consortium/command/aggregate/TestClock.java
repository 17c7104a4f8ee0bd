package se.norrort.consortium.command.aggregate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test sets, injected into the aggregate's handlers as their {@link Clock}. Unlike {@code Clock.fixed}
 * it can be moved between the given commands of one fixture run, so a story can take months.
 */
final class TestClock extends Clock {

    private volatile Instant now;

    TestClock(Instant now) {
        this.now = now;
    }

    /** Sets the clock to ten in the morning of the given business date in Europe/Stockholm. */
    TestClock setToday(LocalDate today) {
        now = today.atTime(LocalTime.of(10, 0))
                .atZone(ConsortiumApplication.BUSINESS_ZONE)
                .toInstant();
        return this;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
