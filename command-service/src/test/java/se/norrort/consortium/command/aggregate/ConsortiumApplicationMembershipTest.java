package se.norrort.consortium.command.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.command.aggregate.Story.ANNOUNCED;
import static se.norrort.consortium.command.aggregate.Story.DANDERYD;
import static se.norrort.consortium.command.aggregate.Story.FUNDER;
import static se.norrort.consortium.command.aggregate.Story.ID;
import static se.norrort.consortium.command.aggregate.Story.JOINING_DEADLINE;
import static se.norrort.consortium.command.aggregate.Story.MEETING;
import static se.norrort.consortium.command.aggregate.Story.SIGTUNA;
import static se.norrort.consortium.command.aggregate.Story.TABY;
import static se.norrort.consortium.command.aggregate.Story.TODAY;
import static se.norrort.consortium.command.aggregate.Story.VAXHOLM;
import static se.norrort.consortium.command.aggregate.Story.decision;
import static se.norrort.consortium.command.aggregate.Story.join;
import static se.norrort.consortium.command.aggregate.Story.joined;
import static se.norrort.consortium.command.aggregate.Story.officer;
import static se.norrort.consortium.command.aggregate.Story.opened;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.commands.CorrectDecisionReference;
import se.norrort.consortium.api.commands.DeclineParticipation;
import se.norrort.consortium.api.commands.JoinApplication;
import se.norrort.consortium.api.commands.WithdrawFromApplication;
import se.norrort.consortium.api.events.DecisionReferenceCorrected;
import se.norrort.consortium.api.events.JoiningClosed;
import se.norrort.consortium.api.events.MunicipalityJoined;
import se.norrort.consortium.api.events.MunicipalityWithdrew;
import se.norrort.consortium.api.events.ParticipationDeclined;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;

/** Joining, declining, withdrawing, and correcting the decision behind a join. */
class ConsortiumApplicationMembershipTest extends ConsortiumApplicationTestBase {

    // --- joining

    @Test
    void givenOpenApplication_whenInvitedMunicipalityJoins_thenMunicipalityJoined() {
        given(opened())
                .when(join(DANDERYD))
                .expectEvents(new MunicipalityJoined(ID, DANDERYD, decision(DANDERYD), LocalDate.of(2023, 10, 4)))
                .expectState(application -> assertThat(application.state().membershipStatus(DANDERYD))
                        .contains(MembershipStatus.JOINED));
    }

    @Test
    void givenMunicipalityNotInvited_whenItJoins_thenRefusedAsMunicipalityNotInvited() {
        expectRefused(given(opened(List.of(SIGTUNA, DANDERYD))).when(join(TABY)), ErrorCode.MUNICIPALITY_NOT_INVITED);
    }

    @Test
    void givenJoinedMunicipality_whenItJoinsAgain_thenRefusedAsMunicipalityAlreadyJoined() {
        expectRefused(given(opened(), joined(DANDERYD)).when(join(DANDERYD)), ErrorCode.MUNICIPALITY_ALREADY_JOINED);
    }

    @Test
    void givenDeclinedMunicipality_whenItJoinsByANewDecision_thenMunicipalityJoined() {
        given(opened(), new ParticipationDeclined(ID, TABY, "Avvaktar", null))
                .when(join(TABY))
                .expectEvents(joined(TABY));
    }

    @Test
    void givenWithdrawnMunicipality_whenItJoinsAgainUninvited_thenRefusedAsMunicipalityWithdrew() {
        expectRefused(
                given(opened(), joined(TABY), new MunicipalityWithdrew(ID, TABY, "Omprioritering", null))
                        .when(join(TABY)),
                ErrorCode.MUNICIPALITY_WITHDREW);
    }

    @Test
    void givenOpenApplication_whenJoiningOnTheDeadlineDay_thenMunicipalityJoined() {
        givenOn(JOINING_DEADLINE, opened()).when(join(DANDERYD)).expectEvents(joined(DANDERYD));
    }

    @Test
    void givenOpenApplication_whenJoiningTheDayAfterTheDeadline_thenRefusedAsJoiningDeadlinePassed() {
        expectRefused(
                givenOn(JOINING_DEADLINE.plusDays(1), opened()).when(join(DANDERYD)),
                ErrorCode.JOINING_DEADLINE_PASSED);
    }

