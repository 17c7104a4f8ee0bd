package se.norrort.consortium.api.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DocumentId;

/**
 * The project owner submits the final report (slutredovisning).
 *
 * @param usedAmountSek  the funds used in all, whole kronor
 * @param reportDocument the attached report document, if any; may be null
 */
public record SubmitFinalReport(
        @TargetAggregateIdentifier ApplicationId applicationId,
        long usedAmountSek,
        DocumentId reportDocument,
        Actor actor) {

    public SubmitFinalReport {
        Require.present(applicationId, "Application id");
        Require.present(actor, "Actor");
    }
}
