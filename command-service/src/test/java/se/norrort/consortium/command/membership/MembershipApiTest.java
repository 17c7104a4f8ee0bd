package se.norrort.consortium.command.membership;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.norrort.consortium.command.web.CommandApiScenarioBase;
import se.norrort.consortium.eventstore.StoredEvent;

/** Invite, decline, withdraw and decision corrections over HTTP. */
class MembershipApiTest extends CommandApiScenarioBase {

    // --- invite

    @Test
    void givenAnApplicationWithoutTaby_whenTheOwnerInvitesTaby_thenAcceptedAndRecorded() {
        post("/api/applications", SIGTUNA)
                .bodyValue(openJson("app-invite", "[\"0162\"]"))
                .exchange()
                .expectStatus()
                .isCreated();

        post(municipalityPath("app-invite", TABY) + "/invite", SIGTUNA)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.applicationId")
                .isEqualTo("app-invite")
                .jsonPath("$.version")
                .isEqualTo(1);

        StoredEvent invited = lastEvent("app-invite");
        assertThat(invited.payloadType()).isEqualTo("MunicipalityInvited");
        assertThat(invited.payload()).contains("\"0160\"");
    }

    @Test
    void givenAnApplication_whenAnotherMunicipalityInvites_thenProblem403NotProjectOwner() {
        post("/api/applications", SIGTUNA)
                .bodyValue(openJson("app-invite-other", "[\"0162\"]"))
                .exchange()
                .expectStatus()
                .isCreated();

        expectRefused(post(municipalityPath("app-invite-other", TABY) + "/invite", DANDERYD), 403, "NOT_PROJECT_OWNER");
    }

    @Test
    void givenAnApplication_whenInvitingAnInvitedOrAForeignMunicipality_thenRefused() {
        open("app-invite-twice");

        expectRefused(
                post(municipalityPath("app-invite-twice", TABY) + "/invite", SIGTUNA),
                409,
                "MUNICIPALITY_ALREADY_INVITED");
        expectRefused(
                post(municipalityPath("app-invite-twice", "0180") + "/invite", SIGTUNA),
                400,
                "NOT_CONSORTIUM_MUNICIPALITY");
        expectRefused(post(municipalityPath("app-invite-twice", "18") + "/invite", SIGTUNA), 400, "INVALID_REQUEST");
    }

    // --- decline

    @Test
    void givenAnInvitedMunicipality_whenItDeclinesWithADecision_thenAcceptedAndRecorded() {
        open("app-decline");

        post(municipalityPath("app-decline", VAXHOLM) + "/decline", VAXHOLM)
                .bodyValue("{\"reason\":\"Deltar inte i denna ansökan\",\"decision\":" + decisionJson("§ 12") + "}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(1);

        StoredEvent declined = lastEvent("app-decline");
        assertThat(declined.payloadType()).isEqualTo("ParticipationDeclined");
        assertThat(declined.payload()).contains("Deltar inte i denna ansökan").contains("§ 12");
    }

    @Test
    void givenAJoinedMunicipality_whenItDeclines_thenProblem409AndNothingStored() {
        open("app-decline-joined");
        join("app-decline-joined", TABY);

        expectRefused(
                post(municipalityPath("app-decline-joined", TABY) + "/decline", TABY)
                        .bodyValue("{\"reason\":\"Ändrat oss\"}"),
                409,
                "MUNICIPALITY_ALREADY_JOINED");
    }

    @Test
    void givenADeclineWithoutReasonOrWithAnIncompleteDecision_thenProblem400() {
        open("app-decline-bad");

        expectRefused(
                post(municipalityPath("app-decline-bad", VAXHOLM) + "/decline", VAXHOLM)
                        .bodyValue("{}"),
                400,
                "INVALID_REQUEST");
        expectRefused(
                post(municipalityPath("app-decline-bad", VAXHOLM) + "/decline", VAXHOLM)
                        .bodyValue("{\"reason\":\"Nej\",\"decision\":{\"body\":\"Socialnämnden\"}}"),
                400,
                "INVALID_REQUEST");
    }

    // --- withdraw

    @Test
    void givenAJoinedMunicipality_whenItWithdraws_thenAcceptedAndRecorded() {
        open("app-withdraw");
        join("app-withdraw", TABY);

        post(municipalityPath("app-withdraw", TABY) + "/withdraw", TABY)
                .bodyValue("{\"reason\":\"Omprioritering\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(2);

        assertThat(lastEvent("app-withdraw").payloadType()).isEqualTo("MunicipalityWithdrew");
    }

    @Test
    void givenAMunicipalityThatHasNotJoined_whenItWithdraws_thenProblem409AndNothingStored() {
        open("app-withdraw-not-joined");

        expectRefused(
                post(municipalityPath("app-withdraw-not-joined", TABY) + "/withdraw", TABY)
                        .bodyValue("{\"reason\":\"Omprioritering\"}"),
                409,
                "MUNICIPALITY_NOT_JOINED");
    }

    @Test
    void givenAJoinedMunicipality_whenAnotherMunicipalityWithdrawsIt_thenProblem403() {
        open("app-withdraw-other");
        join("app-withdraw-other", TABY);

        expectRefused(
                post(municipalityPath("app-withdraw-other", TABY) + "/withdraw", SIGTUNA)
                        .bodyValue("{\"reason\":\"Omprioritering\"}"),
                403,
                "NOT_OFFICER_OF_MUNICIPALITY");
    }

    // --- decision corrections

    @Test
    void givenAJoinWithAWrongParagraph_whenCorrected_thenAcceptedAndTheCorrectionNamesBoth() {
        open("app-correct");
        join("app-correct", DANDERYD);

        post(municipalityPath("app-correct", DANDERYD) + "/decision-corrections", DANDERYD)
                .bodyValue("{\"correctedReference\":" + decisionJson("§ 45") + ",\"newReference\":"
                        + decisionJson("§ 54") + ",\"reason\":\"Fel paragraf angavs\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(2);

        StoredEvent corrected = lastEvent("app-correct");
        assertThat(corrected.payloadType()).isEqualTo("DecisionReferenceCorrected");
        assertThat(corrected.payload()).contains("§ 45").contains("§ 54").contains("Fel paragraf angavs");
    }

    @Test
    void givenAJoin_whenCorrectingAReferenceThatIsNotTheRecordedOne_thenProblem409AndNothingStored() {
        open("app-correct-mismatch");
        join("app-correct-mismatch", DANDERYD);

        expectRefused(
                post(municipalityPath("app-correct-mismatch", DANDERYD) + "/decision-corrections", DANDERYD)
                        .bodyValue("{\"correctedReference\":" + decisionJson("§ 99") + ",\"newReference\":"
                                + decisionJson("§ 54") + ",\"reason\":\"Fel paragraf\"}"),
                409,
                "DECISION_REFERENCE_MISMATCH");
    }

    @Test
    void givenACorrectionWithoutNewReference_thenProblem400() {
        open("app-correct-bad");
        join("app-correct-bad", DANDERYD);

        expectRefused(
                post(municipalityPath("app-correct-bad", DANDERYD) + "/decision-corrections", DANDERYD)
                        .bodyValue("{\"correctedReference\":" + decisionJson("§ 45") + ",\"reason\":\"Fel paragraf\"}"),
                400,
                "INVALID_REQUEST");
    }
}
