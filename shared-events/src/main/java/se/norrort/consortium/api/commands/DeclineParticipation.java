package se.norrort.consortium.api.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * Records that an invited municipality does not take part.
 *
 * @param reason   why, in words
 * @param decision the committee decision, if the municipality decided formally; may be null
 */
public record DeclineParticipation(
        @TargetAggregateIdentifier ApplicationId applicationId,
        MunicipalityCode municipality,
        String reason,
        DecisionReference decision,
        Actor actor) {

    public DeclineParticipation {
        Require.present(applicationId, "Application id");
        Require.present(municipality, "Municipality");
        reason = Require.text(reason, "Reason");
        Require.present(actor, "Actor");
    }
}
