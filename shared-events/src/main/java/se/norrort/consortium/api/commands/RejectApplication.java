package se.norrort.consortium.api.commands;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;

/**
 * The funder's decision not to grant funds (avslag).
 *
 * @param caseNumber   the funder's case number (diarienummer)
 * @param decisionDate the date of the funder's decision
 * @param reason       the grounds of the decision, in words
 */
public record RejectApplication(
        @TargetAggregateIdentifier ApplicationId applicationId,
        String caseNumber,
        LocalDate decisionDate,
        String reason,
        Actor actor) {

    public RejectApplication {
        Require.present(applicationId, "Application id");
        caseNumber = Require.name(caseNumber, "Case number");
        Require.present(decisionDate, "Decision date");
        reason = Require.text(reason, "Reason");
        Require.present(actor, "Actor");
    }
}
