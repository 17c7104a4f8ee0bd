package se.norrort.consortium.command.membership;

import static org.assertj.core.api.Assertions.assertThatCode;
import static se.norrort.consortium.command.aggregate.Story.DANDERYD;
import static se.norrort.consortium.command.aggregate.Story.ID;
import static se.norrort.consortium.command.aggregate.Story.JOINING_DEADLINE;
import static se.norrort.consortium.command.aggregate.Story.SIGTUNA;
import static se.norrort.consortium.command.aggregate.Story.TODAY;
import static se.norrort.consortium.command.aggregate.Story.join;
import static se.norrort.consortium.command.aggregate.Story.joined;
import static se.norrort.consortium.command.aggregate.Story.officer;
import static se.norrort.consortium.command.aggregate.Story.opened;
import static se.norrort.consortium.command.domain.RuleChecks.assertRefused;
import static se.norrort.consortium.command.domain.RuleChecks.given;

import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.commands.DeclineParticipation;
import se.norrort.consortium.api.commands.InviteMunicipality;
import se.norrort.consortium.api.events.JoiningClosed;
import se.norrort.consortium.api.events.MunicipalityWithdrew;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.model.ApplicationState;

class MembershipRulesTest {

    @Test
    void givenAnInvitedMunicipality_whenItJoinsOnAPlausibleDecision_thenNothingIsRefused() {
        ApplicationState state = given(opened());

        assertThatCode(() -> MembershipRules.checkJoin(state, join(DANDERYD), TODAY))
                .doesNotThrowAnyException();
    }

    @Test
    void givenJoiningClosed_whenAMunicipalityJoins_thenTheDeadlineHasPassed() {
        ApplicationState state = given(opened(), new JoiningClosed(ID, JOINING_DEADLINE, 0));

        assertRefused(ErrorCode.JOINING_DEADLINE_PASSED, () -> MembershipRules.checkJoin(state, join(DANDERYD), TODAY));
    }

    @Test
    void givenAJoinedMunicipality_whenItDeclines_thenItHasAlreadyJoined() {
        ApplicationState state = given(opened(), joined(DANDERYD));

        assertRefused(
                ErrorCode.MUNICIPALITY_ALREADY_JOINED,
                () -> MembershipRules.checkDecline(
                        state, new DeclineParticipation(ID, DANDERYD, "Nej", null, officer(DANDERYD)), TODAY));
    }

    @Test
    void givenAWithdrawnMunicipality_whenItJoinsAgain_thenItMustBeInvitedAgain() {
        ApplicationState state =
                given(opened(), joined(DANDERYD), new MunicipalityWithdrew(ID, DANDERYD, "Omprioritering", null));

        assertRefused(ErrorCode.MUNICIPALITY_WITHDREW, () -> MembershipRules.checkJoin(state, join(DANDERYD), TODAY));
    }

    @Test
    void givenAnOpenApplication_whenAnotherOfficerThanTheOwnersInvites_thenOnlyTheProjectOwnerMay() {
        ApplicationState state = given(opened(java.util.List.of(SIGTUNA)));

        assertRefused(
                ErrorCode.NOT_PROJECT_OWNER,
                () -> MembershipRules.checkInvite(
                        state, new InviteMunicipality(ID, DANDERYD, officer(DANDERYD)), TODAY));
    }
}
