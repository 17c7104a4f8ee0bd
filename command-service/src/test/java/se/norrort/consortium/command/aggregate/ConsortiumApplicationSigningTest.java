package se.norrort.consortium.command.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.command.aggregate.Story.DANDERYD;
import static se.norrort.consortium.command.aggregate.Story.ID;
import static se.norrort.consortium.command.aggregate.Story.MEETING;
import static se.norrort.consortium.command.aggregate.Story.SIGTUNA;
import static se.norrort.consortium.command.aggregate.Story.TABY;
import static se.norrort.consortium.command.aggregate.Story.TODAY;
import static se.norrort.consortium.command.aggregate.Story.VAXHOLM;
import static se.norrort.consortium.command.aggregate.Story.decision;
import static se.norrort.consortium.command.aggregate.Story.delegate;
import static se.norrort.consortium.command.aggregate.Story.delegated;
import static se.norrort.consortium.command.aggregate.Story.delegationId;
import static se.norrort.consortium.command.aggregate.Story.joined;
import static se.norrort.consortium.command.aggregate.Story.officer;
import static se.norrort.consortium.command.aggregate.Story.opened;
import static se.norrort.consortium.command.aggregate.Story.sign;
import static se.norrort.consortium.command.aggregate.Story.signatory;
import static se.norrort.consortium.command.aggregate.Story.signed;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.commands.DelegateSignature;
import se.norrort.consortium.api.commands.RevokeSignatureDelegation;
import se.norrort.consortium.api.commands.SignCooperationForm;
import se.norrort.consortium.api.events.CooperationFormSigned;
import se.norrort.consortium.api.events.MunicipalityWithdrew;
import se.norrort.consortium.api.events.ParticipationDeclined;
import se.norrort.consortium.api.events.SignatureDelegated;
import se.norrort.consortium.api.events.SignatureDelegationRevoked;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.PersonId;
import se.norrort.consortium.api.values.Role;
import se.norrort.consortium.command.domain.ErrorCode;

/** Delegating the signing, revoking delegations, and signing cooperation forms. */
class ConsortiumApplicationSigningTest extends ConsortiumApplicationTestBase {

    // --- delegating

    @Test
    void givenJoinedMunicipality_whenItDelegatesSigning_thenSignatureDelegated() {
        given(opened(), joined(DANDERYD)).when(delegate(DANDERYD)).expectEvents(delegated(DANDERYD));
    }

    @Test
    void givenInvitedMunicipality_whenItDelegatesSigningBeforeJoining_thenSignatureDelegated() {
        given(opened()).when(delegate(DANDERYD)).expectEvents(delegated(DANDERYD));
    }

    @Test
    void givenDeclinedMunicipality_whenItDelegatesSigning_thenRefusedAsMunicipalityNotParticipating() {
        expectRefused(
                given(opened(), new ParticipationDeclined(ID, VAXHOLM, "Nej", null))
                        .when(delegate(VAXHOLM)),
                ErrorCode.MUNICIPALITY_NOT_PARTICIPATING);
    }

    @Test
    void givenMunicipalityNotInvited_whenItDelegatesSigning_thenRefusedAsMunicipalityNotInvited() {
        expectRefused(given(opened(List.of(SIGTUNA))).when(delegate(DANDERYD)), ErrorCode.MUNICIPALITY_NOT_INVITED);
    }

    @Test
    void givenJoinedMunicipality_whenAnotherMunicipalityDelegatesForIt_thenRefusedAsNotOfficerOfMunicipality() {
        var command = new DelegateSignature(
                ID,
                delegationId(DANDERYD),
                DANDERYD,
                decision(DANDERYD),
                Story.signatoryId(DANDERYD),
                "Britt-Marie Ekström",
                "socialdirektör",
                Story.SCOPE,
                null,
                officer(SIGTUNA));

        expectRefused(given(opened(), joined(DANDERYD)).when(command), ErrorCode.NOT_OFFICER_OF_MUNICIPALITY);
    }

