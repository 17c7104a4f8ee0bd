package se.norrort.consortium.command.domain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.model.ApplicationState;

/** given(events) → when(check) → then(refusal) for the phases' rules, without Axon. */
public final class RuleChecks {

    private RuleChecks() {}

    /** The state after these events (the {@code Story}'s arrays hold events as {@code Object}). */
    public static ApplicationState given(Object... events) {
        return ApplicationState.replay(
                Arrays.stream(events).map(ConsortiumEvent.class::cast).toList());
    }

    /** The check refuses with {@code code} and a sentence for humans. */
    public static void assertRefused(ErrorCode code, ThrowingCallable check) {
        assertThatThrownBy(check).isInstanceOfSatisfying(DomainRuleViolation.class, violation -> {
            org.assertj.core.api.Assertions.assertThat(violation.code()).isEqualTo(code);
            org.assertj.core.api.Assertions.assertThat(violation.getMessage())
                    .isNotBlank()
                    .endsWith(".");
        });
    }
}