    @Test
    void givenJoiningClosed_whenAMunicipalityJoins_thenRefusedAsJoiningDeadlinePassed() {
        expectRefused(
                given(opened(), new JoiningClosed(ID, JOINING_DEADLINE, 0)).when(join(DANDERYD)),
                ErrorCode.JOINING_DEADLINE_PASSED);
    }

    @Test
    void givenSubmittedApplication_whenAMunicipalityJoins_thenRefusedAsApplicationAlreadySubmitted() {
        expectRefused(given(Story.submitted()).when(join(TABY)), ErrorCode.APPLICATION_ALREADY_SUBMITTED);
    }

    @Test
    void givenOpenApplication_whenOfficerOfAnotherMunicipalityJoinsForDanderyd_thenRefusedAsNotOfficerOfMunicipality() {
        JoinApplication command = new JoinApplication(ID, DANDERYD, decision(DANDERYD), officer(TABY));

        expectRefused(given(opened()).when(command), ErrorCode.NOT_OFFICER_OF_MUNICIPALITY);
    }

    @Test
    void givenOpenApplication_whenAFunderOfficerJoinsForDanderyd_thenRefusedAsNotOfficerOfMunicipality() {
        JoinApplication command = new JoinApplication(ID, DANDERYD, decision(DANDERYD), FUNDER);

        expectRefused(given(opened()).when(command), ErrorCode.NOT_OFFICER_OF_MUNICIPALITY);
    }

    @Test
    void givenOpenApplication_whenJoiningOnAnotherMunicipalitysDecision_thenRefusedAsDecisionReferenceInvalid() {
        expectRefused(given(opened()).when(join(DANDERYD, decision(TABY))), ErrorCode.DECISION_REFERENCE_INVALID);
    }

    @Test
    void givenOpenApplication_whenMeetingDateIsInTheFuture_thenRefusedAsMeetingDateInFuture() {
        DecisionReference future =
                new DecisionReference(DANDERYD, "Socialnämnden", TODAY.plusDays(1), "§ 45", true, TODAY.plusDays(1));

        expectRefused(given(opened()).when(join(DANDERYD, future)), ErrorCode.MEETING_DATE_IN_FUTURE);
    }

    @Test
    void givenOpenApplication_whenMeetingWasTodayAndAdjustedImmediately_thenMunicipalityJoined() {
        DecisionReference today = new DecisionReference(DANDERYD, "Socialnämnden", TODAY, "§ 45", true, TODAY);

        given(opened())
                .when(join(DANDERYD, today))
                .expectEvents(new MunicipalityJoined(ID, DANDERYD, today, TODAY.plusWeeks(3)));
    }

    @Test
    void givenOpenApplication_whenParagraphNamesNoNumber_thenRefusedAsDecisionReferenceInvalid() {
        DecisionReference noParagraph = new DecisionReference(DANDERYD, "Socialnämnden", MEETING, "§", true, ANNOUNCED);

        expectRefused(given(opened()).when(join(DANDERYD, noParagraph)), ErrorCode.DECISION_REFERENCE_INVALID);
    }

    @Test
    void givenOpenApplication_whenAnnouncedBeforeTheMeeting_thenRefusedAsDecisionReferenceInvalid() {
        DecisionReference backwards =
                new DecisionReference(DANDERYD, "Socialnämnden", MEETING, "§ 45", false, MEETING.minusDays(1));

        expectRefused(given(opened()).when(join(DANDERYD, backwards)), ErrorCode.DECISION_REFERENCE_INVALID);
    }

    // --- declining

    @Test
    void givenInvitedMunicipality_whenItDeclines_thenParticipationDeclined() {
        given(opened())
                .when(decline(VAXHOLM, decision(VAXHOLM)))
                .expectEvents(new ParticipationDeclined(ID, VAXHOLM, "Deltar inte i ansökan", decision(VAXHOLM)));
    }

    @Test
    void givenInvitedMunicipality_whenItDeclinesWithoutAFormalDecision_thenParticipationDeclined() {
        given(opened())
                .when(decline(VAXHOLM, null))
                .expectEvents(new ParticipationDeclined(ID, VAXHOLM, "Deltar inte i ansökan", null));
    }