    @Test
    void givenExistingDelegation_whenDelegatingUnderTheSameId_thenRefusedAsDelegationAlreadyExists() {
        expectRefused(
                given(opened(), joined(DANDERYD), delegated(DANDERYD)).when(delegate(DANDERYD)),
                ErrorCode.DELEGATION_ALREADY_EXISTS);
    }

    @Test
    void givenJoinedMunicipality_whenDelegatingValidOnlyUntilYesterday_thenRefusedAsDelegationValidityInvalid() {
        expectRefused(
                given(opened(), joined(DANDERYD)).when(delegate(DANDERYD, decision(DANDERYD), TODAY.minusDays(1))),
                ErrorCode.DELEGATION_VALIDITY_INVALID);
    }

    @Test
    void givenJoinedMunicipality_whenDelegatingOnAnotherMunicipalitysDecision_thenRefusedAsDecisionReferenceInvalid() {
        expectRefused(
                given(opened(), joined(DANDERYD)).when(delegate(DANDERYD, decision(TABY), null)),
                ErrorCode.DECISION_REFERENCE_INVALID);
    }

    @Test
    void givenSubmittedApplication_whenDelegatingSigning_thenRefusedAsApplicationAlreadySubmitted() {
        expectRefused(given(Story.submitted()).when(delegate(TABY)), ErrorCode.APPLICATION_ALREADY_SUBMITTED);
    }

    // --- revoking

    @Test
    void givenActiveDelegation_whenTheMunicipalityRevokesIt_thenSignatureDelegationRevoked() {
        given(opened(), joined(DANDERYD), delegated(DANDERYD))
                .when(revoke(DANDERYD, delegationId(DANDERYD), officer(DANDERYD)))
                .expectEvents(
                        new SignatureDelegationRevoked(ID, delegationId(DANDERYD), DANDERYD, "Ny socialdirektör"));
    }

    @Test
    void givenNoSuchDelegation_whenRevoking_thenRefusedAsDelegationNotFound() {
        expectRefused(
                given(opened(), joined(DANDERYD))
                        .when(revoke(DANDERYD, new DelegationId("unknown"), officer(DANDERYD))),
                ErrorCode.DELEGATION_NOT_FOUND);
    }

    @Test
    void givenAnotherMunicipalitysDelegation_whenRevokingItAsOwnDelegation_thenRefusedAsDelegationNotFound() {
        expectRefused(
                given(opened(), joined(DANDERYD), delegated(DANDERYD), joined(TABY))
                        .when(revoke(TABY, delegationId(DANDERYD), officer(TABY))),
                ErrorCode.DELEGATION_NOT_FOUND);
    }

    @Test
    void givenRevokedDelegation_whenRevokingAgain_thenRefusedAsDelegationRevoked() {
        expectRefused(
                given(opened(), joined(DANDERYD), delegated(DANDERYD), revoked(DANDERYD))
                        .when(revoke(DANDERYD, delegationId(DANDERYD), officer(DANDERYD))),
                ErrorCode.DELEGATION_REVOKED);
    }

    @Test
    void givenActiveDelegation_whenAnotherMunicipalityRevokesIt_thenRefusedAsNotOfficerOfMunicipality() {
        expectRefused(
                given(opened(), joined(DANDERYD), delegated(DANDERYD))
                        .when(revoke(DANDERYD, delegationId(DANDERYD), officer(SIGTUNA))),
                ErrorCode.NOT_OFFICER_OF_MUNICIPALITY);
    }

    // --- signing

    @Test
    void givenActiveDelegation_whenTheDelegateSigns_thenCooperationFormSigned() {
        given(opened(), joined(DANDERYD), delegated(DANDERYD))
                .when(sign(DANDERYD))
                .expectEvents(signed(DANDERYD))
                .expectState(application -> assertThat(application
                                .state()
                                .membership(DANDERYD)
                                .orElseThrow()
                                .signed())
                        .isTrue());
    }

    @Test
    void givenActiveDelegation_whenTheDelegateSignsWithoutNamingTheDelegation_thenCooperationFormSignedUnderIt() {
        given(opened(), joined(DANDERYD), delegated(DANDERYD))
                .when(new SignCooperationForm(ID, DANDERYD, null, signatory(DANDERYD)))
                .expectEvents(signed(DANDERYD));
    }

