package se.norrort.consortium.command.web;

import org.junit.jupiter.api.Test;
import se.norrort.consortium.eventstore.StoredEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** Budget lines, document metadata and submission over HTTP. */
class PreparationApiTest extends CommandApiScenarioBase {

    private static final String SHA_256 = "0f".repeat(32);

    private static String documentJson(String documentId, String kind, String municipality) {
        return """
                {%s"kind":"%s",%s"fileName":"tjansteutlatande.pdf","mediaType":"application/pdf",
                 "sizeBytes":48213,"sha256":"%s"}
                """.formatted(documentId == null ? "" : "\"documentId\":\"" + documentId + "\",", kind,
                              municipality == null ? "" : "\"municipality\":\"" + municipality + "\",", SHA_256);
    }

    // --- budget lines

    @Test
    void givenAJoinedMunicipality_whenItSetsABudgetLine_thenAcceptedAndRecorded() {
        open("app-budget");
        join("app-budget", DANDERYD);
        int year = today().getYear() + 1;

        post(municipalityPath("app-budget", DANDERYD) + "/budget-lines", DANDERYD)
                .bodyValue("{\"year\":" + year + ",\"amountSek\":150000}")
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.version").isEqualTo(2);

        StoredEvent line = lastEvent("app-budget");
        assertThat(line.payloadType()).isEqualTo("BudgetLineSet");
        assertThat(line.payload()).contains("150000").contains(String.valueOf(year));
    }

    @Test
    void givenAJoinedMunicipality_whenTheYearIsOutsideThePeriod_thenProblem400AndNothingStored() {
        open("app-budget-year");
        join("app-budget-year", DANDERYD);

        expectRefused(post(municipalityPath("app-budget-year", DANDERYD) + "/budget-lines", DANDERYD)
                              .bodyValue("{\"year\":" + (today().getYear() + 5) + ",\"amountSek\":150000}"),
                      400, "BUDGET_YEAR_OUTSIDE_PERIOD");
    }

    @Test
    void givenAMunicipalityThatHasNotJoined_whenItSetsABudgetLine_thenProblem409() {
        open("app-budget-not-joined");

        expectRefused(post(municipalityPath("app-budget-not-joined", DANDERYD) + "/budget-lines", DANDERYD)
                              .bodyValue("{\"year\":" + today().getYear() + ",\"amountSek\":150000}"),
                      409, "MUNICIPALITY_NOT_JOINED");
    }

    @Test
    void givenABudgetLineWithoutAmountOrWithANonIntegerAmountOrYear_thenProblem400NotTruncated() {
        open("app-budget-bad");
        join("app-budget-bad", DANDERYD);

        expectRefused(post(municipalityPath("app-budget-bad", DANDERYD) + "/budget-lines", DANDERYD)
                              .bodyValue("{\"year\":" + today().getYear() + "}"),
                      400, "INVALID_REQUEST");
        expectRefused(post(municipalityPath("app-budget-bad", DANDERYD) + "/budget-lines", DANDERYD)
                              .bodyValue("{\"year\":" + today().getYear() + ",\"amountSek\":\"many\"}"),
                      400, "INVALID_REQUEST");
        expectRefused(post(municipalityPath("app-budget-bad", DANDERYD) + "/budget-lines", DANDERYD)
                              .bodyValue("{\"year\":" + today().getYear() + ",\"amountSek\":150000.50}"),
                      400, "INVALID_REQUEST");
        expectRefused(post(municipalityPath("app-budget-bad", DANDERYD) + "/budget-lines", DANDERYD)
                              .bodyValue("{\"year\":" + today().getYear() + ".5,\"amountSek\":150000}"),
                      400, "INVALID_REQUEST");
    }

    // --- documents

    @Test
    void givenAnInvitedMunicipality_whenItAttachesItsTjansteutlatande_then201WithTheDocumentsLocation() {
        open("app-document");

        post("/api/applications/app-document/documents", DANDERYD)
                .bodyValue(documentJson("danderyd-tjansteutlatande", "TJANSTEUTLATANDE", DANDERYD))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Location",
                                            "/api/applications/app-document/documents/danderyd-tjansteutlatande")
                .expectBody()
                .jsonPath("$.documentId").isEqualTo("danderyd-tjansteutlatande")
                .jsonPath("$.version").isEqualTo(1);

        StoredEvent attached = lastEvent("app-document");
        assertThat(attached.payloadType()).isEqualTo("DocumentAttached");
        assertThat(attached.payload()).contains("TJANSTEUTLATANDE").contains(SHA_256);
    }

    @Test
    void givenTheOwner_whenItAttachesTheForstudierapportWithoutId_thenTheServerChoosesOne() {
        open("app-document-noid");

        post("/api/applications/app-document-noid/documents", SIGTUNA)
                .bodyValue(documentJson(null, "FORSTUDIERAPPORT", null))
                .exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.documentId").isNotEmpty();
    }

    @Test
    void givenAnAttachedDocument_whenAttachedAgain_thenProblem409AndNothingStored() {
        open("app-document-twice");
        post("/api/applications/app-document-twice/documents", SIGTUNA)
                .bodyValue(documentJson("forstudierapport", "FORSTUDIERAPPORT", null))
                .exchange().expectStatus().isCreated();

        expectRefused(post("/api/applications/app-document-twice/documents", SIGTUNA)
                              .bodyValue(documentJson("forstudierapport", "FORSTUDIERAPPORT", null)),
                      409, "DOCUMENT_ALREADY_ATTACHED");
    }

    @Test
    void givenASignatory_whenAttachingADocument_thenProblem403RoleNotAllowed() {
        open("app-document-role");

        expectRefused(asSignatory("/api/applications/app-document-role/documents", DANDERYD)
                              .bodyValue(documentJson("d-1", "OTHER", DANDERYD)),
                      403, "ROLE_NOT_ALLOWED");
    }

    @Test
    void givenABadDigestOrKind_whenAttaching_thenProblem400() {
        open("app-document-bad");

        expectRefused(post("/api/applications/app-document-bad/documents", SIGTUNA)
                              .bodyValue(documentJson("d-1", "FORSTUDIERAPPORT", null).replace(SHA_256, "abc")),
                      400, "INVALID_REQUEST");
        expectRefused(post("/api/applications/app-document-bad/documents", SIGTUNA)
                              .bodyValue(documentJson("d-1", "NO_SUCH_KIND", null)),
                      400, "INVALID_REQUEST");
    }

    // --- submission

    @Test
    void givenEveryJoinedMunicipalitySigned_whenTheOwnerSubmits_thenAccepted() {
        readyToSubmit("app-submit");

        post("/api/applications/app-submit/submission", SIGTUNA)
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.version").isEqualTo(7);

        StoredEvent submitted = lastEvent("app-submit");
        assertThat(submitted.payloadType()).isEqualTo("ApplicationSubmitted");
        assertThat(submitted.payload()).contains(String.valueOf(APPLIED_SEK));
    }

    @Test
    void givenAJoinedMunicipalityThatHasNotSigned_whenTheOwnerSubmits_thenProblem409NotAllSigned() {
        readyToSubmit("app-submit-unsigned");
        join("app-submit-unsigned", TABY);

        expectRefused(post("/api/applications/app-submit-unsigned/submission", SIGTUNA),
                      409, "NOT_ALL_SIGNED");
    }

    @Test
    void givenAReadyApplication_whenAnotherMunicipalitySubmits_thenProblem403NotProjectOwner() {
        readyToSubmit("app-submit-other");

        expectRefused(post("/api/applications/app-submit-other/submission", DANDERYD), 403, "NOT_PROJECT_OWNER");
    }
}
