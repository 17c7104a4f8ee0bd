package se.norrort.consortium.command.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.command.aggregate.Story.AUDITOR;
import static se.norrort.consortium.command.aggregate.Story.DANDERYD;
import static se.norrort.consortium.command.aggregate.Story.FUNDER;
import static se.norrort.consortium.command.aggregate.Story.ID;
import static se.norrort.consortium.command.aggregate.Story.JOINING_DEADLINE;
import static se.norrort.consortium.command.aggregate.Story.OWNER;
import static se.norrort.consortium.command.aggregate.Story.SIGTUNA;
import static se.norrort.consortium.command.aggregate.Story.TABY;
import static se.norrort.consortium.command.aggregate.Story.VAXHOLM;
import static se.norrort.consortium.command.aggregate.Story.attach;
import static se.norrort.consortium.command.aggregate.Story.delegated;
import static se.norrort.consortium.command.aggregate.Story.joined;
import static se.norrort.consortium.command.aggregate.Story.officer;
import static se.norrort.consortium.command.aggregate.Story.opened;
import static se.norrort.consortium.command.aggregate.Story.readyToSubmit;
import static se.norrort.consortium.command.aggregate.Story.signed;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.commands.SetBudgetLine;
import se.norrort.consortium.api.commands.SubmitApplication;
import se.norrort.consortium.api.events.ApplicationSubmitted;
import se.norrort.consortium.api.events.BudgetLineSet;
import se.norrort.consortium.api.events.DocumentAttached;
import se.norrort.consortium.api.events.JoiningClosed;
import se.norrort.consortium.api.events.MunicipalityWithdrew;
import se.norrort.consortium.api.events.ParticipationDeclined;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.DocumentKind;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.model.ApplicationState.Status;

/** Budget lines, documents, and submitting the application. */
class ConsortiumApplicationSubmissionTest extends ConsortiumApplicationTestBase {

    // --- budget lines

    @Test
    void givenJoinedMunicipality_whenItSetsABudgetLine_thenBudgetLineSet() {
        given(opened(), joined(DANDERYD))
                .when(budget(DANDERYD, 2024, 250_000, officer(DANDERYD)))
                .expectEvents(new BudgetLineSet(ID, DANDERYD, 2024, 250_000));
    }

    @Test
    void givenJoinedMunicipality_whenItSetsAZeroBudgetLine_thenBudgetLineSet() {
        // "Inga ekonomiska konsekvenser": taking part may cost a municipality nothing.
        given(opened(), joined(DANDERYD))
                .when(budget(DANDERYD, 2025, 0, officer(DANDERYD)))
                .expectEvents(new BudgetLineSet(ID, DANDERYD, 2025, 0));
    }

    @Test
    void givenJoinedMunicipality_whenItSetsANegativeBudgetLine_thenRefusedAsAmountInvalid() {
        expectRefused(
                given(opened(), joined(DANDERYD)).when(budget(DANDERYD, 2024, -1, officer(DANDERYD))),
                ErrorCode.AMOUNT_INVALID);
    }

    @Test
    void givenJoinedMunicipality_whenTheYearIsOutsideTheProjectPeriod_thenRefusedAsBudgetYearOutsidePeriod() {
        expectRefused(
                given(opened(), joined(DANDERYD)).when(budget(DANDERYD, 2023, 1_000, officer(DANDERYD))),
                ErrorCode.BUDGET_YEAR_OUTSIDE_PERIOD);
        expectRefused(
                given(opened(), joined(DANDERYD)).when(budget(DANDERYD, 2026, 1_000, officer(DANDERYD))),
                ErrorCode.BUDGET_YEAR_OUTSIDE_PERIOD);
    }

    @Test
    void givenInvitedMunicipality_whenItSetsABudgetLine_thenRefusedAsMunicipalityNotJoined() {
        expectRefused(
                given(opened()).when(budget(DANDERYD, 2024, 1_000, officer(DANDERYD))),
                ErrorCode.MUNICIPALITY_NOT_JOINED);
    }

    @Test
    void givenJoinedMunicipality_whenTheOwnerSetsItsBudgetLine_thenRefusedAsNotOfficerOfMunicipality() {
        expectRefused(
                given(opened(), joined(DANDERYD)).when(budget(DANDERYD, 2024, 1_000, OWNER)),
                ErrorCode.NOT_OFFICER_OF_MUNICIPALITY);
    }

    @Test
    void givenSubmittedApplication_whenABudgetLineIsSet_thenRefusedAsApplicationAlreadySubmitted() {
        expectRefused(
                given(Story.submitted()).when(budget(DANDERYD, 2024, 1_000, officer(DANDERYD))),
                ErrorCode.APPLICATION_ALREADY_SUBMITTED);
    }

    // --- documents

    @Test
    void givenOpenApplication_whenTheOwnerAttachesThePreStudyReport_thenDocumentAttached() {
        given(opened())
                .when(attach("forstudierapport", DocumentKind.FORSTUDIERAPPORT, null, OWNER))
                .expectEvents(new DocumentAttached(
                        ID,
                        new DocumentId("forstudierapport"),
                        DocumentKind.FORSTUDIERAPPORT,
                        null,
                        "forstudierapport.pdf",
                        "application/pdf",
                        48_213,
                        "0f".repeat(32)));
    }

    @Test
    void givenInvitedMunicipality_whenItAttachesItsOwnOfficialReport_thenDocumentAttached() {
        given(opened())
                .when(attach("tjansteutlatande-0162", DocumentKind.TJANSTEUTLATANDE, DANDERYD, officer(DANDERYD)))
                .expectSuccessfulHandlerExecution()
                .expectState(application -> assertThat(application.state().documents())
                        .singleElement()
                        .satisfies(
                                document -> assertThat(document.municipality()).isEqualTo(DANDERYD)));
    }

