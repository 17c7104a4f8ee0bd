package se.norrort.consortium.api.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * Revokes a signing delegation: the committee takes the delegated power back. Signatures already made under it stay
 * valid.
 *
 * @param municipality the municipality that delegated
 * @param reason       why, in words
 */
public record RevokeSignatureDelegation(
        @TargetAggregateIdentifier ApplicationId applicationId,
        DelegationId delegationId,
        MunicipalityCode municipality,
        String reason,
        Actor actor) {

    public RevokeSignatureDelegation {
        Require.present(applicationId, "Application id");
        Require.present(delegationId, "Delegation id");
        Require.present(municipality, "Municipality");
        reason = Require.text(reason, "Reason");
        Require.present(actor, "Actor");
    }
}
