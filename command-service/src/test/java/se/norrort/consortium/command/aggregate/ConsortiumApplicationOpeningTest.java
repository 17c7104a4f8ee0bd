package se.norrort.consortium.command.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.command.aggregate.Story.DANDERYD;
import static se.norrort.consortium.command.aggregate.Story.ID;
import static se.norrort.consortium.command.aggregate.Story.JOINING_DEADLINE;
import static se.norrort.consortium.command.aggregate.Story.OWNER;
import static se.norrort.consortium.command.aggregate.Story.SIGTUNA;
import static se.norrort.consortium.command.aggregate.Story.STOCKHOLM;
import static se.norrort.consortium.command.aggregate.Story.TABY;
import static se.norrort.consortium.command.aggregate.Story.VAXHOLM;
import static se.norrort.consortium.command.aggregate.Story.officer;
import static se.norrort.consortium.command.aggregate.Story.opened;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.commands.InviteMunicipality;
import se.norrort.consortium.api.commands.OpenApplication;
import se.norrort.consortium.api.events.ApplicationClosed;
import se.norrort.consortium.api.events.ApplicationRejected;
import se.norrort.consortium.api.events.JoiningClosed;
import se.norrort.consortium.api.events.MunicipalityInvited;
import se.norrort.consortium.api.events.MunicipalityWithdrew;
import se.norrort.consortium.api.events.ParticipationDeclined;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.Municipalities;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;

/** Opening an application and inviting municipalities. */
class ConsortiumApplicationOpeningTest extends ConsortiumApplicationTestBase {

    @Test
    void givenNothing_whenOwnerOfficerOpens_thenApplicationOpenedWithAllFifteenInvited() {
        givenNothing()
                .when(Story.open())
                .expectSuccessfulHandlerExecution()
                .expectEvents(opened(Municipalities.allCodes()))
                .expectState(application -> {
                    assertThat(application.state().status()).isEqualTo(Status.OPEN);
                    assertThat(application.state().municipalitiesWith(MembershipStatus.INVITED))
                            .hasSize(15);
                });
    }

    @Test
    void givenNothing_whenOpened_thenJoiningDeadlineIsScheduledForTheStartOfTheNextDayInStockholm() {
        givenNothing()
                .when(Story.open())
                .expectScheduledDeadlineWithName(
                        Instant.parse("2023-10-31T23:00:00Z"), ConsortiumApplication.JOINING_DEADLINE);
    }

    @Test
    void givenNothing_whenOpenedWithNamedInvitations_thenTheOwnerIsInvitedToo() {
        givenNothing().when(Story.open(List.of(TABY, DANDERYD))).expectEvents(opened(List.of(TABY, DANDERYD, SIGTUNA)));
    }

    @Test
    void givenNothing_whenOfficerOfAnotherMunicipalityOpensForSigtuna_thenRefusedAsNotOfficerOfMunicipality() {
        OpenApplication command = new OpenApplication(
                ID,
                SIGTUNA,
                LegalBasis.SECTION_37,
                Story.FUNDER_NAME,
                Story.TITLE,
                Story.TARGET_GROUPS,
                Story.PERIOD_START,
                Story.PERIOD_END,
                JOINING_DEADLINE,
                Story.APPLIED_SEK,
                null,
                officer(DANDERYD));

        expectRefused(givenNothing().when(command), ErrorCode.NOT_OFFICER_OF_MUNICIPALITY);
    }

    @Test
    void givenNothing_whenOwnerIsNotANorrortMunicipality_thenRefusedAsNotConsortiumMunicipality() {
        OpenApplication command = new OpenApplication(
                ID,
                STOCKHOLM,
                LegalBasis.SECTION_37,
                Story.FUNDER_NAME,
                Story.TITLE,
                Story.TARGET_GROUPS,
                Story.PERIOD_START,
                Story.PERIOD_END,
                JOINING_DEADLINE,
                Story.APPLIED_SEK,
                null,
                officer(STOCKHOLM));

        expectRefused(givenNothing().when(command), ErrorCode.NOT_CONSORTIUM_MUNICIPALITY);
    }

    @Test
    void givenNothing_whenInvitingANonNorrortMunicipality_thenRefusedAsNotConsortiumMunicipality() {
        expectRefused(
                givenNothing().when(Story.open(List.of(DANDERYD, STOCKHOLM))), ErrorCode.NOT_CONSORTIUM_MUNICIPALITY);
    }

    @Test
    void givenNothing_whenAppliedAmountIsZeroOrNegative_thenRefusedAsAmountInvalid() {
        expectRefused(givenNothing().when(withAmount(0)), ErrorCode.AMOUNT_INVALID);
        expectRefused(givenNothing().when(withAmount(-1)), ErrorCode.AMOUNT_INVALID);
    }

    @Test
    void givenNothing_whenPeriodEndsBeforeItStarts_thenRefusedAsPeriodInvalid() {
        OpenApplication command = new OpenApplication(
                ID,
                SIGTUNA,
                LegalBasis.SECTION_37,
                Story.FUNDER_NAME,
                Story.TITLE,
                Story.TARGET_GROUPS,
                Story.PERIOD_END,
                Story.PERIOD_START,
                JOINING_DEADLINE,
                Story.APPLIED_SEK,
                null,
                OWNER);

        expectRefused(givenNothing().when(command), ErrorCode.PERIOD_INVALID);
    }

