package se.norrort.consortium.api.events;

import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * A municipality's budget line for one year was set, replacing any earlier line for that year.
 *
 * @param applicationId the application
 * @param municipality the municipality
 * @param year the calendar year
 * @param amountSek the amount, whole kronor
 */
@EventType("BudgetLineSet")
public record BudgetLineSet(ApplicationId applicationId, MunicipalityCode municipality, int year, long amountSek)
        implements ConsortiumEvent {}
