package se.norrort.consortium.api.events;

import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * A joined municipality withdrew from the application before it was submitted.
 *
 * @param applicationId the application
 * @param municipality the withdrawing municipality
 * @param reason why, in words
 * @param decision the committee decision, if any; may be null
 */
@EventType("MunicipalityWithdrew")
public record MunicipalityWithdrew(
        ApplicationId applicationId, MunicipalityCode municipality, String reason, DecisionReference decision)
        implements ConsortiumEvent {}
