package se.norrort.consortium.query.documents;

import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import com.mongodb.reactivestreams.client.gridfs.GridFSBucket;
import com.mongodb.reactivestreams.client.gridfs.GridFSBuckets;
import java.nio.charset.StandardCharsets;
import org.bson.BsonString;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
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
import se.norrort.consortium.eventstore.documents.DocumentBucket;
import se.norrort.consortium.query.api.QueryErrorCode;

/**
 * The content of an attached document, streamed from the GridFS bucket ({@link DocumentBucket}) the command-service
 * stores uploads in (the two services share one database). A stored file's id is the document id; its metadata names
 * the application ({@code applicationId}), the media type ({@code mediaType}) and the SHA-256 digest ({@code sha256})
 * the {@code DocumentAttached} event records too.
 */
@RestController
@RequestMapping("/api/applications")
public class DocumentContentController {

    private final GridFSBucket bucket;

    public DocumentContentController(@Qualifier("viewDatabase") MongoDatabase viewDatabase) {
        this.bucket = GridFSBuckets.create(viewDatabase, DocumentBucket.BUCKET);
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
        return Mono.from(bucket.find(Filters.eq("_id", documentId)).first())
                .filter(file -> applicationId.equals(metadata(file).getString(DocumentBucket.APPLICATION_ID)))
                .map(file -> answer(file, documentId, ifNoneMatch))
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

    private ResponseEntity<Flux<DataBuffer>> answer(GridFSFile file, String documentId, String ifNoneMatch) {
        Document metadata = metadata(file);
        String sha256 = metadata.getString(DocumentBucket.SHA_256);
        String eTag = sha256 == null ? null : "\"" + sha256 + "\"";
        if (eTag != null && matches(ifNoneMatch, eTag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(eTag).build();
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(mediaType(metadata.getString(DocumentBucket.MEDIA_TYPE)));
        headers.setContentLength(file.getLength());
        if (eTag != null) {
            headers.setETag(eTag);
        }
        headers.setContentDisposition(attachment(file.getFilename(), documentId));
        headers.setCacheControl("private, no-cache");
        headers.set("X-Content-Type-Options", "nosniff");
        Flux<DataBuffer> content = Flux.from(bucket.downloadToPublisher(new BsonString(documentId)))
                .map(DefaultDataBufferFactory.sharedInstance::wrap);
        return ResponseEntity.ok().headers(headers).body(content);
    }

    private static Document metadata(GridFSFile file) {
        return file.getMetadata() == null ? new Document() : file.getMetadata();
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
