package se.norrort.consortium.command.funding;

import static org.assertj.core.api.Assertions.assertThatCode;
import static se.norrort.consortium.command.aggregate.Story.AFTER_GRANT;
import static se.norrort.consortium.command.aggregate.Story.APPLIED_SEK;
import static se.norrort.consortium.command.aggregate.Story.GRANTED_SEK;
import static se.norrort.consortium.command.aggregate.Story.OWNER;
import static se.norrort.consortium.command.aggregate.Story.grant;
import static se.norrort.consortium.command.aggregate.Story.granted;
import static se.norrort.consortium.command.aggregate.Story.readyToSubmit;
import static se.norrort.consortium.command.aggregate.Story.submitted;
import static se.norrort.consortium.command.domain.RuleChecks.assertRefused;
import static se.norrort.consortium.command.domain.RuleChecks.given;

import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.commands.GrantAward;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.model.ApplicationState;

class FundingDecisionRulesTest {

    @Test
    void givenASubmittedApplication_whenTheFunderGrants_thenNothingIsRefused() {
        ApplicationState state = given(submitted());

        assertThatCode(() -> FundingDecisionRules.checkGrant(state, grant(GRANTED_SEK), AFTER_GRANT))
                .doesNotThrowAnyException();
    }

    @Test
    void givenAnApplicationNotYetSubmitted_whenTheFunderGrants_thenItIsNotSubmitted() {
        ApplicationState state = given(readyToSubmit());

        assertRefused(
                ErrorCode.APPLICATION_NOT_SUBMITTED,
                () -> FundingDecisionRules.checkGrant(state, grant(GRANTED_SEK), AFTER_GRANT));
    }

    @Test
    void givenAGrantedApplication_whenTheFunderGrantsAgain_thenTheFundingIsAlreadyDecided() {
        ApplicationState state = given(granted());

        assertRefused(
                ErrorCode.FUNDING_ALREADY_DECIDED,
                () -> FundingDecisionRules.checkGrant(state, grant(GRANTED_SEK), AFTER_GRANT));
    }

    @Test
    void givenASubmittedApplication_whenMoreThanAppliedIsGranted_thenTheGrantExceedsIt() {
        ApplicationState state = given(submitted());

        assertRefused(
                ErrorCode.GRANT_EXCEEDS_APPLIED,
                () -> FundingDecisionRules.checkGrant(state, grant(APPLIED_SEK + 1), AFTER_GRANT));
    }

    @Test
    void givenASubmittedApplication_whenTheProjectOwnerGrants_thenOnlyTheFunderMay() {
        ApplicationState state = given(submitted());
        GrantAward byOwner = new GrantAward(
                grant(GRANTED_SEK).applicationId(),
                GRANTED_SEK,
                "1",
                AFTER_GRANT,
                null,
                grant(GRANTED_SEK).reportDueDates(),
                OWNER);

        assertRefused(ErrorCode.NOT_FUNDER, () -> FundingDecisionRules.checkGrant(state, byOwner, AFTER_GRANT));
    }
}
