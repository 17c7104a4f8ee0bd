package se.norrort.consortium.query.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSUploadStream;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import se.norrort.consortium.query.QueryApiTestBase;

/**
 * {@code GET /api/applications/{id}/documents/{documentId}/content}: files written into GridFS the way the
 * command-service stores uploads (bucket {@code documents}, file id = document id, metadata {@code applicationId,
 * kind, mediaType, sha256}) are streamed back with their headers.
 */
class DocumentContentApiTest extends QueryApiTestBase {

    private static final byte[] PDF =
            ("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);

    @Autowired
    @Qualifier("norrortDatabase")
    private MongoDatabase database;

    /** Stores {@code content} as the command-service does. Answers its SHA-256, computed here. */
    private String store(String applicationId, String documentId, String fileName, String mediaType, byte[] content) {
        String sha256 = sha256(content);
        Document metadata = new Document("applicationId", applicationId)
                .append("kind", "OTHER")
                .append("mediaType", mediaType)
                .append("sha256", sha256);
        try (GridFSUploadStream upload = GridFSBuckets.create(database, "documents")
                .openUploadStream(new BsonString(documentId), fileName, new GridFSUploadOptions().metadata(metadata))) {
            upload.write(content);
        }
        return sha256;
    }

    @Test
    void givenAStoredPdf_whenItsContentIsRead_thenTheSameBytesWithTypeLengthDigestAndFileName() {
        String sha256 = store("content-app", "content-pdf", "forstudierapport.pdf", "application/pdf", PDF);

        EntityExchangeResult<byte[]> result = web.get()
                .uri("/api/applications/content-app/documents/content-pdf/content")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PDF)
                .expectHeader()
                .contentLength(PDF.length)
                .expectHeader()
                .valueEquals("ETag", "\"" + sha256 + "\"")
                .expectHeader()
                .valueEquals("Content-Disposition", "attachment; filename=\"forstudierapport.pdf\"")
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectBody()
                .returnResult();

        assertThat(result.getResponseBody()).isEqualTo(PDF);
    }

    @Test
    void givenADocumentOfSeveralChunks_whenRead_thenEveryByteInOrder() {
        byte[] content = new byte[700 * 1024 + 5];
        new Random(17).nextBytes(content);
        String sha256 = store(
                "content-app",
                "content-large",
                "bilaga.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                content);

        byte[] read = web.mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(2 * 1024 * 1024))
                .build()
                .get()
                .uri("/api/applications/content-app/documents/content-large/content")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentLength(content.length)
                .expectHeader()
                .valueEquals("ETag", "\"" + sha256 + "\"")
                .expectBody()
                .returnResult()
                .getResponseBody();

        assertThat(read).isEqualTo(content);
        assertThat(sha256(read)).isEqualTo(sha256);
    }

    @Test
    void givenATextDocumentWithASwedishFileName_whenRead_thenItsCharsetAndAnEncodedFileName() {
        byte[] content = "Protokollsutdrag § 45".getBytes(StandardCharsets.UTF_8);
        store("content-app", "content-text", "Tjänsteutlåtande.txt", "text/plain;charset=UTF-8", content);

        web.get()
                .uri("/api/applications/content-app/documents/content-text/content")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("text/plain;charset=UTF-8")
                .expectHeader()
                .value(
                        "Content-Disposition",
                        disposition -> assertThat(disposition)
                                .startsWith("attachment;")
                                .contains("filename*=UTF-8''Tj%C3%A4nsteutl%C3%A5tande.txt"))
                .expectBody(byte[].class)
                .isEqualTo(content);
    }

    @Test
    void givenTheDigestAlreadyHeld_whenReadWithIfNoneMatch_then304WithoutContent() {
        String sha256 = store("content-app", "content-cached", "a.pdf", "application/pdf", PDF);

        web.get()
                .uri("/api/applications/content-app/documents/content-cached/content")
                .header("If-None-Match", "\"" + sha256 + "\"")
                .exchange()
                .expectStatus()
                .isNotModified()
                .expectHeader()
                .valueEquals("ETag", "\"" + sha256 + "\"")
                .expectBody()
                .isEmpty();
    }

    @Test
    void givenNoSuchDocument_whenRead_thenProblem404DocumentNotFound() {
        web.get()
                .uri("/api/applications/content-app/documents/no-such-document/content")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("DOCUMENT_NOT_FOUND")
                .jsonPath("$.status")
                .isEqualTo(404)
                .jsonPath("$.detail")
                .isNotEmpty();
    }

    @Test
    void givenAnotherApplicationsDocument_whenReadThroughThisApplication_thenProblem404() {
        store("content-other-app", "content-foreign", "a.pdf", "application/pdf", PDF);

        web.get()
                .uri("/api/applications/content-app/documents/content-foreign/content")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("DOCUMENT_NOT_FOUND");
        web.get()
                .uri("/api/applications/content-other-app/documents/content-foreign/content")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void givenAClientThatAcceptsOnlyPdf_whenTheDocumentIsMissing_thenStillProblem404() {
        web.get()
                .uri("/api/applications/content-app/documents/still-missing/content")
                .accept(MediaType.APPLICATION_PDF)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
