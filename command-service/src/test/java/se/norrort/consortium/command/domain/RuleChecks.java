package se.norrort.consortium.command.domain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.DocumentAttached;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.DocumentKind;
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

    /** A document of the whole application (a small PDF) attached under {@code documentId}. */
    public static DocumentAttached attached(ApplicationId application, String documentId) {
        return new DocumentAttached(
                application,
                new DocumentId(documentId),
                DocumentKind.OTHER,
                null,
                documentId + ".pdf",
                "application/pdf",
                1,
                "0f".repeat(32));
    }
}
