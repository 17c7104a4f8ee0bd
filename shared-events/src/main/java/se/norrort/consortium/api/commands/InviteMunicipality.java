package se.norrort.consortium.api.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * Invites a municipality to join the application. Only officers of the project owner invite.
 */
public record InviteMunicipality(
        @TargetAggregateIdentifier ApplicationId applicationId, MunicipalityCode municipality, Actor actor) {

    public InviteMunicipality {
        Require.present(applicationId, "Application id");
        Require.present(municipality, "Municipality");
        Require.present(actor, "Actor");
    }
}
