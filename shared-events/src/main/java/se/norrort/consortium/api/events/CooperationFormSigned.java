package se.norrort.consortium.api.events;

import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.PersonId;

/**
 * A municipality's cooperation form (samverkansblankett) was signed by the delegate of an active delegation. The
 * signatory's name and role are recorded because the signature itself records them.
 *
 * @param applicationId the application
 * @param municipality the municipality whose form was signed
 * @param signatory who signed
 * @param signatoryName the signatory's name
 * @param signatoryRole the signatory's role, e.g. socialdirektör
 * @param delegationId the delegation used
 */
@EventType("CooperationFormSigned")
public record CooperationFormSigned(
        ApplicationId applicationId,
        MunicipalityCode municipality,
        PersonId signatory,
        String signatoryName,
        String signatoryRole,
        DelegationId delegationId)
        implements ConsortiumEvent {}
