package se.norrort.consortium.command.signing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.MetadataKeys;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.command.web.CommandApiScenarioBase;
import se.norrort.consortium.eventstore.StoredEvent;

/** Delegations, their revocation, and signatures over HTTP. */
class SigningApiTest extends CommandApiScenarioBase {

    // --- delegations

    @Test
    void givenAJoinedMunicipality_whenItDelegatesWithItsOwnId_then201WithTheDelegationsLocationAndId() {
        open("app-delegate");
        join("app-delegate", DANDERYD);

        post(municipalityPath("app-delegate", DANDERYD) + "/delegations", DANDERYD)
                .bodyValue(delegationJson("danderyd-socialdirektor", "britt-marie.ekstrom", decisionJson("§ 45")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals(
                        "Location",
                        "/api/applications/app-delegate/municipalities/0162/delegations/danderyd-socialdirektor")
                .expectHeader()
                .valueEquals("ETag", "\"2\"")
                .expectBody()
                .jsonPath("$.applicationId")
                .isEqualTo("app-delegate")
                .jsonPath("$.delegationId")
                .isEqualTo("danderyd-socialdirektor")
                .jsonPath("$.version")
                .isEqualTo(2)
                .jsonPath("$.position")
                .isNumber();

        StoredEvent delegated = lastEvent("app-delegate");
        assertThat(delegated.payloadType()).isEqualTo("SignatureDelegated");
        assertThat(delegated.payload()).contains("danderyd-socialdirektor").contains("britt-marie.ekstrom");
    }

    @Test
    void givenADelegationWithoutId_whenRecorded_thenTheServerChoosesTheIdAndAnswersIt() {
        open("app-delegate-noid");
        join("app-delegate-noid", DANDERYD);

        var result = post(municipalityPath("app-delegate-noid", DANDERYD) + "/delegations", DANDERYD)
                .bodyValue(delegationJson(null, "britt-marie.ekstrom", decisionJson("§ 45")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(SigningCommandController.DelegationAccepted.class)
                .returnResult();

        String delegationId = result.getResponseBody().delegationId();
        assertThat(delegationId).isNotBlank();
        assertThat(result.getResponseHeaders().getLocation())
                .hasToString("/api/applications/app-delegate-noid/municipalities/0162/delegations/" + delegationId);
        assertThat(lastEvent("app-delegate-noid").payload()).contains(delegationId);
    }

    @Test
    void givenAnExistingDelegation_whenDelegatingWithTheSameId_thenProblem409AndNothingStored() {
        open("app-delegate-twice");
        join("app-delegate-twice", DANDERYD);
        delegate("app-delegate-twice", DANDERYD);

        expectRefused(
                post(municipalityPath("app-delegate-twice", DANDERYD) + "/delegations", DANDERYD)
                        .bodyValue(delegationJson(delegationId(DANDERYD), "someone-else", decisionJson("§ 47"))),
                409,
                "DELEGATION_ALREADY_EXISTS");
    }

    @Test
    void givenADelegation_whenAnOfficerOfAnotherMunicipalityDelegatesForDanderyd_thenProblem403() {
        open("app-delegate-other");
        join("app-delegate-other", DANDERYD);

        expectRefused(
                post(municipalityPath("app-delegate-other", DANDERYD) + "/delegations", TABY)
                        .bodyValue(delegationJson("d-1", "britt-marie.ekstrom", decisionJson("§ 45"))),
                403,
                "NOT_OFFICER_OF_MUNICIPALITY");
    }

    @Test
    void givenADelegationWithoutDelegateOrDecision_thenProblem400() {
        open("app-delegate-bad");
        join("app-delegate-bad", DANDERYD);

        expectRefused(
                post(municipalityPath("app-delegate-bad", DANDERYD) + "/delegations", DANDERYD)
                        .bodyValue("{\"decision\":" + decisionJson("§ 45") + ",\"delegateName\":\"X\","
                                + "\"delegateRole\":\"socialdirektör\",\"scope\":\"Underteckna\"}"),
                400,
                "INVALID_REQUEST");
        expectRefused(
                post(municipalityPath("app-delegate-bad", DANDERYD) + "/delegations", DANDERYD)
                        .bodyValue("{\"delegate\":\"britt-marie.ekstrom\",\"delegateName\":\"X\","
                                + "\"delegateRole\":\"socialdirektör\",\"scope\":\"Underteckna\"}"),
                400,
                "INVALID_REQUEST");
    }

    @Test
    void
            givenTwentyDelegationsOfAMunicipality_whenRecordingAnother_thenProblem409DelegationLimitReachedAndNothingStored() {
        open("app-delegate-limit");
        join("app-delegate-limit", DANDERYD);
        join("app-delegate-limit", SIGTUNA);
        for (int i = 0; i < SigningRules.MAX_DELEGATIONS_PER_MUNICIPALITY; i++) {
            post(municipalityPath("app-delegate-limit", DANDERYD) + "/delegations", DANDERYD)
                    .bodyValue(delegationJson("d-limit-" + i, "delegate-" + i, decisionJson("§ 46")))
                    .exchange()
                    .expectStatus()
                    .isCreated();
        }

        expectRefused(
                post(municipalityPath("app-delegate-limit", DANDERYD) + "/delegations", DANDERYD)
                        .bodyValue(delegationJson("d-limit-more", "delegate-more", decisionJson("§ 46"))),
                409,
                "DELEGATION_LIMIT_REACHED");
        post(municipalityPath("app-delegate-limit", DANDERYD) + "/delegations", DANDERYD)
                .bodyValue(delegationJson("d-limit-more", "delegate-more", decisionJson("§ 46")))
                .exchange()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo(ErrorCode.DELEGATION_LIMIT_REACHED.title())
                .jsonPath("$.detail")
                .isEqualTo("At most 20 delegations of one municipality in one application are allowed.");
        // the limit is per municipality: Sigtuna still delegates in the same application
        delegate("app-delegate-limit", SIGTUNA);
    }

    // --- revoke

    @Test
    void givenADelegation_whenTheMunicipalityRevokesIt_thenAccepted() {
        open("app-revoke");
        join("app-revoke", DANDERYD);
        delegate("app-revoke", DANDERYD);

        post(municipalityPath("app-revoke", DANDERYD) + "/delegations/" + delegationId(DANDERYD) + "/revoke", DANDERYD)
                .bodyValue("{\"reason\":\"Uppdraget återkallat\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(3);

        assertThat(lastEvent("app-revoke").payloadType()).isEqualTo("SignatureDelegationRevoked");
    }

    @Test
    void givenARevokedDelegation_whenRevokedAgainOrUnknown_thenRefusedAndNothingStored() {
        open("app-revoke-twice");
        join("app-revoke-twice", DANDERYD);
        delegate("app-revoke-twice", DANDERYD);
        String revoke =
                municipalityPath("app-revoke-twice", DANDERYD) + "/delegations/" + delegationId(DANDERYD) + "/revoke";
        post(revoke, DANDERYD)
                .bodyValue("{\"reason\":\"Återkallad\"}")
                .exchange()
                .expectStatus()
                .isAccepted();

        expectRefused(post(revoke, DANDERYD).bodyValue("{\"reason\":\"Återkallad igen\"}"), 409, "DELEGATION_REVOKED");
        expectRefused(
                post(municipalityPath("app-revoke-twice", DANDERYD) + "/delegations/no-such/revoke", DANDERYD)
                        .bodyValue("{\"reason\":\"Återkallad\"}"),
                404,
                "DELEGATION_NOT_FOUND");
        expectRefused(post(revoke, DANDERYD).bodyValue("{}"), 400, "INVALID_REQUEST");
    }

    // --- signature

    @Test
    void givenADelegation_whenTheDelegateSigns_thenAcceptedAndTheDelegationIsInTheMetadata() {
        open("app-sign");
        join("app-sign", DANDERYD);
        delegate("app-sign", DANDERYD);

        asSignatory(municipalityPath("app-sign", DANDERYD) + "/signature", DANDERYD)
                .bodyValue("{\"delegationId\":\"" + delegationId(DANDERYD) + "\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(3);

        StoredEvent signed = lastEvent("app-sign");
        assertThat(signed.payloadType()).isEqualTo("CooperationFormSigned");
        assertThat(signed.payload()).contains(signatoryId(DANDERYD));
        assertThat(signed.metadata())
                .contains("\"" + MetadataKeys.DELEGATION_ID + "\":\"" + delegationId(DANDERYD) + "\"")
                .contains("\"" + MetadataKeys.ACTOR_ROLE + "\":\"SIGNATORY\"")
                .contains("\"" + MetadataKeys.ACTOR_ID + "\":\"" + signatoryId(DANDERYD) + "\"");
    }

    @Test
    void givenADelegation_whenTheDelegateSignsWithoutNamingIt_thenTheApplicationPicksHerDelegation() {
        open("app-sign-implicit");
        join("app-sign-implicit", DANDERYD);
        delegate("app-sign-implicit", DANDERYD);

        asSignatory(municipalityPath("app-sign-implicit", DANDERYD) + "/signature", DANDERYD)
                .exchange()
                .expectStatus()
                .isAccepted();

        assertThat(lastEvent("app-sign-implicit").payload()).contains(delegationId(DANDERYD));
    }

    @Test
    void givenADelegation_whenSomeoneElseSigns_thenProblem403AndNothingStored() {
        open("app-sign-other");
        join("app-sign-other", DANDERYD);
        delegate("app-sign-other", DANDERYD);

        expectRefused(
                postAs(
                                municipalityPath("app-sign-other", DANDERYD) + "/signature",
                                "officer-0162",
                                "Officer 0162",
                                "MUNICIPALITY_OFFICER",
                                DANDERYD)
                        .bodyValue("{\"delegationId\":\"" + delegationId(DANDERYD) + "\"}"),
                403,
                "NOT_THE_DELEGATE");
    }

    @Test
    void givenNoDelegation_whenSigning_thenProblem409DelegationRequired() {
        open("app-sign-none");
        join("app-sign-none", DANDERYD);

        expectRefused(
                asSignatory(municipalityPath("app-sign-none", DANDERYD) + "/signature", DANDERYD)
                        .bodyValue("{}"),
                409,
                "DELEGATION_REQUIRED");
    }

    @Test
    void givenADelegationWhoseMinutesAreNotYetAnnounced_whenSigning_thenProblem409NotYetInEffect() {
        open("app-sign-early");
        join("app-sign-early", DANDERYD);
        String notAdjusted = decisionJson("Socialnämnden", today().minusDays(2), "§ 46", false, today().plusDays(12));
        post(municipalityPath("app-sign-early", DANDERYD) + "/delegations", DANDERYD)
                .bodyValue(delegationJson(delegationId(DANDERYD), signatoryId(DANDERYD), notAdjusted))
                .exchange()
                .expectStatus()
                .isCreated();

        expectRefused(
                asSignatory(municipalityPath("app-sign-early", DANDERYD) + "/signature", DANDERYD)
                        .bodyValue("{\"delegationId\":\"" + delegationId(DANDERYD) + "\"}"),
                409,
                "DELEGATION_NOT_YET_IN_EFFECT");
    }
}
