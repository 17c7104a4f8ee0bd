package se.norrort.consortium.command.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import se.norrort.consortium.command.web.CommandApiScenarioBase;
import se.norrort.consortium.command.web.DocumentUploadSupport;
import se.norrort.consortium.eventstore.StoredEvent;

/** Budget lines, document uploads and submission over HTTP. */
class SubmissionApiTest extends CommandApiScenarioBase {

    /** Stockholm: not one of the consortium's municipalities, so never invited. */
    private static final String STOCKHOLM = "0180";

    private static final byte[] CONTENT = DocumentUploadSupport.PDF;
    private static final String SHA_256 = DocumentUploadSupport.sha256(CONTENT);

    /** A multipart upload of {@link #CONTENT} as {@code tjansteutlatande.pdf}. */
    private static MultiValueMap<String, HttpEntity<?>> document(String documentId, String kind, String municipality) {
        List<String> fields = new ArrayList<>(List.of("kind", kind));
        if (documentId != null) {
            fields.addAll(List.of("documentId", documentId));
        }
        if (municipality != null) {
            fields.addAll(List.of("municipality", municipality));
        }
        return DocumentUploadSupport.upload(
                CONTENT, "tjansteutlatande.pdf", MediaType.APPLICATION_PDF, fields.toArray(String[]::new));
    }

    /** {@code spec} sending {@code body} as multipart/form-data. */
    private static WebTestClient.RequestHeadersSpec<?> multipart(
            WebTestClient.RequestBodySpec spec, MultiValueMap<String, HttpEntity<?>> body) {
        return spec.contentType(MediaType.MULTIPART_FORM_DATA).bodyValue(body);
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
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(2);

        StoredEvent line = lastEvent("app-budget");
        assertThat(line.payloadType()).isEqualTo("BudgetLineSet");
        assertThat(line.payload()).contains("150000").contains(String.valueOf(year));
    }

    @Test
    void givenAJoinedMunicipality_whenTheYearIsOutsideThePeriod_thenProblem400AndNothingStored() {
        open("app-budget-year");
        join("app-budget-year", DANDERYD);

        expectRefused(
                post(municipalityPath("app-budget-year", DANDERYD) + "/budget-lines", DANDERYD)
                        .bodyValue("{\"year\":" + (today().getYear() + 5) + ",\"amountSek\":150000}"),
                400,
                "BUDGET_YEAR_OUTSIDE_PERIOD");
    }

    @Test
    void givenAMunicipalityThatHasNotJoined_whenItSetsABudgetLine_thenProblem409() {
        open("app-budget-not-joined");

        expectRefused(
                post(municipalityPath("app-budget-not-joined", DANDERYD) + "/budget-lines", DANDERYD)
                        .bodyValue("{\"year\":" + today().getYear() + ",\"amountSek\":150000}"),
                409,
                "MUNICIPALITY_NOT_JOINED");
    }

    @Test
    void givenABudgetLineWithoutAmountOrWithANonIntegerAmountOrYear_thenProblem400NotTruncated() {
        open("app-budget-bad");
        join("app-budget-bad", DANDERYD);

        expectRefused(
                post(municipalityPath("app-budget-bad", DANDERYD) + "/budget-lines", DANDERYD)
                        .bodyValue("{\"year\":" + today().getYear() + "}"),
                400,
                "INVALID_REQUEST");
        expectRefused(
                post(municipalityPath("app-budget-bad", DANDERYD) + "/budget-lines", DANDERYD)
                        .bodyValue("{\"year\":" + today().getYear() + ",\"amountSek\":\"many\"}"),
                400,
                "INVALID_REQUEST");
        expectRefused(
                post(municipalityPath("app-budget-bad", DANDERYD) + "/budget-lines", DANDERYD)
                        .bodyValue("{\"year\":" + today().getYear() + ",\"amountSek\":150000.50}"),
                400,
                "INVALID_REQUEST");
        expectRefused(
                post(municipalityPath("app-budget-bad", DANDERYD) + "/budget-lines", DANDERYD)
                        .bodyValue("{\"year\":" + today().getYear() + ".5,\"amountSek\":150000}"),
                400,
                "INVALID_REQUEST");
    }

    // --- documents (uploads in detail: command.documents.DocumentUploadApiTest)

