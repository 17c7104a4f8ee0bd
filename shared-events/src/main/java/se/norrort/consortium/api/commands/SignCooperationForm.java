package se.norrort.consortium.api.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * Signs a joined municipality's cooperation form (samverkansblankett, the partner certificate that confirms its
 * participation). The signatory is the actor; they must be the delegate of an active delegation of that municipality.
 *
 * @param municipality the municipality whose form is signed
 * @param delegationId the delegation used; null to let the application pick the signatory's active delegation
 */
public record SignCooperationForm(
        @TargetAggregateIdentifier ApplicationId applicationId,
        MunicipalityCode municipality,
        DelegationId delegationId,
        Actor actor) {

    public SignCooperationForm {
        Require.present(applicationId, "Application id");
        Require.present(municipality, "Municipality");
        Require.present(actor, "Actor");
    }
}
