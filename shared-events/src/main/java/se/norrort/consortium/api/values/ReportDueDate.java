package se.norrort.consortium.api.values;

import java.time.LocalDate;

/**
 * A report the funder requires, and the date it is due (a business date in Europe/Stockholm).
 *
 * @param report  which report
 * @param dueDate the last day to submit it
 */
public record ReportDueDate(ReportKind report, LocalDate dueDate) {

    public ReportDueDate {
        Identifiers.requireNonNull(report, "Report kind");
        Identifiers.requireNonNull(dueDate, "Report due date");
    }
}