    @Test
    void givenAnInvitedMunicipality_whenItUploadsItsTjansteutlatande_then201WithTheDocumentsLocationAndDigest() {
        open("app-document");

        multipart(
                        post("/api/applications/app-document/documents", DANDERYD),
                        document("danderyd-tjansteutlatande", "TJANSTEUTLATANDE", DANDERYD))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Location", "/api/applications/app-document/documents/danderyd-tjansteutlatande")
                .expectBody()
                .jsonPath("$.documentId")
                .isEqualTo("danderyd-tjansteutlatande")
                .jsonPath("$.version")
                .isEqualTo(1)
                .jsonPath("$.sha256")
                .isEqualTo(SHA_256)
                .jsonPath("$.sizeBytes")
                .isEqualTo(CONTENT.length);

        StoredEvent attached = lastEvent("app-document");
        assertThat(attached.payloadType()).isEqualTo("DocumentAttached");
        assertThat(attached.payload())
                .contains("TJANSTEUTLATANDE")
                .contains(SHA_256)
                .contains(DANDERYD)
                .contains("\"sizeBytes\":" + CONTENT.length);
    }

    @Test
    void givenTheOwner_whenItUploadsTheForstudierapportWithoutId_thenTheServerChoosesOne() {
        open("app-document-noid");

        multipart(
                        post("/api/applications/app-document-noid/documents", SIGTUNA),
                        document(null, "FORSTUDIERAPPORT", null))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.documentId")
                .isNotEmpty();
    }

    @Test
    void givenAnAttachedDocument_whenUploadedAgain_thenProblem409AndNothingStored() {
        open("app-document-twice");
        multipart(
                        post("/api/applications/app-document-twice/documents", SIGTUNA),
                        document("forstudierapport", "FORSTUDIERAPPORT", null))
                .exchange()
                .expectStatus()
                .isCreated();

        expectRefused(
                multipart(
                        post("/api/applications/app-document-twice/documents", SIGTUNA),
                        document("forstudierapport", "FORSTUDIERAPPORT", null)),
                409,
                "DOCUMENT_ALREADY_ATTACHED");
    }

    @Test
    void givenASignatory_whenUploadingADocument_thenProblem403RoleNotAllowed() {
        open("app-document-role");

        expectRefused(
                multipart(
                        asSignatory("/api/applications/app-document-role/documents", DANDERYD),
                        document("app-document-role-1", "OTHER", DANDERYD)),
                403,
                "ROLE_NOT_ALLOWED");
    }

    @Test
    void givenAMunicipalityNotInvited_whenUploadingItsDocument_thenProblem409() {
        open("app-document-not-invited");

        expectRefused(
                multipart(
                        post("/api/applications/app-document-not-invited/documents", STOCKHOLM),
                        document("app-document-not-invited-1", "TJANSTEUTLATANDE", STOCKHOLM)),
                409,
                "MUNICIPALITY_NOT_INVITED");
    }

    @Test
    void givenABadKindOrMunicipality_whenUploading_thenProblem400() {
        open("app-document-bad");

        expectRefused(
                multipart(
                        post("/api/applications/app-document-bad/documents", SIGTUNA),
                        document("app-document-bad-1", "NO_SUCH_KIND", null)),
                400,
                "INVALID_REQUEST");
        expectRefused(
                multipart(
                        post("/api/applications/app-document-bad/documents", SIGTUNA),
                        document("app-document-bad-2", "OTHER", "12")),
                400,
                "INVALID_REQUEST");
    }

    // --- submission

    @Test
    void givenEveryJoinedMunicipalitySigned_whenTheOwnerSubmits_thenAccepted() {
        readyToSubmit("app-submit");

        post("/api/applications/app-submit/submission", SIGTUNA)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(7);

        StoredEvent submitted = lastEvent("app-submit");
        assertThat(submitted.payloadType()).isEqualTo("ApplicationSubmitted");
        assertThat(submitted.payload()).contains(String.valueOf(APPLIED_SEK));
    }

    @Test
    void givenAJoinedMunicipalityThatHasNotSigned_whenTheOwnerSubmits_thenProblem409NotAllSigned() {
        readyToSubmit("app-submit-unsigned");
        join("app-submit-unsigned", TABY);

        expectRefused(post("/api/applications/app-submit-unsigned/submission", SIGTUNA), 409, "NOT_ALL_SIGNED");
    }

    @Test
    void givenAReadyApplication_whenAnotherMunicipalitySubmits_thenProblem403NotProjectOwner() {
        readyToSubmit("app-submit-other");

        expectRefused(post("/api/applications/app-submit-other/submission", DANDERYD), 403, "NOT_PROJECT_OWNER");
    }
}
