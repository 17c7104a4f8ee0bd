package se.norrort.consortium.api.events;

import java.time.LocalDate;
import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;

/**
 * The funder rejected the application (avslag).
 *
 * @param applicationId the application
 * @param caseNumber the funder's case number (diarienummer)
 * @param decisionDate the date of the funder's decision
 * @param reason the grounds, in words
 */
@EventType("ApplicationRejected")
public record ApplicationRejected(ApplicationId applicationId, String caseNumber, LocalDate decisionDate, String reason)
        implements ConsortiumEvent {}
