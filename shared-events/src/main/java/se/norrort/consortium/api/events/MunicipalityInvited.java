package se.norrort.consortium.api.events;

import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * A municipality was invited to join the application.
 *
 * @param applicationId the application
 * @param municipality the invited municipality
 */
@EventType("MunicipalityInvited")
public record MunicipalityInvited(ApplicationId applicationId, MunicipalityCode municipality)
        implements ConsortiumEvent {}
