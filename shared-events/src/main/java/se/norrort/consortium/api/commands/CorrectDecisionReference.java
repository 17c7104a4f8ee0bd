package se.norrort.consortium.api.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * Corrects the decision reference recorded when a municipality joined (e.g. a wrong paragraph number). Nothing is
 * edited in place: the correction is a new event naming what it corrects.
 *
 * @param municipality       the joined municipality whose join is corrected
 * @param correctedReference the reference being corrected, exactly as currently recorded
 * @param newReference       the right reference
 * @param reason             why, in words
 */
public record CorrectDecisionReference(
        @TargetAggregateIdentifier ApplicationId applicationId,
        MunicipalityCode municipality,
        DecisionReference correctedReference,
        DecisionReference newReference,
        String reason,
        Actor actor) {

    public CorrectDecisionReference {
        Require.present(applicationId, "Application id");
        Require.present(municipality, "Municipality");
        Require.present(correctedReference, "Corrected decision reference");
        Require.present(newReference, "New decision reference");
        reason = Require.text(reason, "Reason");
        Require.present(actor, "Actor");
    }
}
