package se.norrort.consortium.command.aggregate;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import se.norrort.consortium.command.domain.DomainRuleViolation;
import se.norrort.consortium.command.domain.ErrorCode;

/**
 * A fixture for {@link ConsortiumApplication} with an injected {@link TestClock}. Every test starts at a known date:
 * the fixture's own time (which drives deadlines) and the handlers' clock agree.
 */
abstract class ConsortiumApplicationTestBase {

    protected AggregateTestFixture<ConsortiumApplication> fixture;
    protected TestClock clock;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(ConsortiumApplication.class);
        clock = new TestClock(Instant.EPOCH).setToday(Story.TODAY);
        fixture.registerInjectableResource(clock);
    }

    /** The given events, on {@link Story#TODAY}. */
    protected TestExecutor<ConsortiumApplication> given(Object... events) {
        return givenOn(Story.TODAY, events);
    }

    /** The given events, with "today" being the given date. */
    protected TestExecutor<ConsortiumApplication> givenOn(LocalDate today, Object... events) {
        clock.setToday(today);
        return fixture.givenCurrentTime(clock.instant()).andGiven(events);
    }

    /** No prior activity, on {@link Story#TODAY}. */
    protected TestExecutor<ConsortiumApplication> givenNothing() {
        clock.setToday(Story.TODAY);
        return fixture.givenCurrentTime(clock.instant());
    }

    /** Expects the command to be refused with the given code, and nothing to happen. */
    protected static void expectRefused(ResultValidator<ConsortiumApplication> result, ErrorCode code) {
        result.expectException(DomainRuleViolation.class)
                .expectException(Refusals.violation(code))
                .expectNoEvents();
    }
}
