package se.norrort.consortium.command.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.command.web.DocumentUploadSupport.bytes;
import static se.norrort.consortium.command.web.DocumentUploadSupport.chunkCount;
import static se.norrort.consortium.command.web.DocumentUploadSupport.orphanChunkFileIds;
import static se.norrort.consortium.command.web.DocumentUploadSupport.rawUpload;
import static se.norrort.consortium.command.web.DocumentUploadSupport.sha256;
import static se.norrort.consortium.command.web.DocumentUploadSupport.storedFile;
import static se.norrort.consortium.command.web.DocumentUploadSupport.storedFilesOf;
import static se.norrort.consortium.command.web.DocumentUploadSupport.upload;
import static se.norrort.consortium.command.web.ProblemChecks.expectProblem;

import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import se.norrort.consortium.command.web.CommandApiTestBase;
import se.norrort.consortium.security.TestTokens;

/** The size limit {@code norrort.documents.max-size}, here 1 KB: larger is 413 and stores nothing. */
@TestPropertySource(properties = "norrort.documents.max-size=1KB")
class DocumentSizeLimitApiTest extends CommandApiTestBase {

    private static final String SIGTUNA = "0191";

    @Autowired
    @Qualifier("norrortDatabase")
    private MongoDatabase database;

    private WebTestClient.RequestHeadersSpec<?> send(String applicationId, MultiValueMap<String, HttpEntity<?>> body) {
        return web.post()
                .uri("/api/applications/" + applicationId + "/documents")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .headers(h -> h.setBearerAuth(TestTokens.officer(SIGTUNA)))
                .bodyValue(body);
    }

    @Test
    void givenADocumentLargerThanTheLimit_whenUploaded_thenProblem413AndNoEventAndNoFile() {
        open("doc-too-large");
        int events = allEvents().size();

        var tooLarge = upload(
                bytes(1025, 1),
                "stor.pdf",
                MediaType.APPLICATION_PDF,
                "kind",
                "OTHER",
                "documentId",
                "doc-too-large-1");
        expectProblem(send("doc-too-large", tooLarge).exchange(), 413, "DOCUMENT_TOO_LARGE")
                .jsonPath("$.title")
                .isEqualTo("Document too large")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("1 KB"));

        assertThat(allEvents()).hasSize(events);
        assertThat(storedFile(database, "doc-too-large-1")).isNull();
        assertThat(chunkCount(database, "doc-too-large-1")).isZero();
        assertThat(storedFilesOf(database, "doc-too-large")).isEmpty();
        assertThat(orphanChunkFileIds(database)).isEmpty();
    }

    @Test
    void givenARequestWhoseContentLengthIsFarBeyondTheLimit_thenProblem413WithoutReadingIt() {
        open("doc-content-length");
        int events = allEvents().size();
        String boundary = "norrort-test-boundary";
        byte[] body =
                rawUpload(boundary, bytes(2 * 1024 * 1024, 3), "stor.pdf", MediaType.APPLICATION_PDF, "kind", "OTHER");

        web.post()
                .uri("/api/applications/doc-content-length/documents")
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
                .headers(h -> h.setBearerAuth(TestTokens.officer(SIGTUNA)))
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("DOCUMENT_TOO_LARGE");

        assertThat(allEvents()).hasSize(events);
        assertThat(storedFilesOf(database, "doc-content-length")).isEmpty();
        assertThat(orphanChunkFileIds(database)).isEmpty();
    }

    @Test
    void givenADocumentOfExactlyTheLimit_whenUploaded_thenAccepted() {
        open("doc-at-limit");
        byte[] content = bytes(1024, 2);

        send(
                        "doc-at-limit",
                        upload(
                                content,
                                "liten.pdf",
                                MediaType.APPLICATION_PDF,
                                "kind",
                                "OTHER",
                                "documentId",
                                "doc-at-limit-1"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.sha256")
                .isEqualTo(sha256(content));
    }
}
