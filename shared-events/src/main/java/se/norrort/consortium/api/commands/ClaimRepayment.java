package se.norrort.consortium.api.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;

/**
 * The funder claims repayment (återbetalning) of funds paid out but not used.
 *
 * @param amountSek the amount claimed, whole kronor
 * @param reason    why, in words
 */
public record ClaimRepayment(
        @TargetAggregateIdentifier ApplicationId applicationId, long amountSek, String reason, Actor actor) {

    public ClaimRepayment {
        Require.present(applicationId, "Application id");
        reason = Require.text(reason, "Reason");
        Require.present(actor, "Actor");
    }
}
