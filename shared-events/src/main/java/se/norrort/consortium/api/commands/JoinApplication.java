package se.norrort.consortium.api.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * Records that a municipality takes part in the application, backed by the decision of one of its committees (e.g.
 * Socialnämnden in Danderyd deciding "Nämnden ska delta i ansökan", the committee shall take part in the application).
 *
 * @param decision the committee decision that backs the join
 */
public record JoinApplication(
        @TargetAggregateIdentifier ApplicationId applicationId,
        MunicipalityCode municipality,
        DecisionReference decision,
        Actor actor) {

    public JoinApplication {
        Require.present(applicationId, "Application id");
        Require.present(municipality, "Municipality");
        Require.present(decision, "Decision reference");
        Require.present(actor, "Actor");
    }
}
