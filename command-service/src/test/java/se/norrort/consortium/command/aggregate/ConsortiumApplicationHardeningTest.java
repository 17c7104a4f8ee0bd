package se.norrort.consortium.command.aggregate;

import static se.norrort.consortium.command.aggregate.Story.DANDERYD;
import static se.norrort.consortium.command.aggregate.Story.ID;
import static se.norrort.consortium.command.aggregate.Story.SIGTUNA;
import static se.norrort.consortium.command.aggregate.Story.TABY;
import static se.norrort.consortium.command.aggregate.Story.attach;
import static se.norrort.consortium.command.aggregate.Story.decision;
import static se.norrort.consortium.command.aggregate.Story.delegationId;
import static se.norrort.consortium.command.aggregate.Story.joined;
import static se.norrort.consortium.command.aggregate.Story.officer;
import static se.norrort.consortium.command.aggregate.Story.opened;
import static se.norrort.consortium.command.aggregate.Story.signatory;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.commands.DelegateSignature;
import se.norrort.consortium.api.commands.SignCooperationForm;
import se.norrort.consortium.api.events.DocumentAttached;
import se.norrort.consortium.api.events.SignatureDelegated;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.DocumentKind;
import se.norrort.consortium.api.values.PersonId;
import se.norrort.consortium.command.domain.ErrorCode;

/** Four eyes, signatories of their own municipality only, and the per-application quotas (issue 13). */
class ConsortiumApplicationHardeningTest extends ConsortiumApplicationTestBase {

    private static SignatureDelegated delegatedTo(String delegationId, PersonId delegate) {
        return new SignatureDelegated(
                ID,
                new DelegationId(delegationId),
                DANDERYD,
                decision(DANDERYD),
                delegate,
                "Someone",
                "socialdirektör",
                "Underteckna",
                null);
    }

    @Test
    void givenAnOfficer_whenSheDelegatesTheSigningToHerself_thenRefusedAsSelfDelegation() {
        Actor officer = officer(DANDERYD);
        expectRefused(
                given(opened(), joined(DANDERYD))
                        .when(new DelegateSignature(
                                ID,
                                delegationId(DANDERYD),
                                DANDERYD,
                                decision(DANDERYD),
                                officer.personId(),
                                "Handläggare",
                                "handläggare",
                                "Underteckna",
                                null,
                                officer)),
                ErrorCode.SELF_DELEGATION_NOT_ALLOWED);
    }

    @Test
    void givenADelegationNamingAnOfficer_whenSheSignsWithHerOfficerToken_thenRefusedAsNotASignatory() {
        Actor officer = officer(DANDERYD);
        expectRefused(
                given(opened(), joined(DANDERYD), delegatedTo("d-officer", officer.personId()))
                        .when(new SignCooperationForm(ID, DANDERYD, new DelegationId("d-officer"), officer)),
                ErrorCode.NOT_SIGNATORY_OF_MUNICIPALITY);
    }

    @Test
    void givenDanderydsDelegationNamingTabysSignatory_whenTheySignForDanderyd_thenRefused() {
        Actor taby = signatory(TABY);
        expectRefused(
                given(opened(), joined(DANDERYD), delegatedTo("d-taby", taby.personId()))
                        .when(new SignCooperationForm(ID, DANDERYD, new DelegationId("d-taby"), taby)),
                ErrorCode.NOT_SIGNATORY_OF_MUNICIPALITY);
    }

    @Test
    void givenTwentyDelegationsOfAMunicipality_whenRecordingAnother_thenRefusedAsDelegationLimitReached() {
        List<Object> events = new ArrayList<>(List.of(opened(), joined(DANDERYD)));
        for (int i = 0; i < ConsortiumApplication.MAX_DELEGATIONS_PER_MUNICIPALITY; i++) {
            events.add(delegatedTo("d-" + i, new PersonId("person-" + i)));
        }
        expectRefused(
                given(events.toArray())
                        .when(new DelegateSignature(
                                ID,
                                new DelegationId("d-one-more"),
                                DANDERYD,
                                decision(DANDERYD),
                                new PersonId("person-x"),
                                "X",
                                "socialdirektör",
                                "Underteckna",
                                null,
                                officer(DANDERYD))),
                ErrorCode.DELEGATION_LIMIT_REACHED);
    }

    @Test
    void givenAHundredDocuments_whenAttachingAnother_thenRefusedAsDocumentLimitReached() {
        List<Object> events = new ArrayList<>(List.of(opened()));
        for (int i = 0; i < ConsortiumApplication.MAX_DOCUMENTS; i++) {
            events.add(new DocumentAttached(
                    ID,
                    new DocumentId("doc-" + i),
                    DocumentKind.OTHER,
                    null,
                    "doc.pdf",
                    "application/pdf",
                    10,
                    "0f".repeat(32)));
        }
        expectRefused(
                given(events.toArray()).when(attach("doc-one-more", DocumentKind.OTHER, null, officer(SIGTUNA))),
                ErrorCode.DOCUMENT_LIMIT_REACHED);
    }
}