    @Test
    void givenJoinedMunicipality_whenItDeclines_thenRefusedAsMunicipalityAlreadyJoined() {
        expectRefused(
                given(opened(), joined(VAXHOLM)).when(decline(VAXHOLM, null)), ErrorCode.MUNICIPALITY_ALREADY_JOINED);
    }

    @Test
    void givenDeclinedMunicipality_whenItDeclinesAgain_thenRefusedAsMunicipalityAlreadyDeclined() {
        expectRefused(
                given(opened(), new ParticipationDeclined(ID, VAXHOLM, "Nej", null))
                        .when(decline(VAXHOLM, null)),
                ErrorCode.MUNICIPALITY_ALREADY_DECLINED);
    }

    @Test
    void givenWithdrawnMunicipality_whenItDeclines_thenRefusedAsMunicipalityNotParticipating() {
        expectRefused(
                given(opened(), joined(VAXHOLM), new MunicipalityWithdrew(ID, VAXHOLM, "Nej", null))
                        .when(decline(VAXHOLM, null)),
                ErrorCode.MUNICIPALITY_NOT_PARTICIPATING);
    }

    @Test
    void givenMunicipalityNotInvited_whenItDeclines_thenRefusedAsMunicipalityNotInvited() {
        expectRefused(given(opened(List.of(SIGTUNA))).when(decline(VAXHOLM, null)), ErrorCode.MUNICIPALITY_NOT_INVITED);
    }

    @Test
    void givenInvitedMunicipality_whenAnotherMunicipalityDeclinesForIt_thenRefusedAsNotOfficerOfMunicipality() {
        DeclineParticipation command = new DeclineParticipation(ID, VAXHOLM, "Nej", null, officer(SIGTUNA));

        expectRefused(given(opened()).when(command), ErrorCode.NOT_OFFICER_OF_MUNICIPALITY);
    }

    @Test
    void givenInvitedMunicipality_whenDecliningOnAFutureMeeting_thenRefusedAsMeetingDateInFuture() {
        DecisionReference future =
                new DecisionReference(VAXHOLM, "Socialnämnden", TODAY.plusDays(7), "§ 12", true, TODAY.plusDays(7));

        expectRefused(given(opened()).when(decline(VAXHOLM, future)), ErrorCode.MEETING_DATE_IN_FUTURE);
    }

    @Test
    void givenSubmittedApplication_whenAnInvitedMunicipalityDeclines_thenRefusedAsApplicationAlreadySubmitted() {
        expectRefused(given(Story.submitted()).when(decline(VAXHOLM, null)), ErrorCode.APPLICATION_ALREADY_SUBMITTED);
    }

    // --- withdrawing

    @Test
    void givenJoinedMunicipality_whenItWithdrawsBeforeSubmission_thenMunicipalityWithdrew() {
        given(opened(), joined(TABY), Story.delegated(TABY), Story.signed(TABY))
                .when(withdraw(TABY))
                .expectEvents(new MunicipalityWithdrew(ID, TABY, "Omprioritering", null))
                .expectState(application -> {
                    assertThat(application.state().membershipStatus(TABY)).contains(MembershipStatus.WITHDRAWN);
                    assertThat(application.state().signatures()).isEmpty();
                });
    }

    @Test
    void givenInvitedMunicipality_whenItWithdraws_thenRefusedAsMunicipalityNotJoined() {
        expectRefused(given(opened()).when(withdraw(TABY)), ErrorCode.MUNICIPALITY_NOT_JOINED);
    }

    @Test
    void givenSubmittedApplication_whenAParticipantWithdraws_thenRefusedAsApplicationAlreadySubmitted() {
        expectRefused(given(Story.submitted()).when(withdraw(DANDERYD)), ErrorCode.APPLICATION_ALREADY_SUBMITTED);
    }

    @Test
    void givenJoinedMunicipality_whenAnotherMunicipalityWithdrawsIt_thenRefusedAsNotOfficerOfMunicipality() {
        WithdrawFromApplication command = new WithdrawFromApplication(ID, TABY, "Nej", null, officer(SIGTUNA));

        expectRefused(given(opened(), joined(TABY)).when(command), ErrorCode.NOT_OFFICER_OF_MUNICIPALITY);
    }

    // --- correcting a decision reference

