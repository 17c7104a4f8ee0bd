package se.norrort.consortium.api.events;

import java.time.LocalDate;
import java.util.List;
import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.ReportDueDate;

/**
 * The funder granted funds (beviljade), possibly less than applied for.
 *
 * @param applicationId the application
 * @param amountSek the granted amount, whole kronor
 * @param appliedAmountSek the amount applied for, whole kronor
 * @param caseNumber the funder's case number (diarienummer)
 * @param decisionDate the date of the funder's decision
 * @param conditions the conditions of the grant, in words
 * @param reportDueDates the reports required and their due dates
 */
@EventType("AwardGranted")
public record AwardGranted(
        ApplicationId applicationId,
        long amountSek,
        long appliedAmountSek,
        String caseNumber,
        LocalDate decisionDate,
        String conditions,
        List<ReportDueDate> reportDueDates)
        implements ConsortiumEvent {

    public AwardGranted {
        reportDueDates = reportDueDates == null ? List.of() : List.copyOf(reportDueDates);
    }
}
