package se.norrort.consortium.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.MetadataKeys;
import se.norrort.consortium.eventstore.StoredEvent;

/**
 * The story of the seed document, end to end over HTTP: Sigtuna (0191) opens the § 37 application; 14 of the 15
 * Koordination Norrort municipalities join on their committee decisions and Vaxholm (0187) declines; Danderyd's
 * Socialnämnden delegates the signing of the cooperation form to its socialdirektör Britt-Marie Ekström, adjusting the
 * paragraph immediately, and she signs; every other participant signs through a delegation of its own; Sigtuna
 * submits; Länsstyrelsen grants less than applied for, under a case number.
 */
class SeedStoryApiTest extends CommandApiScenarioBase {

    private static final String ID = "seed-story-norrort-gemensam-resurs";
    private static final String BRITT_MARIE = "britt-marie.ekstrom";
    private static final String DANDERYD_DELEGATION = "danderyd-socialdirektor";
    private static final String SCOPE = "Underteckna samverkansblankett till en projektansökan till Länsstyrelsen";

    /** The 14 participants in the order they join, each with the paragraph of its committee decision. */
    private static final Map<String, String> PARTICIPANTS = new LinkedHashMap<>();

    static {
        String[] codes = {
            "0191", "0114", "0115", "0117", "0123", "0125", "0139", "0160", "0162", "0163", "0183", "0184", "0186",
            "0188"
        };
        int paragraph = 40;
        for (String code : codes) {
            PARTICIPANTS.put(code, "§ " + paragraph++);
        }
    }

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theSeedDocumentsStory_fromOpeningToAPartialGrant() throws Exception {
        LocalDate today = today();

        // Sigtuna opens the § 37 application for all 15 municipalities.
        post("/api/applications", SIGTUNA)
                .bodyValue(openJson(ID, null))
                .exchange()
                .expectStatus()
                .isCreated();

        // 14 municipalities join on their committee decisions; Danderyd's paragraph is adjusted immediately.
        for (var participant : PARTICIPANTS.entrySet()) {
            post(municipalityPath(ID, participant.getKey()) + "/join", participant.getKey())
                    .bodyValue("{\"decision\":" + decision(participant.getKey(), today) + "}")
                    .exchange()
                    .expectStatus()
                    .isAccepted();
        }

        // Vaxholm declines.
        post(municipalityPath(ID, VAXHOLM) + "/decline", VAXHOLM)
                .bodyValue("{\"reason\":\"Vaxholm deltar inte i den gemensamma ansökan.\"}")
                .exchange()
                .expectStatus()
                .isAccepted();

        // Danderyd's Socialnämnden delegates the signing to its socialdirektör, in the same immediately adjusted
        // paragraph; she signs as herself.
        post(municipalityPath(ID, DANDERYD) + "/delegations", DANDERYD)
                .bodyValue("""
                        {"delegationId":"%s","decision":%s,"delegate":"%s","delegateName":"Britt-Marie Ekström",
                         "delegateRole":"socialdirektör","scope":"%s"}
                        """.formatted(DANDERYD_DELEGATION, decision(DANDERYD, today), BRITT_MARIE, SCOPE))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.delegationId")
                .isEqualTo(DANDERYD_DELEGATION);
        postAs(municipalityPath(ID, DANDERYD) + "/signature", BRITT_MARIE, "Britt-Marie Ekström", "SIGNATORY", DANDERYD)
                .bodyValue("{\"delegationId\":\"" + DANDERYD_DELEGATION + "\"}")
                .exchange()
                .expectStatus()
                .isAccepted();

        // Every other participant delegates to its own signatory, who signs.
        for (String code : PARTICIPANTS.keySet()) {
            if (!code.equals(DANDERYD)) {
                post(municipalityPath(ID, code) + "/delegations", code)
                        .bodyValue(delegationJson(delegationId(code), signatoryId(code), decision(code, today)))
                        .exchange()
                        .expectStatus()
                        .isCreated();
                sign(ID, code);
            }
        }

        // Sigtuna submits; Länsstyrelsen grants part of the applied amount.
        post("/api/applications/" + ID + "/submission", SIGTUNA)
                .exchange()
                .expectStatus()
                .isAccepted();
        asFunder("/api/applications/" + ID + "/award")
                .bodyValue(awardJson(GRANTED_SEK, today))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(45);

        List<StoredEvent> stream = stream(ID);
        assertThat(stream).extracting(StoredEvent::payloadType).containsExactlyElementsOf(expectedTypes());

        int danderydsDelegation = 1 + PARTICIPANTS.size() + 1;
        JsonNode delegated = json.readTree(stream.get(danderydsDelegation).payload());
        assertThat(delegated.get("delegationId").asText()).isEqualTo(DANDERYD_DELEGATION);
        assertThat(delegated.get("delegateName").asText()).isEqualTo("Britt-Marie Ekström");
        assertThat(delegated.at("/decision/immediateAdjustment").asBoolean()).isTrue();
        assertThat(delegated.at("/decision/body").asText()).isEqualTo("Socialnämnden");

        StoredEvent brittMariesSignature = stream.get(danderydsDelegation + 1);
        assertThat(brittMariesSignature.payloadType()).isEqualTo("CooperationFormSigned");
        JsonNode signed = json.readTree(brittMariesSignature.payload());
        assertThat(signed.get("municipality").asText()).isEqualTo(DANDERYD);
        assertThat(signed.get("signatory").asText()).isEqualTo(BRITT_MARIE);
        assertThat(signed.get("signatoryName").asText()).isEqualTo("Britt-Marie Ekström");
        assertThat(signed.get("signatoryRole").asText()).isEqualTo("socialdirektör");
        assertThat(signed.get("delegationId").asText()).isEqualTo(DANDERYD_DELEGATION);
        JsonNode signedBy = json.readTree(brittMariesSignature.metadata());
        assertThat(signedBy.get(MetadataKeys.ACTOR_ID).asText()).isEqualTo(BRITT_MARIE);
        assertThat(signedBy.get(MetadataKeys.ACTOR_ROLE).asText()).isEqualTo("SIGNATORY");
        assertThat(signedBy.get(MetadataKeys.ACTOR_NAME).asText()).isEqualTo("Britt-Marie Ekström");
        assertThat(signedBy.get(MetadataKeys.DELEGATION_ID).asText()).isEqualTo(DANDERYD_DELEGATION);

        JsonNode submitted = json.readTree(stream.get(stream.size() - 2).payload());
        assertThat(submitted.get("participantCount").asInt()).isEqualTo(14);
        assertThat(submitted.get("declinedCount").asInt()).isEqualTo(1);
        assertThat(submitted.get("unansweredCount").asInt()).isZero();

        JsonNode granted = json.readTree(stream.get(stream.size() - 1).payload());
        assertThat(granted.get("amountSek").asLong())
                .isEqualTo(GRANTED_SEK)
                .isLessThan(granted.get("appliedAmountSek").asLong());
        assertThat(granted.get("appliedAmountSek").asLong()).isEqualTo(APPLIED_SEK);
        assertThat(granted.get("caseNumber").asText()).startsWith("851-");
        assertThat(json.readTree(stream.get(stream.size() - 1).metadata())
                        .get(MetadataKeys.ACTOR_ROLE)
                        .asText())
                .isEqualTo("FUNDER_OFFICER");
    }

    /**
     * The committee decision of a participant. Danderyd's Socialnämnden met two weeks ago and adjusted the paragraph
     * immediately; the others met three weeks ago and announced their approved minutes a week ago.
     */
    private static String decision(String code, LocalDate today) {
        if (code.equals(DANDERYD)) {
            return decisionJson(
                    "Socialnämnden", today.minusDays(14), PARTICIPANTS.get(code), true, today.minusDays(14));
        }
        return decisionJson("Socialnämnden", today.minusDays(21), PARTICIPANTS.get(code), false, today.minusDays(7));
    }

    private static List<String> expectedTypes() {
        List<String> types = new ArrayList<>();
        types.add("ApplicationOpened");
        PARTICIPANTS.keySet().forEach(code -> types.add("MunicipalityJoined"));
        types.add("ParticipationDeclined");
        PARTICIPANTS.keySet().forEach(code -> {
            types.add("SignatureDelegated");
            types.add("CooperationFormSigned");
        });
        types.add("ApplicationSubmitted");
        types.add("AwardGranted");
        return types;
    }
}
