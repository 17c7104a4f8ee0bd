package se.norrort.consortium.command.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.command.aggregate.ConsortiumApplication.JOINING_DEADLINE;
import static se.norrort.consortium.command.aggregate.ConsortiumApplication.REPORT_DUE;
import static se.norrort.consortium.command.aggregate.Story.DANDERYD;
import static se.norrort.consortium.command.aggregate.Story.FINAL_DUE;
import static se.norrort.consortium.command.aggregate.Story.GRANTED_SEK;
import static se.norrort.consortium.command.aggregate.Story.GRANT_DATE;
import static se.norrort.consortium.command.aggregate.Story.ID;
import static se.norrort.consortium.command.aggregate.Story.INTERIM_DUE;
import static se.norrort.consortium.command.aggregate.Story.OWNER;
import static se.norrort.consortium.command.aggregate.Story.SIGTUNA;
import static se.norrort.consortium.command.aggregate.Story.grant;
import static se.norrort.consortium.command.aggregate.Story.join;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.commands.SubmitApplication;
import se.norrort.consortium.api.commands.SubmitInterimReport;
import se.norrort.consortium.api.events.InterimReportSubmitted;
import se.norrort.consortium.api.events.JoiningClosed;
import se.norrort.consortium.api.events.ReportOverdue;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.model.ApplicationState;

/** The joining deadline and report due dates, driven by the fixture's controllable time. */
class ConsortiumApplicationDeadlineTest extends ConsortiumApplicationTestBase {

    /** 2023-11-01T00:00 in Stockholm (CET, UTC+1): the first moment after the joining deadline 2023-10-31. */
    private static final Instant JOINING_CLOSES = Instant.parse("2023-10-31T23:00:00Z");

    @Test
    void deadlineInstantIsTheStartOfTheNextDayInStockholm() {
        assertThat(ConsortiumApplication.startOfDayAfter(Story.JOINING_DEADLINE))
                .isEqualTo(JOINING_CLOSES);
        // summer time (CEST, UTC+2)
        assertThat(ConsortiumApplication.startOfDayAfter(LocalDate.of(2024, 6, 30)))
                .isEqualTo(Instant.parse("2024-06-30T22:00:00Z"));
    }

    @Test
    void givenOpenApplication_whenTheJoiningDeadlinePasses_thenJoiningClosed() {
        openedByCommand()
                .andGivenCommands(join(SIGTUNA), join(DANDERYD))
                .whenTimeAdvancesTo(JOINING_CLOSES)
                .expectTriggeredDeadlinesWithName(JOINING_DEADLINE)
                .expectEvents(new JoiningClosed(ID, Story.JOINING_DEADLINE, 2))
                .expectState(application ->
                        assertThat(application.state().status()).isEqualTo(ApplicationState.Status.JOINING_CLOSED));
    }

    @Test
    void givenOpenApplication_whenTimeReachesTheLastSecondOfTheDeadlineDay_thenNothingHappens() {
        openedByCommand()
                .whenTimeAdvancesTo(JOINING_CLOSES.minusSeconds(1))
                .expectNoEvents()
                .expectScheduledDeadlineWithName(JOINING_CLOSES, JOINING_DEADLINE);
    }

    @Test
    void givenSubmittedApplication_whenTheJoiningDeadlinePasses_thenNothingIsApplied() {
        openedByCommand()
                .andGivenCommands(
                        join(SIGTUNA),
                        join(DANDERYD),
                        Story.delegate(SIGTUNA),
                        Story.delegate(DANDERYD),
                        Story.sign(SIGTUNA),
                        Story.sign(DANDERYD),
                        new SubmitApplication(ID, OWNER))
                .whenTimeAdvancesTo(JOINING_CLOSES)
                .expectTriggeredDeadlinesWithName(JOINING_DEADLINE)
                .expectNoEvents();
    }

    @Test
    void givenSubmittedApplication_whenTheFunderGrants_thenEachReportDueDateIsScheduled() {
        givenOn(GRANT_DATE, Story.submitted())
                .when(grant(GRANTED_SEK))
                .expectScheduledDeadline(Instant.parse("2025-01-31T23:00:00Z"), INTERIM_DUE)
                .expectScheduledDeadline(Instant.parse("2026-03-31T22:00:00Z"), FINAL_DUE)
                .expectScheduledDeadlineWithName(Instant.parse("2026-03-31T22:00:00Z"), REPORT_DUE);
    }

    @Test
    void givenGrantedApplication_whenTheInterimReportDueDatePassesWithoutIt_thenReportOverdue() {
        grantedByCommand()
                .whenTimeAdvancesTo(ConsortiumApplication.startOfDayAfter(INTERIM_DUE.dueDate()))
                .expectTriggeredDeadlines(INTERIM_DUE)
                .expectEvents(new ReportOverdue(ID, ReportKind.INTERIM, INTERIM_DUE.dueDate()));
    }

    @Test
    void givenInterimReportSubmittedInTime_whenItsDueDatePasses_thenNothingIsApplied() {
        grantedByCommand()
                .andGivenCommands(new SubmitInterimReport(ID, 900_000, null, OWNER))
                .whenTimeAdvancesTo(ConsortiumApplication.startOfDayAfter(INTERIM_DUE.dueDate()))
                .expectTriggeredDeadlines(INTERIM_DUE)
                .expectNoEvents();
    }

    @Test
    void givenInterimReportSubmittedInTime_whenTheFinalDueDatePassesWithoutTheFinalReport_thenOnlyTheFinalIsOverdue() {
        grantedByCommand()
                .andGivenCommands(new SubmitInterimReport(ID, 900_000, null, OWNER))
                .whenTimeAdvancesTo(ConsortiumApplication.startOfDayAfter(FINAL_DUE.dueDate()))
                .expectTriggeredDeadlines(INTERIM_DUE, FINAL_DUE)
                .expectEvents(new ReportOverdue(ID, ReportKind.FINAL, FINAL_DUE.dueDate()));
    }

    @Test
    void givenOverdueInterimReport_whenTheOwnerSubmitsItLate_thenInterimReportSubmittedAndMarkedOverdue() {
        givenOn(
                        Story.AFTER_GRANT,
                        Story.append(Story.granted(), new ReportOverdue(ID, ReportKind.INTERIM, INTERIM_DUE.dueDate())))
                .when(new SubmitInterimReport(ID, 900_000, null, OWNER))
                .expectEvents(new InterimReportSubmitted(ID, INTERIM_DUE.dueDate(), 900_000, null))
                .expectState(application -> assertThat(
                                application.state().report(ReportKind.INTERIM).orElseThrow())
                        .satisfies(report -> {
                            assertThat(report.submitted()).isTrue();
                            assertThat(report.overdue()).isTrue();
                        }));
    }

    private TestExecutor<ConsortiumApplication> openedByCommand() {
        clock.setToday(Story.TODAY);
        return fixture.givenCurrentTime(clock.instant()).andGivenCommands(Story.open());
    }

    private TestExecutor<ConsortiumApplication> grantedByCommand() {
        return givenOn(GRANT_DATE, Story.submitted()).andGivenCommands(grant(GRANTED_SEK));
    }
}
