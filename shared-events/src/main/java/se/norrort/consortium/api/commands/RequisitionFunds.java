package se.norrort.consortium.api.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;

/**
 * The project owner requisitions (rekvirerar) part or all of the granted funds.
 *
 * @param amountSek the amount requisitioned now, whole kronor
 */
public record RequisitionFunds(@TargetAggregateIdentifier ApplicationId applicationId, long amountSek, Actor actor) {

    public RequisitionFunds {
        Require.present(applicationId, "Application id");
        Require.present(actor, "Actor");
    }
}
