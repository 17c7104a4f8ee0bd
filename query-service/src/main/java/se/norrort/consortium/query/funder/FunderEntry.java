package se.norrort.consortium.query.funder;

import java.time.LocalDate;
import se.norrort.consortium.query.projection.ApplicationFacts;
import se.norrort.consortium.query.projection.ApplicationFacts.Counts;
import se.norrort.consortium.query.projection.ApplicationFacts.Facts;

/**
 * One application's entry in the funder's list, as {@link FunderApplicationView} folds it and
 * {@link FunderEntryCodec} stores it (collections {@code view_funder_applications} and, before the submission,
 * {@code view_funder_applications_preparation}; {@code _id} the application id): the application's
 * {@link ApplicationFacts facts} and what the funder reads from them.
 *
 * @param facts         the application's facts
 * @param participants  the invited municipalities counted by status
 * @param nextReportDue the earliest due date of a report not yet submitted; {@code null} for none
 */
public record FunderEntry(Facts facts, Counts participants, LocalDate nextReportDue) {}
