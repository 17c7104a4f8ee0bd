package se.norrort.consortium.api.commands;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.ReportDueDate;

/**
 * The funder's decision to grant funds (beviljande), possibly less than applied for.
 *
 * @param amountSek      the granted amount, whole kronor
 * @param caseNumber     the funder's case number (diarienummer), e.g. "851-12345-2023"
 * @param decisionDate   the date of the funder's decision
 * @param conditions     the conditions of the grant, in words; may be empty
 * @param reportDueDates the reports required and when they are due: at most one interim, exactly one final
 */
public record GrantAward(
        @TargetAggregateIdentifier ApplicationId applicationId,
        long amountSek,
        String caseNumber,
        LocalDate decisionDate,
        String conditions,
        List<ReportDueDate> reportDueDates,
        Actor actor) {

    public GrantAward {
        Require.present(applicationId, "Application id");
        caseNumber = Require.name(caseNumber, "Case number");
        Require.present(decisionDate, "Decision date");
        conditions = conditions == null ? "" : conditions.strip();
        if (conditions.length() > CONDITIONS_MAX) {
            throw new IllegalArgumentException("Conditions must be at most " + CONDITIONS_MAX + " characters long");
        }
        reportDueDates = Require.list(reportDueDates, "Report due dates");
        Require.present(actor, "Actor");
    }

    /** The conditions are copied into every member's view of the application: at most this many characters. */
    public static final int CONDITIONS_MAX = 1000;
}
