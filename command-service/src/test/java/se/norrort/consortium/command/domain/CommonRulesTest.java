package se.norrort.consortium.command.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static se.norrort.consortium.command.aggregate.Story.DANDERYD;
import static se.norrort.consortium.command.aggregate.Story.SIGTUNA;
import static se.norrort.consortium.command.aggregate.Story.TODAY;
import static se.norrort.consortium.command.aggregate.Story.decision;
import static se.norrort.consortium.command.aggregate.Story.opened;
import static se.norrort.consortium.command.domain.RuleChecks.assertRefused;
import static se.norrort.consortium.command.domain.RuleChecks.attached;
import static se.norrort.consortium.command.domain.RuleChecks.given;

import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.model.ApplicationState;

/** The rules several features share: a committee decision's plausibility, a named document being attached. */
class CommonRulesTest {

    @Test
    void givenADecisionOfTheActingMunicipality_whenCheckingIt_thenNothingIsRefused() {
        assertThatCode(() -> CommonRules.plausibleDecision(decision(DANDERYD), DANDERYD, TODAY))
                .doesNotThrowAnyException();
    }

    @Test
    void givenADecisionOfAMeetingAfterToday_whenCheckingIt_thenTheMeetingIsInTheFuture() {
        DecisionReference future =
                new DecisionReference(DANDERYD, "Socialnämnden", TODAY.plusDays(1), "§ 45", true, TODAY.plusDays(1));

        assertRefused(ErrorCode.MEETING_DATE_IN_FUTURE, () -> CommonRules.plausibleDecision(future, DANDERYD, TODAY));
    }

    @Test
    void givenADecisionOfAnotherMunicipality_whenCheckingIt_thenTheReferenceIsInvalid() {
        assertRefused(
                ErrorCode.DECISION_REFERENCE_INVALID,
                () -> CommonRules.plausibleDecision(decision(SIGTUNA), DANDERYD, TODAY));
    }

    @Test
    void givenAnAttachedDocument_whenItIsNamed_thenNothingIsRefused() {
        ApplicationState state = given(opened(), attached(opened().applicationId(), "rapport"));

        assertThatCode(() -> CommonRules.documentAttached(state, new DocumentId("rapport")))
                .doesNotThrowAnyException();
        assertThatCode(() -> CommonRules.documentAttached(state, null)).doesNotThrowAnyException();
    }

    @Test
    void givenNoSuchDocument_whenItIsNamed_thenTheDocumentIsNotFound() {
        ApplicationState state = given(opened());

        assertRefused(
                ErrorCode.DOCUMENT_NOT_FOUND, () -> CommonRules.documentAttached(state, new DocumentId("rapport")));
    }
}