    @Test
    void givenJoinedMunicipality_whenItCorrectsTheParagraph_thenDecisionReferenceCorrected() {
        DecisionReference right = paragraph(DANDERYD, "§ 54");

        given(opened(), joined(DANDERYD))
                .when(correct(DANDERYD, decision(DANDERYD), right))
                .expectEvents(new DecisionReferenceCorrected(
                        ID,
                        DANDERYD,
                        "MunicipalityJoined",
                        decision(DANDERYD),
                        right,
                        right.appealDeadline(),
                        "Fel paragraf angavs"))
                .expectState(application -> assertThat(
                                application.state().decisionReferences().get(DANDERYD))
                        .isEqualTo(right));
    }

    @Test
    void givenSubmittedApplication_whenAParticipantCorrectsItsDecisionReference_thenDecisionReferenceCorrected() {
        DecisionReference right = paragraph(DANDERYD, "§ 54");

        given(Story.submitted())
                .when(correct(DANDERYD, decision(DANDERYD), right))
                .expectEvents(new DecisionReferenceCorrected(
                        ID,
                        DANDERYD,
                        "MunicipalityJoined",
                        decision(DANDERYD),
                        right,
                        right.appealDeadline(),
                        "Fel paragraf angavs"));
    }

    @Test
    void
            givenJoinedMunicipality_whenCorrectingAReferenceThatIsNotTheRecordedOne_thenRefusedAsDecisionReferenceMismatch() {
        expectRefused(
                given(opened(), joined(DANDERYD))
                        .when(correct(DANDERYD, paragraph(DANDERYD, "§ 12"), paragraph(DANDERYD, "§ 54"))),
                ErrorCode.DECISION_REFERENCE_MISMATCH);
    }

    @Test
    void givenJoinedMunicipality_whenCorrectingToTheSameReference_thenRefusedAsDecisionReferenceUnchanged() {
        expectRefused(
                given(opened(), joined(DANDERYD)).when(correct(DANDERYD, decision(DANDERYD), decision(DANDERYD))),
                ErrorCode.DECISION_REFERENCE_UNCHANGED);
    }

    @Test
    void givenJoinedMunicipality_whenCorrectingToAFutureMeeting_thenRefusedAsMeetingDateInFuture() {
        DecisionReference future =
                new DecisionReference(DANDERYD, "Socialnämnden", TODAY.plusDays(1), "§ 45", true, TODAY.plusDays(1));

        expectRefused(
                given(opened(), joined(DANDERYD)).when(correct(DANDERYD, decision(DANDERYD), future)),
                ErrorCode.MEETING_DATE_IN_FUTURE);
    }

    @Test
    void givenInvitedMunicipality_whenCorrectingAJoinDecision_thenRefusedAsMunicipalityNotJoined() {
        expectRefused(
                given(opened()).when(correct(DANDERYD, decision(DANDERYD), paragraph(DANDERYD, "§ 54"))),
                ErrorCode.MUNICIPALITY_NOT_JOINED);
    }

    @Test
    void givenJoinedMunicipality_whenAnotherMunicipalityCorrectsItsReference_thenRefusedAsNotOfficerOfMunicipality() {
        CorrectDecisionReference command = new CorrectDecisionReference(
                ID, DANDERYD, decision(DANDERYD), paragraph(DANDERYD, "§ 54"), "Fel paragraf", officer(SIGTUNA));

        expectRefused(given(opened(), joined(DANDERYD)).when(command), ErrorCode.NOT_OFFICER_OF_MUNICIPALITY);
    }

    private static DeclineParticipation decline(MunicipalityCode municipality, DecisionReference decision) {
        return new DeclineParticipation(ID, municipality, "Deltar inte i ansökan", decision, officer(municipality));
    }

    private static WithdrawFromApplication withdraw(MunicipalityCode municipality) {
        return new WithdrawFromApplication(ID, municipality, "Omprioritering", null, officer(municipality));
    }

    private static CorrectDecisionReference correct(
            MunicipalityCode municipality, DecisionReference corrected, DecisionReference replacement) {
        return new CorrectDecisionReference(
                ID, municipality, corrected, replacement, "Fel paragraf angavs", officer(municipality));
    }

    private static DecisionReference paragraph(MunicipalityCode municipality, String paragraph) {
        return new DecisionReference(municipality, "Socialnämnden", MEETING, paragraph, true, ANNOUNCED);
    }
}
