package se.norrort.consortium.api.events;

import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * A signing delegation was revoked. Signatures made under it before stay valid.
 *
 * @param applicationId the application
 * @param delegationId the revoked delegation
 * @param municipality the municipality that had delegated
 * @param reason why, in words
 */
@EventType("SignatureDelegationRevoked")
public record SignatureDelegationRevoked(
        ApplicationId applicationId, DelegationId delegationId, MunicipalityCode municipality, String reason)
        implements ConsortiumEvent {}
