package se.norrort.consortium.query.documents;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.query.api.QueryErrorCode;
import se.norrort.consortium.query.documents.DocumentContentReads.StoredDocument;

/**
 * The content of an attached document, streamed from where the command-service stores uploads
 * ({@link DocumentContentReads}).
 */
@RestController
@RequestMapping("/api/applications")
public class DocumentContentController {

    private final DocumentContentReads reads;

    public DocumentContentController(DocumentContentReads reads) {
        this.reads = reads;
    }

    /**
     * The document's bytes, with its media type, length, {@code ETag} (the SHA-256 digest of the content) and
     * {@code Content-Disposition: attachment} with the original file name; {@code 304} when {@code If-None-Match}
     * names that digest. {@code 404 DOCUMENT_NOT_FOUND} when no such document is stored for this application (also
     * when the id is another application's document).
     */
    @GetMapping("/{applicationId}/documents/{documentId}/content")
    public Mono<ResponseEntity<Flux<DataBuffer>>> content(
            @PathVariable String applicationId,
            @PathVariable String documentId,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return reads.document(applicationId, documentId)
                .map(document -> answer(document, documentId, ifNoneMatch))
                .switchIfEmpty(Mono.error(() -> new DocumentNotFound(applicationId, documentId)));
    }

    @ExceptionHandler(DocumentNotFound.class)
    ResponseEntity<ProblemDetail> notFound(DocumentNotFound e) {
        return QueryErrorCode.DOCUMENT_NOT_FOUND.answer(e.getMessage());
    }

    /** No such document is stored for the application. */
    static final class DocumentNotFound extends RuntimeException {

        DocumentNotFound(String applicationId, String documentId) {
            super(
                    "No document with id " + documentId + " is stored for application " + applicationId + ".",
                    null,
                    false,
                    false);
        }
    }

    private ResponseEntity<Flux<DataBuffer>> answer(StoredDocument document, String documentId, String ifNoneMatch) {
        String sha256 = document.sha256();
        String eTag = sha256 == null ? null : "\"" + sha256 + "\"";
        if (eTag != null && matches(ifNoneMatch, eTag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(eTag).build();
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(mediaType(document.mediaType()));
        headers.setContentLength(document.length());
        if (eTag != null) {
            headers.setETag(eTag);
        }
        headers.setContentDisposition(attachment(document.fileName(), documentId));
        headers.setCacheControl("private, no-cache");
        headers.set("X-Content-Type-Options", "nosniff");
        Flux<DataBuffer> content = reads.content(documentId).map(DefaultDataBufferFactory.sharedInstance::wrap);
        return ResponseEntity.ok().headers(headers).body(content);
    }

    private static boolean matches(String ifNoneMatch, String eTag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(eTag) || tag.equals("W/" + eTag)) {
                return true;
            }
        }
        return false;
    }

    private static MediaType mediaType(String stored) {
        try {
            return stored == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(stored);
        } catch (IllegalArgumentException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }

    /** {@code attachment; filename="..."}, with {@code filename*} (RFC 5987) as well for a name beyond ASCII. */
    private static ContentDisposition attachment(String fileName, String documentId) {
        String name = fileName == null || fileName.isBlank() ? documentId : fileName;
        boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(name);
        return ascii
                ? ContentDisposition.attachment().filename(name).build()
                : ContentDisposition.attachment()
                        .filename(name, StandardCharsets.UTF_8)
                        .build();
    }
}
