package se.norrort.consortium.command.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.command.web.DocumentUploadSupport.PDF;
import static se.norrort.consortium.command.web.DocumentUploadSupport.bytes;
import static se.norrort.consortium.command.web.DocumentUploadSupport.chunkCount;
import static se.norrort.consortium.command.web.DocumentUploadSupport.orphanChunkFileIds;
import static se.norrort.consortium.command.web.DocumentUploadSupport.rawUpload;
import static se.norrort.consortium.command.web.DocumentUploadSupport.sha256;
import static se.norrort.consortium.command.web.DocumentUploadSupport.storedContent;
import static se.norrort.consortium.command.web.DocumentUploadSupport.storedFile;
import static se.norrort.consortium.command.web.DocumentUploadSupport.storedFilesOf;
import static se.norrort.consortium.command.web.DocumentUploadSupport.upload;
import static se.norrort.consortium.command.web.DocumentUploadSupport.uploadFieldsFirst;
import static se.norrort.consortium.command.web.ProblemChecks.expectProblem;

import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.command.web.CommandApiTestBase;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.security.TestTokens;

/**
 * {@code POST /api/applications/{id}/documents} as a multipart upload: the content lands in GridFS (bucket
 * {@code documents}, file id = document id) and the event carries the digest and size the server computed; a refused
 * upload leaves neither an event nor content.
 */
class DocumentUploadApiTest extends CommandApiTestBase {

    private static final String SIGTUNA = "0191";
    private static final String DANDERYD = "0162";
    private static final MediaType DOCX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    @Autowired
    @Qualifier("norrortDatabase")
    private MongoDatabase database;

    private WebTestClient.RequestHeadersSpec<?> uploadAs(
            String applicationId, String role, String municipality, MultiValueMap<String, HttpEntity<?>> body) {
        WebTestClient.RequestBodySpec spec = web.post()
                .uri("/api/applications/" + applicationId + "/documents")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .headers(h -> h.setBearerAuth(TestTokens.token(
                        role.toLowerCase() + "-" + municipality, role + " " + municipality, role, municipality)));
        return spec.bodyValue(body);
    }

    private WebTestClient.RequestHeadersSpec<?> uploadAsOfficer(
            String applicationId, String municipality, MultiValueMap<String, HttpEntity<?>> body) {
        return uploadAs(applicationId, "MUNICIPALITY_OFFICER", municipality, body);
    }

    /** Refused with {@code status} and {@code code}; no event stored, no content left in GridFS. */
    private void expectRefusedAndNothingStored(
            String applicationId, WebTestClient.RequestHeadersSpec<?> request, int status, String code) {
        int events = allEvents().size();
        List<Document> files = storedFilesOf(database, applicationId);
        expectProblem(request.exchange(), status, code).jsonPath("$.detail").isNotEmpty();
        assertThat(allEvents()).as("events after a refusal").hasSize(events);
        assertThat(storedFilesOf(database, applicationId))
                .as("stored files after a refusal")
                .hasSameSizeAs(files);
        assertThat(orphanChunkFileIds(database))
                .as("chunks without a file after a refusal")
                .isEmpty();
    }

    // --- accepted

