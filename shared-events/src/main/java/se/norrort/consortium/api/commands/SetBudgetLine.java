package se.norrort.consortium.api.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * Sets a joined municipality's budget line for one year of the project period, replacing any earlier line for that
 * year.
 *
 * @param year      the calendar year, within the project period
 * @param amountSek the amount, whole kronor, not negative
 */
public record SetBudgetLine(
        @TargetAggregateIdentifier ApplicationId applicationId,
        MunicipalityCode municipality,
        int year,
        long amountSek,
        Actor actor) {

    public SetBudgetLine {
        Require.present(applicationId, "Application id");
        Require.present(municipality, "Municipality");
        Require.present(actor, "Actor");
    }
}
