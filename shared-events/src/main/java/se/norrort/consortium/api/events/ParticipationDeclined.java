package se.norrort.consortium.api.events;

import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * An invited municipality declined to take part.
 *
 * @param applicationId the application
 * @param municipality the declining municipality
 * @param reason why, in words
 * @param decision the committee decision, if any; may be null
 */
@EventType("ParticipationDeclined")
public record ParticipationDeclined(
        ApplicationId applicationId, MunicipalityCode municipality, String reason, DecisionReference decision)
        implements ConsortiumEvent {}
