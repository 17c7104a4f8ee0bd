package se.norrort.consortium.api.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;

/**
 * Submits the application to the funder. Only the project owner submits, once every joined municipality has signed.
 */
public record SubmitApplication(@TargetAggregateIdentifier ApplicationId applicationId, Actor actor) {

    public SubmitApplication {
        Require.present(applicationId, "Application id");
        Require.present(actor, "Actor");
    }
}
