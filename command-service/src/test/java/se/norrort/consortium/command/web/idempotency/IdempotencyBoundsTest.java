package se.norrort.consortium.command.web.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.norrort.consortium.command.web.CommandDispatcher;

/**
 * A command whose answer the key's filter records is awaited for less time than a retry waits before it takes the
 * key over as abandoned: otherwise a retry could run the command again while the first handling still goes on.
 */
class IdempotencyBoundsTest {

    @Test
    void theOutcomeIsAwaitedForLessThanAPendingKeyTakesToGoStale() {
        assertThat(CommandDispatcher.OUTCOME_WAIT)
                .as("outcome wait below the stale-key takeover, with a margin for the answer to be stored")
                .isLessThanOrEqualTo(IdempotencyStore.STALE_PENDING.minusSeconds(10));
    }
}