    @Test
    void givenActiveDelegation_whenSomeoneElseSigns_thenRefusedAsNotTheDelegate() {
        Actor someoneElse = new Actor(new PersonId("avdelningschef-0162"), "Lina Rönnerblad", Role.SIGNATORY, DANDERYD);

        expectRefused(
                given(opened(), joined(DANDERYD), delegated(DANDERYD))
                        .when(new SignCooperationForm(ID, DANDERYD, delegationId(DANDERYD), someoneElse)),
                ErrorCode.NOT_THE_DELEGATE);
        expectRefused(
                given(opened(), joined(DANDERYD), delegated(DANDERYD))
                        .when(new SignCooperationForm(ID, DANDERYD, null, someoneElse)),
                ErrorCode.NOT_THE_DELEGATE);
    }

    @Test
    void givenAnOfficerOfTheMunicipality_whenSigningWithoutADelegation_thenRefusedAsDelegationRequired() {
        expectRefused(
                given(opened(), joined(DANDERYD)).when(new SignCooperationForm(ID, DANDERYD, null, officer(DANDERYD))),
                ErrorCode.DELEGATION_REQUIRED);
    }

    @Test
    void givenAnotherMunicipalitysDelegate_whenSigningForDanderyd_thenRefusedAsDelegationRequired() {
        expectRefused(
                given(opened(), joined(DANDERYD), joined(TABY), delegated(TABY))
                        .when(new SignCooperationForm(ID, DANDERYD, null, signatory(TABY))),
                ErrorCode.DELEGATION_REQUIRED);
    }

    @Test
    void givenAnotherMunicipalitysDelegation_whenSigningUnderIt_thenRefusedAsDelegationNotFound() {
        expectRefused(
                given(opened(), joined(DANDERYD), joined(TABY), delegated(TABY))
                        .when(new SignCooperationForm(ID, DANDERYD, delegationId(TABY), signatory(TABY))),
                ErrorCode.DELEGATION_NOT_FOUND);
    }

    @Test
    void givenRevokedDelegation_whenTheFormerDelegateSigns_thenRefusedAsDelegationRevoked() {
        expectRefused(
                given(opened(), joined(DANDERYD), delegated(DANDERYD), revoked(DANDERYD))
                        .when(sign(DANDERYD)),
                ErrorCode.DELEGATION_REVOKED);
        expectRefused(
                given(opened(), joined(DANDERYD), delegated(DANDERYD), revoked(DANDERYD))
                        .when(new SignCooperationForm(ID, DANDERYD, null, signatory(DANDERYD))),
                ErrorCode.DELEGATION_REVOKED);
    }

    @Test
    void givenDelegationValidUntilToday_whenTheDelegateSigns_thenCooperationFormSigned() {
        given(opened(), joined(DANDERYD), delegated(DANDERYD, decision(DANDERYD), TODAY))
                .when(sign(DANDERYD))
                .expectEvents(signed(DANDERYD));
    }

    @Test
    void givenDelegationValidUntilYesterday_whenTheDelegateSigns_thenRefusedAsDelegationExpired() {
        expectRefused(
                given(opened(), joined(DANDERYD), delegated(DANDERYD, decision(DANDERYD), TODAY.minusDays(1)))
                        .when(sign(DANDERYD)),
                ErrorCode.DELEGATION_EXPIRED);
    }

    @Test
    void
            givenDelegationWithoutImmediateAdjustment_whenTheDelegateSignsBeforeTheAnnouncement_thenRefusedAsNotYetInEffect() {
        DecisionReference notAdjusted =
                new DecisionReference(DANDERYD, "Socialnämnden", MEETING, "§ 45", false, TODAY.plusDays(3));

        expectRefused(
                given(opened(), joined(DANDERYD), delegated(DANDERYD, notAdjusted, null))
                        .when(sign(DANDERYD)),
                ErrorCode.DELEGATION_NOT_YET_IN_EFFECT);
    }