    @Test
    void givenOpenApplication_whenAnOfficerAttachesForAnotherMunicipality_thenRefusedAsNotOfficerOfMunicipality() {
        expectRefused(
                given(opened()).when(attach("doc", DocumentKind.TJANSTEUTLATANDE, DANDERYD, officer(TABY))),
                ErrorCode.NOT_OFFICER_OF_MUNICIPALITY);
    }

    @Test
    void givenOpenApplication_whenAParticipantAttachesADocumentOfTheWholeApplication_thenRefusedAsNotProjectOwner() {
        expectRefused(
                given(opened()).when(attach("doc", DocumentKind.OTHER, null, officer(DANDERYD))),
                ErrorCode.NOT_PROJECT_OWNER);
    }

    @Test
    void givenOpenApplication_whenAnUninvitedMunicipalityAttaches_thenRefusedAsMunicipalityNotInvited() {
        expectRefused(
                given(opened(List.of(SIGTUNA)))
                        .when(attach("doc", DocumentKind.TJANSTEUTLATANDE, DANDERYD, officer(DANDERYD))),
                ErrorCode.MUNICIPALITY_NOT_INVITED);
    }

    @Test
    void givenOpenApplication_whenAnAuditorAttaches_thenRefusedAsRoleNotAllowed() {
        expectRefused(
                given(opened()).when(attach("doc", DocumentKind.OTHER, null, AUDITOR)), ErrorCode.ROLE_NOT_ALLOWED);
    }

    @Test
    void givenSubmittedApplication_whenTheFunderAttachesADocument_thenDocumentAttached() {
        given(Story.submitted())
                .when(attach("beslut", DocumentKind.OTHER, null, FUNDER))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void givenAttachedDocument_whenAttachingUnderTheSameId_thenRefusedAsDocumentAlreadyAttached() {
        expectRefused(
                given(opened())
                        .andGivenCommands(attach("doc", DocumentKind.OTHER, null, OWNER))
                        .when(attach("doc", DocumentKind.OTHER, null, OWNER)),
                ErrorCode.DOCUMENT_ALREADY_ATTACHED);
    }

    // --- submitting

    @Test
    void givenEveryParticipantSigned_whenTheOwnerSubmits_thenApplicationSubmitted() {
        given(Story.append(readyToSubmit(), new ParticipationDeclined(ID, VAXHOLM, "Deltar inte", null)))
                .when(submit(OWNER))
                .expectEvents(new ApplicationSubmitted(ID, Story.APPLIED_SEK, List.of(DANDERYD, SIGTUNA), 2, 1, 0, 12))
                .expectState(
                        application -> assertThat(application.state().status()).isEqualTo(Status.SUBMITTED));
    }

    @Test
    void givenJoiningClosed_whenTheOwnerSubmits_thenApplicationSubmitted() {
        given(Story.append(readyToSubmit(), new JoiningClosed(ID, JOINING_DEADLINE, 2)))
                .when(submit(OWNER))
                .expectEvents(Story.submittedEvent());
    }

    @Test
    void givenAWithdrawnUnsignedMunicipality_whenTheOwnerSubmits_thenApplicationSubmitted() {
        given(Story.append(readyToSubmit(), joined(TABY), new MunicipalityWithdrew(ID, TABY, "Nej", null)))
                .when(submit(OWNER))
                .expectEvents(new ApplicationSubmitted(ID, Story.APPLIED_SEK, List.of(DANDERYD, SIGTUNA), 2, 0, 1, 12));
    }

    @Test
    void givenEveryParticipantSigned_whenAnotherParticipantSubmits_thenRefusedAsNotProjectOwner() {
        expectRefused(given(readyToSubmit()).when(submit(officer(DANDERYD))), ErrorCode.NOT_PROJECT_OWNER);
        expectRefused(given(readyToSubmit()).when(submit(FUNDER)), ErrorCode.NOT_PROJECT_OWNER);
    }

    @Test
    void givenAJoinedMunicipalityHasNotSigned_whenTheOwnerSubmits_thenRefusedAsNotAllSigned() {
        expectRefused(
                given(Story.append(readyToSubmit(), joined(TABY), delegated(TABY)))
                        .when(submit(OWNER)),
                ErrorCode.NOT_ALL_SIGNED);
    }

    @Test
    void givenOnlyTheOwnerTakesPart_whenTheOwnerSubmits_thenRefusedAsTooFewParticipants() {
        expectRefused(
                given(opened(), joined(SIGTUNA), delegated(SIGTUNA), signed(SIGTUNA))
                        .when(submit(OWNER)),
                ErrorCode.TOO_FEW_PARTICIPANTS);
    }

    @Test
    void givenTheOwnerHasNotJoined_whenTheOwnerSubmits_thenRefusedAsOwnerNotJoined() {
        expectRefused(
                given(
                                opened(),
                                joined(DANDERYD),
                                delegated(DANDERYD),
                                signed(DANDERYD),
                                joined(TABY),
                                delegated(TABY),
                                signed(TABY))
                        .when(submit(OWNER)),
                ErrorCode.OWNER_NOT_JOINED);
    }

    @Test
    void givenSubmittedApplication_whenTheOwnerSubmitsAgain_thenRefusedAsApplicationAlreadySubmitted() {
        expectRefused(given(Story.submitted()).when(submit(OWNER)), ErrorCode.APPLICATION_ALREADY_SUBMITTED);
    }

    private static SetBudgetLine budget(MunicipalityCode municipality, int year, long amountSek, Actor actor) {
        return new SetBudgetLine(ID, municipality, year, amountSek, actor);
    }

    private static SubmitApplication submit(Actor actor) {
        return new SubmitApplication(ID, actor);
    }
}
