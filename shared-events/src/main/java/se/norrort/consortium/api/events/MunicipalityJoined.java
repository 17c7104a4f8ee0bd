package se.norrort.consortium.api.events;

import java.time.LocalDate;
import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * A municipality joined the application, backed by a decision of one of its committees.
 *
 * @param applicationId the application
 * @param municipality the joining municipality
 * @param decision the committee decision that backs the join
 * @param appealDeadline last day to appeal that decision (announcement date plus three weeks)
 */
@EventType("MunicipalityJoined")
public record MunicipalityJoined(
        ApplicationId applicationId,
        MunicipalityCode municipality,
        DecisionReference decision,
        LocalDate appealDeadline)
        implements ConsortiumEvent {}
