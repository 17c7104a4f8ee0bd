package se.norrort.consortium.api.events;

import java.time.LocalDate;
import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.ReportKind;

/**
 * A report's due date passed without the report.
 *
 * @param applicationId the application
 * @param report which report
 * @param dueDate the date it was due
 */
@EventType("ReportOverdue")
public record ReportOverdue(ApplicationId applicationId, ReportKind report, LocalDate dueDate)
        implements ConsortiumEvent {}