    @Test
    void givenNothing_whenJoiningDeadlineHasPassedOrFollowsThePeriod_thenRefusedAsJoiningDeadlineInvalid() {
        expectRefused(givenNothing().when(withDeadline(Story.TODAY.minusDays(1))), ErrorCode.JOINING_DEADLINE_INVALID);
        expectRefused(
                givenNothing().when(withDeadline(Story.PERIOD_END.plusDays(1))), ErrorCode.JOINING_DEADLINE_INVALID);
    }

    @Test
    void givenNothing_whenJoiningDeadlineIsToday_thenApplicationOpened() {
        givenNothing()
                .when(withDeadline(Story.TODAY))
                .expectSuccessfulHandlerExecution()
                .expectScheduledDeadlineWithName(
                        Instant.parse("2023-09-20T22:00:00Z"), ConsortiumApplication.JOINING_DEADLINE);
    }

    // --- inviting

    @Test
    void givenOpenApplication_whenOwnerInvitesAMunicipality_thenMunicipalityInvited() {
        given(opened(List.of(SIGTUNA, DANDERYD)))
                .when(invite(TABY, OWNER))
                .expectEvents(new MunicipalityInvited(ID, TABY));
    }

    @Test
    void givenOpenApplication_whenAnotherMunicipalityInvites_thenRefusedAsNotProjectOwner() {
        expectRefused(
                given(opened(List.of(SIGTUNA, DANDERYD))).when(invite(TABY, officer(DANDERYD))),
                ErrorCode.NOT_PROJECT_OWNER);
    }

    @Test
    void givenOpenApplication_whenInvitingAnInvitedMunicipality_thenRefusedAsAlreadyInvited() {
        expectRefused(given(opened()).when(invite(TABY, OWNER)), ErrorCode.MUNICIPALITY_ALREADY_INVITED);
    }

    @Test
    void givenJoinedMunicipality_whenInvitingIt_thenRefusedAsAlreadyJoined() {
        expectRefused(
                given(opened(), Story.joined(TABY)).when(invite(TABY, OWNER)), ErrorCode.MUNICIPALITY_ALREADY_JOINED);
    }

    @Test
    void givenOpenApplication_whenInvitingANonNorrortMunicipality_thenRefusedAsNotConsortiumMunicipality() {
        expectRefused(given(opened()).when(invite(STOCKHOLM, OWNER)), ErrorCode.NOT_CONSORTIUM_MUNICIPALITY);
    }

    @Test
    void givenDeclinedOrWithdrawnMunicipality_whenOwnerInvitesItAgain_thenMunicipalityInvited() {
        given(opened(), new ParticipationDeclined(ID, VAXHOLM, "Deltar inte", null))
                .when(invite(VAXHOLM, OWNER))
                .expectEvents(new MunicipalityInvited(ID, VAXHOLM));
        given(opened(), Story.joined(TABY), new MunicipalityWithdrew(ID, TABY, "Omprioritering", null))
                .when(invite(TABY, OWNER))
                .expectEvents(new MunicipalityInvited(ID, TABY));
    }

    @Test
    void givenJoiningDeadlinePassed_whenOwnerInvites_thenRefusedAsJoiningDeadlinePassed() {
        expectRefused(
                givenOn(JOINING_DEADLINE.plusDays(1), opened(List.of(SIGTUNA))).when(invite(TABY, OWNER)),
                ErrorCode.JOINING_DEADLINE_PASSED);
        expectRefused(
                given(opened(List.of(SIGTUNA)), new JoiningClosed(ID, JOINING_DEADLINE, 0))
                        .when(invite(TABY, OWNER)),
                ErrorCode.JOINING_DEADLINE_PASSED);
    }

    @Test
    void givenSubmittedApplication_whenOwnerInvites_thenRefusedAsApplicationAlreadySubmitted() {
        expectRefused(
                given(Story.submitted()).when(invite(Municipalities.SOLNA.code(), OWNER)),
                ErrorCode.APPLICATION_ALREADY_SUBMITTED);
    }

    @Test
    void givenClosedApplication_whenOwnerInvites_thenRefusedAsApplicationClosed() {
        Object[] closed = Story.append(
                Story.submitted(),
                new ApplicationRejected(ID, Story.CASE_NUMBER, Story.GRANT_DATE, "Medlen räcker inte."),
                new ApplicationClosed(ID, "Avslag"));

        expectRefused(
                givenOn(LocalDate.of(2024, 1, 10), closed).when(invite(TABY, OWNER)), ErrorCode.APPLICATION_CLOSED);
    }

    private static InviteMunicipality invite(MunicipalityCode municipality, Actor actor) {
        return new InviteMunicipality(ID, municipality, actor);
    }

    private static OpenApplication withAmount(long amountSek) {
        return new OpenApplication(
                ID,
                SIGTUNA,
                LegalBasis.SECTION_37,
                Story.FUNDER_NAME,
                Story.TITLE,
                Story.TARGET_GROUPS,
                Story.PERIOD_START,
                Story.PERIOD_END,
                JOINING_DEADLINE,
                amountSek,
                null,
                OWNER);
    }

    private static OpenApplication withDeadline(LocalDate deadline) {
        return new OpenApplication(
                ID,
                SIGTUNA,
                LegalBasis.SECTION_37,
                Story.FUNDER_NAME,
                Story.TITLE,
                Story.TARGET_GROUPS,
                Story.PERIOD_START,
                Story.PERIOD_END,
                deadline,
                Story.APPLIED_SEK,
                null,
                OWNER);
    }
}
