package se.norrort.consortium.api.commands;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.PersonId;

/**
 * Records that a municipality delegates (delegerar) the signing of its cooperation form (samverkansblankett) for
 * this application to a named person in a named role, by a committee decision. A committee may delegate to an
 * employee, never to a group.
 *
 * @param delegationId the new delegation's id
 * @param municipality the delegating municipality
 * @param decision     the committee decision that delegates, e.g. Socialnämnden Danderyd, § 45, justerad omedelbart
 * @param delegate     the person who may sign
 * @param delegateName the delegate's name as the decision records it, e.g. "Britt-Marie Ekström"
 * @param delegateRole the delegate's role as the decision records it, e.g. "socialdirektör" (director of social services)
 * @param scope        what the delegate may do, in the decision's words
 * @param validUntil   last day the delegation may be used; null when the decision sets no end
 */
public record DelegateSignature(
        @TargetAggregateIdentifier ApplicationId applicationId,
        DelegationId delegationId,
        MunicipalityCode municipality,
        DecisionReference decision,
        PersonId delegate,
        String delegateName,
        String delegateRole,
        String scope,
        LocalDate validUntil,
        Actor actor) {

    public DelegateSignature {
        Require.present(applicationId, "Application id");
        Require.present(delegationId, "Delegation id");
        Require.present(municipality, "Municipality");
        Require.present(decision, "Decision reference");
        Require.present(delegate, "Delegate");
        delegateName = Require.name(delegateName, "Delegate name");
        delegateRole = Require.name(delegateRole, "Delegate role");
        scope = Require.text(scope, "Scope");
        Require.present(actor, "Actor");
    }
}
