package se.norrort.consortium.api.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;

/**
 * Closes the application (ärendet avslutas); nothing changes after closing.
 *
 * @param reason why, in words
 */
public record CloseApplication(@TargetAggregateIdentifier ApplicationId applicationId, String reason, Actor actor) {

    public CloseApplication {
        Require.present(applicationId, "Application id");
        reason = Require.text(reason, "Reason");
        Require.present(actor, "Actor");
    }
}