    @Test
    void givenTheOwner_whenItUploadsAPdf_then201AndTheEventAndTheStoredFileCarryTheDigestOfTheContent() {
        open("doc-pdf");
        String expectedSha = sha256(PDF);

        uploadAsOfficer(
                        "doc-pdf",
                        SIGTUNA,
                        upload(
                                PDF,
                                "forstudierapport.pdf",
                                MediaType.APPLICATION_PDF,
                                "kind",
                                "FORSTUDIERAPPORT",
                                "documentId",
                                "doc-pdf-forstudie"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Location", "/api/applications/doc-pdf/documents/doc-pdf-forstudie")
                .expectHeader()
                .valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.applicationId")
                .isEqualTo("doc-pdf")
                .jsonPath("$.documentId")
                .isEqualTo("doc-pdf-forstudie")
                .jsonPath("$.version")
                .isEqualTo(1)
                .jsonPath("$.position")
                .isNumber()
                .jsonPath("$.sha256")
                .isEqualTo(expectedSha)
                .jsonPath("$.sizeBytes")
                .isEqualTo(PDF.length);

        List<StoredEvent> stream = eventLog.readStream("doc-pdf", 0, 100);
        StoredEvent attached = stream.get(stream.size() - 1);
        assertThat(attached.payloadType()).isEqualTo("DocumentAttached");
        assertThat(attached.payload())
                .contains("\"sha256\":\"" + expectedSha + "\"")
                .contains("\"sizeBytes\":" + PDF.length)
                .contains("forstudierapport.pdf")
                .contains("application/pdf")
                .contains("FORSTUDIERAPPORT");

        Document file = storedFile(database, "doc-pdf-forstudie");
        assertThat(file).isNotNull();
        assertThat(file.getString("filename")).isEqualTo("forstudierapport.pdf");
        assertThat(((Number) file.get("length")).longValue()).isEqualTo(PDF.length);
        Document metadata = file.get("metadata", Document.class);
        assertThat(metadata.getString("applicationId")).isEqualTo("doc-pdf");
        assertThat(metadata.getString("kind")).isEqualTo("FORSTUDIERAPPORT");
        assertThat(metadata.getString("mediaType")).isEqualTo("application/pdf");
        assertThat(metadata.getString("sha256")).isEqualTo(expectedSha);
        assertThat(storedContent(database, "doc-pdf-forstudie")).isEqualTo(PDF);
    }

    @Test
    void givenADocumentOfSeveralChunks_whenUploadedWithTheFieldsFirst_thenEveryByteIsStoredAndDigested() {
        open("doc-large");
        byte[] content = bytes(700 * 1024 + 17, 42);

        uploadAsOfficer(
                        "doc-large",
                        SIGTUNA,
                        uploadFieldsFirst(
                                content, "bilaga.docx", DOCX, "documentId", "doc-large-bilaga", "kind", "OTHER"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.sha256")
                .isEqualTo(sha256(content))
                .jsonPath("$.sizeBytes")
                .isEqualTo(content.length);

        assertThat(storedContent(database, "doc-large-bilaga")).isEqualTo(content);
        assertThat(chunkCount(database, "doc-large-bilaga")).isEqualTo(3);
        assertThat(lastPayload("doc-large")).contains(sha256(content));
    }

    @Test
    void givenNoDocumentId_whenUploaded_thenTheServerChoosesOneAndStoresTheFileUnderIt() {
        open("doc-noid");

        byte[] body = uploadAsOfficer(
                        "doc-noid",
                        SIGTUNA,
                        upload(PDF, "rapport.pdf", MediaType.APPLICATION_PDF, "kind", "FORSTUDIERAPPORT"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.documentId")
                .isNotEmpty()
                .returnResult()
                .getResponseBodyContent();

        List<Document> files = storedFilesOf(database, "doc-noid");
        assertThat(files).hasSize(1);
        assertThat(new String(body, StandardCharsets.UTF_8))
                .contains("\"documentId\":\"" + files.get(0).get("_id"));
    }

    @Test
    void givenTheDocumentIdAfterTheFile_whenUploaded_thenTheFileIsStoredUnderThatIdOnly() {
        open("doc-id-last");
        byte[] content = bytes(300 * 1024, 7);

        uploadAsOfficer(
                        "doc-id-last",
                        SIGTUNA,
                        upload(
                                content,
                                "budget.pdf",
                                MediaType.APPLICATION_PDF,
                                "kind",
                                "OTHER",
                                "documentId",
                                "doc-id-last-budget"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Location", "/api/applications/doc-id-last/documents/doc-id-last-budget");

        List<Document> files = storedFilesOf(database, "doc-id-last");
        assertThat(files).extracting(d -> d.get("_id")).containsExactly("doc-id-last-budget");
        assertThat(storedContent(database, "doc-id-last-budget")).isEqualTo(content);
        assertThat(files.get(0).get("metadata", Document.class).getString("sha256"))
                .isEqualTo(sha256(content));
        assertThat(orphanChunkFileIds(database)).isEmpty();
    }

    @Test
    void givenATextFileWithACharset_whenUploaded_thenAcceptedAndTheCharsetKeptInTheMediaType() {
        open("doc-text");
        byte[] content = "Protokollsutdrag § 45\n".getBytes(StandardCharsets.UTF_8);

        uploadAsOfficer(
                        "doc-text",
                        SIGTUNA,
                        upload(
                                content,
                                "C:\\Users\\handlaggare\\utdrag.txt",
                                MediaType.parseMediaType("text/plain;charset=UTF-8"),
                                "kind",
                                "PROTOKOLLSUTDRAG",
                                "documentId",
                                "doc-text-utdrag"))
                .exchange()
                .expectStatus()
                .isCreated();

        Document file = storedFile(database, "doc-text-utdrag");
        assertThat(file.getString("filename")).isEqualTo("utdrag.txt");
        assertThat(file.get("metadata", Document.class).getString("mediaType")).isEqualTo("text/plain;charset=UTF-8");
    }

    @Test
    void givenAnIdempotencyKey_whenTheSameUploadIsRetried_thenTheFirstAnswerIsReplayedAndOneFileStored() {
        open("doc-retry");
        String boundary = "norrort-retry-boundary";
        byte[] body = rawUpload(
                boundary, PDF, "a.pdf", MediaType.APPLICATION_PDF, "kind", "OTHER", "documentId", "doc-retry-1");

        List<String> replayed = new java.util.ArrayList<>();
        for (int attempt = 0; attempt < 2; attempt++) {
            replayed.add(web.post()
                    .uri("/api/applications/doc-retry/documents")
                    .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
                    .header("Idempotency-Key", "upload-doc-retry-1")
                    .headers(h -> h.setBearerAuth(TestTokens.officer(SIGTUNA)))
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .jsonPath("$.sha256")
                    .isEqualTo(sha256(PDF))
                    .returnResult()
                    .getResponseHeaders()
                    .getFirst("Idempotent-Replayed"));
        }

        assertThat(replayed).containsExactly(null, "true");
        assertThat(eventLog.readStream("doc-retry", 0, 100)).hasSize(2);
        assertThat(storedFilesOf(database, "doc-retry")).hasSize(1);
    }

    // --- refused before anything is stored

    @Test
    void givenAnImage_whenUploaded_thenProblem415AndNothingStored() {
        open("doc-png");

        expectRefusedAndNothingStored(
                "doc-png",
                uploadAsOfficer(
                        "doc-png",
                        SIGTUNA,
                        upload(PDF, "karta.png", MediaType.IMAGE_PNG, "kind", "OTHER", "documentId", "doc-png-karta")),
                415,
                "UNSUPPORTED_DOCUMENT_TYPE");
        expectRefusedAndNothingStored(
                "doc-png",
                uploadAsOfficer(
                        "doc-png",
                        SIGTUNA,
                        upload(PDF, "okand.bin", MediaType.APPLICATION_OCTET_STREAM, "kind", "OTHER")),
                415,
                "UNSUPPORTED_DOCUMENT_TYPE");
        assertThat(storedFile(database, "doc-png-karta")).isNull();
    }

    @Test
    void givenALargeUploadWithoutKind_thenProblem400AndTheChunksAlreadyStoredAreRemoved() {
        open("doc-no-kind");

        // the file is stored chunk by chunk before the missing kind is noticed: all of it is removed again
        expectRefusedAndNothingStored(
                "doc-no-kind",
                uploadAsOfficer(
                        "doc-no-kind",
                        SIGTUNA,
                        upload(
                                bytes(600 * 1024, 3),
                                "a.pdf",
                                MediaType.APPLICATION_PDF,
                                "documentId",
                                "doc-no-kind-1")),
                400,
                "INVALID_REQUEST");
        assertThat(chunkCount(database, "doc-no-kind-1")).isZero();
    }

    @Test
    void givenAnUnknownKind_thenProblem400AndNothingStored() {
        open("doc-bad-kind");

        expectRefusedAndNothingStored(
                "doc-bad-kind",
                uploadAsOfficer(
                        "doc-bad-kind",
                        SIGTUNA,
                        upload(PDF, "a.pdf", MediaType.APPLICATION_PDF, "kind", "NO_SUCH_KIND")),
                400,
                "INVALID_REQUEST");
    }

    @Test
    void givenAFilePartWithoutFileName_thenProblem400AndNothingStored() {
        open("doc-no-name");

        expectRefusedAndNothingStored(
                "doc-no-name",
                uploadAsOfficer("doc-no-name", SIGTUNA, upload(PDF, null, MediaType.APPLICATION_PDF, "kind", "OTHER")),
                400,
                "INVALID_REQUEST");
    }

    @Test
    void givenAnEmptyFile_thenProblem400AndNothingStored() {
        open("doc-empty");

        expectRefusedAndNothingStored(
                "doc-empty",
                uploadAsOfficer(
                        "doc-empty",
                        SIGTUNA,
                        upload(new byte[0], "tom.pdf", MediaType.APPLICATION_PDF, "kind", "OTHER")),
                400,
                "INVALID_REQUEST");
    }

    @Test
    void givenAnInvalidDocumentId_thenProblem400AndNothingStored() {
        open("doc-bad-id");

        expectRefusedAndNothingStored(
                "doc-bad-id",
                uploadAsOfficer(
                        "doc-bad-id",
                        SIGTUNA,
                        upload(PDF, "a.pdf", MediaType.APPLICATION_PDF, "kind", "OTHER", "documentId", "no spaces")),
                400,
                "INVALID_REQUEST");
    }

    @Test
    void givenNoFilePart_thenProblem400AndNothingStored() {
        open("doc-no-file");
        MultipartBodyBuilder noFile = new MultipartBodyBuilder();
        noFile.part("kind", "OTHER");

        expectRefusedAndNothingStored(
                "doc-no-file", uploadAsOfficer("doc-no-file", SIGTUNA, noFile.build()), 400, "INVALID_REQUEST");
    }

    // --- refused by the application: the stored content is removed again

    @Test
    void givenAHundredDocuments_whenUploadingAnother_thenProblem409DocumentLimitReachedAndNoFileLeft() {
        open("doc-limit");
        for (int i = 0; i < DocumentRules.MAX_DOCUMENTS; i++) {
            uploadAsOfficer(
                            "doc-limit",
                            SIGTUNA,
                            upload(
                                    PDF,
                                    "bilaga.pdf",
                                    MediaType.APPLICATION_PDF,
                                    "kind",
                                    "OTHER",
                                    "documentId",
                                    "doc-limit-" + i))
                    .exchange()
                    .expectStatus()
                    .isCreated();
        }
        MultiValueMap<String, HttpEntity<?>> oneMore =
                upload(PDF, "bilaga.pdf", MediaType.APPLICATION_PDF, "kind", "OTHER", "documentId", "doc-limit-more");

        expectRefusedAndNothingStored(
                "doc-limit", uploadAsOfficer("doc-limit", SIGTUNA, oneMore), 409, "DOCUMENT_LIMIT_REACHED");
        expectProblem(uploadAsOfficer("doc-limit", SIGTUNA, oneMore).exchange(), 409, "DOCUMENT_LIMIT_REACHED")
                .jsonPath("$.title")
                .isEqualTo(ErrorCode.DOCUMENT_LIMIT_REACHED.title())
                .jsonPath("$.detail")
                .isEqualTo("At most 100 documents attached to one application are allowed.");
        assertThat(storedFile(database, "doc-limit-more")).isNull();
    }

    @Test
    void givenASignatory_whenUploading_thenProblem403AndNoFileLeft() {
        open("doc-signatory");

        expectRefusedAndNothingStored(
                "doc-signatory",
                uploadAs(
                        "doc-signatory",
                        "SIGNATORY",
                        SIGTUNA,
                        upload(
                                bytes(400 * 1024, 11),
                                "a.pdf",
                                MediaType.APPLICATION_PDF,
                                "kind",
                                "OTHER",
                                "documentId",
                                "doc-signatory-1")),
                403,
                "ROLE_NOT_ALLOWED");
        assertThat(storedFile(database, "doc-signatory-1")).isNull();
        assertThat(chunkCount(database, "doc-signatory-1")).isZero();
    }

    @Test
    void givenASignatory_whenUploadingToAnApplicationThatDoesNotExist_thenProblem404AsForAnyoneAndNoFileLeft() {
        // the role rule of attaching is the aggregate's (ADR 0030): the application is looked up before it
        expectRefusedAndNothingStored(
                "doc-signatory-nowhere",
                uploadAs(
                        "doc-signatory-nowhere",
                        "SIGNATORY",
                        SIGTUNA,
                        upload(
                                PDF,
                                "a.pdf",
                                MediaType.APPLICATION_PDF,
                                "kind",
                                "OTHER",
                                "documentId",
                                "doc-nowhere-1")),
                404,
                "APPLICATION_NOT_FOUND");
        assertThat(storedFile(database, "doc-nowhere-1")).isNull();
    }

    @Test
    void givenAnotherMunicipalitysOfficer_whenUploadingForTheWholeApplication_thenProblem403AndNoFileLeft() {
        open("doc-not-owner");

        expectRefusedAndNothingStored(
                "doc-not-owner",
                uploadAsOfficer(
                        "doc-not-owner",
                        DANDERYD,
                        upload(
                                PDF,
                                "a.pdf",
                                MediaType.APPLICATION_PDF,
                                "kind",
                                "OTHER",
                                "documentId",
                                "doc-not-owner-1")),
                403,
                "NOT_PROJECT_OWNER");
        assertThat(storedFile(database, "doc-not-owner-1")).isNull();
    }

    @Test
    void givenNoSuchApplication_whenUploading_thenProblem404AndNoFileLeft() {
        expectRefusedAndNothingStored(
                "doc-no-such-app",
                uploadAsOfficer(
                        "doc-no-such-app",
                        SIGTUNA,
                        upload(
                                PDF,
                                "a.pdf",
                                MediaType.APPLICATION_PDF,
                                "kind",
                                "OTHER",
                                "documentId",
                                "doc-no-such-app-1")),
                404,
                "APPLICATION_NOT_FOUND");
        assertThat(storedFile(database, "doc-no-such-app-1")).isNull();
    }

    @Test
    void givenAnAttachedDocument_whenUploadedAgainWithItsId_thenProblem409AndTheFirstContentKept() {
        open("doc-twice");
        uploadAsOfficer(
                        "doc-twice",
                        SIGTUNA,
                        upload(PDF, "a.pdf", MediaType.APPLICATION_PDF, "kind", "OTHER", "documentId", "doc-twice-1"))
                .exchange()
                .expectStatus()
                .isCreated();

        expectRefusedAndNothingStored(
                "doc-twice",
                uploadAsOfficer(
                        "doc-twice",
                        SIGTUNA,
                        upload(
                                bytes(300 * 1024, 5),
                                "b.pdf",
                                MediaType.APPLICATION_PDF,
                                "kind",
                                "OTHER",
                                "documentId",
                                "doc-twice-1")),
                409,
                "DOCUMENT_ALREADY_ATTACHED");
        assertThat(storedContent(database, "doc-twice-1")).isEqualTo(PDF);
    }

    @Test
    void givenADocumentIdOfAnotherApplication_whenUploaded_thenProblem409AndTheOtherContentKept() {
        open("doc-other-a");
        open("doc-other-b");
        uploadAsOfficer(
                        "doc-other-a",
                        SIGTUNA,
                        upload(
                                PDF,
                                "a.pdf",
                                MediaType.APPLICATION_PDF,
                                "kind",
                                "OTHER",
                                "documentId",
                                "doc-other-shared"))
                .exchange()
                .expectStatus()
                .isCreated();

        expectRefusedAndNothingStored(
                "doc-other-b",
                uploadAsOfficer(
                        "doc-other-b",
                        SIGTUNA,
                        upload(
                                PDF,
                                "b.pdf",
                                MediaType.APPLICATION_PDF,
                                "documentId",
                                "doc-other-shared",
                                "kind",
                                "OTHER")),
                409,
                "DOCUMENT_ID_IN_USE");
        assertThat(storedFile(database, "doc-other-shared")
                        .get("metadata", Document.class)
                        .getString("applicationId"))
                .isEqualTo("doc-other-a");
        assertThat(storedContent(database, "doc-other-shared")).isEqualTo(PDF);
    }

    @Test
    void givenAJsonBody_whenAttaching_thenProblem415() {
        open("doc-json");

        int events = allEvents().size();
        post("/api/applications/doc-json/documents", SIGTUNA)
                .bodyValue("{\"kind\":\"OTHER\",\"fileName\":\"a.pdf\",\"mediaType\":\"application/pdf\","
                        + "\"sizeBytes\":10,\"sha256\":\"" + "0f".repeat(32) + "\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(allEvents()).hasSize(events);
    }

    private String lastPayload(String applicationId) {
        List<StoredEvent> stream = eventLog.readStream(applicationId, 0, 100);
        return stream.get(stream.size() - 1).payload();
    }
}
