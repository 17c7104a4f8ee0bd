package se.norrort.consortium.api.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * Withdraws a joined municipality from the application (possible only before submission).
 *
 * @param reason   why, in words
 * @param decision the committee decision behind the withdrawal, if any; may be null
 */
public record WithdrawFromApplication(
        @TargetAggregateIdentifier ApplicationId applicationId,
        MunicipalityCode municipality,
        String reason,
        DecisionReference decision,
        Actor actor) {

    public WithdrawFromApplication {
        Require.present(applicationId, "Application id");
        Require.present(municipality, "Municipality");
        reason = Require.text(reason, "Reason");
        Require.present(actor, "Actor");
    }
}
