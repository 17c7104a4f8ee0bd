package se.norrort.consortium.command.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static se.norrort.consortium.command.aggregate.Story.DANDERYD;
import static se.norrort.consortium.command.aggregate.Story.ID;
import static se.norrort.consortium.command.aggregate.Story.TODAY;
import static se.norrort.consortium.command.aggregate.Story.decision;
import static se.norrort.consortium.command.aggregate.Story.delegate;
import static se.norrort.consortium.command.aggregate.Story.delegated;
import static se.norrort.consortium.command.aggregate.Story.delegationId;
import static se.norrort.consortium.command.aggregate.Story.joined;
import static se.norrort.consortium.command.aggregate.Story.officer;
import static se.norrort.consortium.command.aggregate.Story.opened;
import static se.norrort.consortium.command.aggregate.Story.sign;
import static se.norrort.consortium.command.aggregate.Story.signed;
import static se.norrort.consortium.command.domain.RuleChecks.assertRefused;
import static se.norrort.consortium.command.domain.RuleChecks.given;

import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.commands.DelegateSignature;
import se.norrort.consortium.api.commands.SignCooperationForm;
import se.norrort.consortium.api.events.SignatureDelegationRevoked;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.model.ApplicationState;

class SigningRulesTest {

    @Test
    void givenADelegationToTheSignatory_whenTheSignatorySigns_thenTheDelegationIsTheOneSignedUnder() {
        ApplicationState state = given(opened(), joined(DANDERYD), delegated(DANDERYD));

        assertThat(SigningRules.checkSignature(state, sign(DANDERYD), TODAY).delegationId())
                .isEqualTo(delegationId(DANDERYD));
    }

    @Test
    void givenNoDelegation_whenASignatorySignsWithoutNamingOne_thenADelegationIsRequired() {
        ApplicationState state = given(opened(), joined(DANDERYD));
        Actor signatory = se.norrort.consortium.command.aggregate.Story.signatory(DANDERYD);

        assertRefused(
                ErrorCode.DELEGATION_REQUIRED,
                () -> SigningRules.checkSignature(
                        state, new SignCooperationForm(ID, DANDERYD, null, signatory), TODAY));
    }

    @Test
    void givenARevokedDelegation_whenTheSignatorySignsUnderIt_thenItIsRevoked() {
        ApplicationState state = given(
                opened(),
                joined(DANDERYD),
                delegated(DANDERYD),
                new SignatureDelegationRevoked(ID, delegationId(DANDERYD), DANDERYD, "Fel person"));

        assertRefused(ErrorCode.DELEGATION_REVOKED, () -> SigningRules.checkSignature(state, sign(DANDERYD), TODAY));
    }

    @Test
    void givenASignedForm_whenSigningAgain_thenItIsAlreadySigned() {
        ApplicationState state = given(opened(), joined(DANDERYD), delegated(DANDERYD), signed(DANDERYD));

        assertRefused(ErrorCode.ALREADY_SIGNED, () -> SigningRules.checkSignature(state, sign(DANDERYD), TODAY));
    }

    @Test
    void givenAnOfficer_whenTheOfficerDelegatesToThemselves_thenFourEyesRefuse() {
        ApplicationState state = given(opened(), joined(DANDERYD));
        Actor officer = officer(DANDERYD);
        DelegateSignature toSelf = new DelegateSignature(
                ID,
                delegationId(DANDERYD),
                DANDERYD,
                decision(DANDERYD),
                officer.personId(),
                "Handläggare",
                "handläggare",
                "Underteckna",
                null,
                officer);

        assertRefused(ErrorCode.SELF_DELEGATION_NOT_ALLOWED, () -> SigningRules.checkDelegation(state, toSelf, TODAY));
    }

    @Test
    void givenAJoinedMunicipality_whenItsOfficerDelegatesToTheSignatory_thenNothingIsRefused() {
        ApplicationState state = given(opened(), joined(DANDERYD));

        assertThatCode(() -> SigningRules.checkDelegation(state, delegate(DANDERYD), TODAY))
                .doesNotThrowAnyException();
    }
}
