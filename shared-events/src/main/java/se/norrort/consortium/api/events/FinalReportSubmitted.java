package se.norrort.consortium.api.events;

import java.time.LocalDate;
import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DocumentId;

/**
 * The project owner submitted the final report (slutredovisning).
 *
 * @param applicationId the application
 * @param dueDate the date it was due
 * @param usedAmountSek the funds used in all, whole kronor
 * @param reportDocument the attached report document; may be null
 */
@EventType("FinalReportSubmitted")
public record FinalReportSubmitted(
        ApplicationId applicationId, LocalDate dueDate, long usedAmountSek, DocumentId reportDocument)
        implements ConsortiumEvent {}