    @Test
    void
            givenDelegationWithoutImmediateAdjustment_whenTheDelegateSignsOnTheAnnouncementDay_thenCooperationFormSigned() {
        DecisionReference notAdjusted = new DecisionReference(DANDERYD, "Socialnämnden", MEETING, "§ 45", false, TODAY);

        given(opened(), joined(DANDERYD), delegated(DANDERYD, notAdjusted, null))
                .when(sign(DANDERYD))
                .expectEvents(signed(DANDERYD));
    }

    @Test
    void givenInvitedMunicipalityWithADelegate_whenTheDelegateSignsBeforeJoining_thenRefusedAsMunicipalityNotJoined() {
        expectRefused(given(opened(), delegated(DANDERYD)).when(sign(DANDERYD)), ErrorCode.MUNICIPALITY_NOT_JOINED);
    }

    @Test
    void givenWithdrawnMunicipality_whenTheDelegateSigns_thenRefusedAsMunicipalityNotJoined() {
        expectRefused(
                given(
                                opened(),
                                joined(DANDERYD),
                                delegated(DANDERYD),
                                new MunicipalityWithdrew(ID, DANDERYD, "Nej", null))
                        .when(sign(DANDERYD)),
                ErrorCode.MUNICIPALITY_NOT_JOINED);
    }

    @Test
    void givenSignedForm_whenTheDelegateSignsAgain_thenRefusedAsAlreadySigned() {
        expectRefused(
                given(opened(), joined(DANDERYD), delegated(DANDERYD), signed(DANDERYD))
                        .when(sign(DANDERYD)),
                ErrorCode.ALREADY_SIGNED);
    }

    @Test
    void givenSubmittedApplication_whenADelegateSigns_thenRefusedAsApplicationAlreadySubmitted() {
        expectRefused(given(Story.submitted()).when(sign(DANDERYD)), ErrorCode.APPLICATION_ALREADY_SUBMITTED);
    }

    @Test
    void givenSignedForm_whenTheDelegationIsRevokedAfterwards_thenTheSignatureStands() {
        given(opened(), joined(DANDERYD), delegated(DANDERYD), signed(DANDERYD))
                .when(revoke(DANDERYD, delegationId(DANDERYD), officer(DANDERYD)))
                .expectEvents(revoked(DANDERYD))
                .expectState(application -> {
                    assertThat(application
                                    .state()
                                    .membership(DANDERYD)
                                    .orElseThrow()
                                    .signed())
                            .isTrue();
                    assertThat(application
                                    .state()
                                    .delegation(delegationId(DANDERYD))
                                    .orElseThrow()
                                    .revoked())
                            .isTrue();
                });
    }

    @Test
    void givenTwoDelegationsOneRevoked_whenTheDelegateSignsWithoutNamingOne_thenTheActiveOneIsUsed() {
        DelegationId second = new DelegationId("delegation-0162-b");
        var secondDelegation = new SignatureDelegated(
                ID,
                second,
                DANDERYD,
                decision(DANDERYD),
                Story.signatoryId(DANDERYD),
                Story.signatoryName(DANDERYD),
                "socialdirektör",
                Story.SCOPE,
                LocalDate.of(2023, 12, 31));

        given(opened(), joined(DANDERYD), delegated(DANDERYD), revoked(DANDERYD), secondDelegation)
                .when(new SignCooperationForm(ID, DANDERYD, null, signatory(DANDERYD)))
                .expectEvents(new CooperationFormSigned(
                        ID,
                        DANDERYD,
                        Story.signatoryId(DANDERYD),
                        Story.signatoryName(DANDERYD),
                        "socialdirektör",
                        second));
    }

    private static RevokeSignatureDelegation revoke(
            MunicipalityCode municipality, DelegationId delegationId, Actor actor) {
        return new RevokeSignatureDelegation(ID, delegationId, municipality, "Ny socialdirektör", actor);
    }

    private static SignatureDelegationRevoked revoked(MunicipalityCode municipality) {
        return new SignatureDelegationRevoked(ID, delegationId(municipality), municipality, "Ny socialdirektör");
    }
}
