package se.norrort.consortium.command.opening;

import static org.assertj.core.api.Assertions.assertThatCode;
import static se.norrort.consortium.command.aggregate.Story.DANDERYD;
import static se.norrort.consortium.command.aggregate.Story.TODAY;
import static se.norrort.consortium.command.aggregate.Story.officer;
import static se.norrort.consortium.command.aggregate.Story.open;
import static se.norrort.consortium.command.domain.RuleChecks.assertRefused;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.commands.OpenApplication;
import se.norrort.consortium.command.domain.ErrorCode;

class OpeningRulesTest {

    @Test
    void givenTheSeedStorysOpening_whenChecked_thenNothingIsRefused() {
        assertThatCode(() -> OpeningRules.checkOpen(open(), TODAY)).doesNotThrowAnyException();
    }

    @Test
    void givenAPeriodThatEndsBeforeItStarts_whenOpening_thenThePeriodIsInvalid() {
        OpenApplication o = open();
        OpenApplication backwards = new OpenApplication(
                o.applicationId(),
                o.ownerMunicipality(),
                o.legalBasis(),
                o.funderName(),
                o.title(),
                o.targetGroups(),
                o.periodEnd(),
                o.periodStart(),
                o.joiningDeadline(),
                o.appliedAmountSek(),
                o.invitedMunicipalities(),
                o.actor());

        assertRefused(ErrorCode.PERIOD_INVALID, () -> OpeningRules.checkOpen(backwards, TODAY));
    }

    @Test
    void givenAnOfficerOfAnotherMunicipality_whenOpeningForSigtuna_thenOnlyItsOfficersMay() {
        OpenApplication o = open();
        OpenApplication byDanderyd = new OpenApplication(
                o.applicationId(),
                o.ownerMunicipality(),
                o.legalBasis(),
                o.funderName(),
                o.title(),
                o.targetGroups(),
                o.periodStart(),
                o.periodEnd(),
                o.joiningDeadline(),
                o.appliedAmountSek(),
                List.of(),
                officer(DANDERYD));

        assertRefused(ErrorCode.NOT_OFFICER_OF_MUNICIPALITY, () -> OpeningRules.checkOpen(byDanderyd, TODAY));
    }

    @Test
    void givenAJoiningDeadlineInThePast_whenOpening_thenTheDeadlineIsInvalid() {
        assertRefused(
                ErrorCode.JOINING_DEADLINE_INVALID,
                () -> OpeningRules.checkOpen(open(), open().joiningDeadline().plusDays(1)));
    }
}
