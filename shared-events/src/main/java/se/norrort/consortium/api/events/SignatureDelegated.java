package se.norrort.consortium.api.events;

import java.time.LocalDate;
import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.PersonId;

/**
 * A municipality delegated (delegerade) the signing of its cooperation form to a named person in a named role, by a
 * committee decision. The delegate's name and role are recorded because the decision itself records them.
 *
 * @param applicationId the application
 * @param delegationId the delegation
 * @param municipality the delegating municipality
 * @param decision the committee decision that delegates
 * @param delegate the person who may sign
 * @param delegateName the delegate's name, e.g. Britt-Marie Ekström
 * @param delegateRole the delegate's role, e.g. socialdirektör (director of social services)
 * @param scope what the delegate may do, in the decision's words
 * @param validUntil last day the delegation may be used; null when open-ended
 */
@EventType("SignatureDelegated")
public record SignatureDelegated(
        ApplicationId applicationId,
        DelegationId delegationId,
        MunicipalityCode municipality,
        DecisionReference decision,
        PersonId delegate,
        String delegateName,
        String delegateRole,
        String scope,
        LocalDate validUntil)
        implements ConsortiumEvent {}
