package se.norrort.consortium.query.documents;

import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import com.mongodb.reactivestreams.client.gridfs.GridFSBucket;
import com.mongodb.reactivestreams.client.gridfs.GridFSBuckets;
import java.nio.ByteBuffer;
import org.bson.BsonString;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.eventstore.documents.DocumentBucket;

/**
 * The attached documents' reads, for the content endpoint: the GridFS bucket ({@link DocumentBucket}) the
 * command-service stores uploads in (the two services share one database). A stored file's id is the document id;
 * its metadata names the application ({@code applicationId}), the media type ({@code mediaType}) and the SHA-256
 * digest ({@code sha256}) the {@code DocumentAttached} event records too.
 */
@Component
public class DocumentContentReads {

    /**
     * A stored document as its file and metadata describe it: the original file name, the length in bytes, the
     * media type and the SHA-256 digest as stored (each null when the file has none).
     */
    public record StoredDocument(String fileName, long length, String mediaType, String sha256) {}

    private final GridFSBucket bucket;

    public DocumentContentReads(@Qualifier("viewDatabase") MongoDatabase viewDatabase) {
        this.bucket = GridFSBuckets.create(viewDatabase, DocumentBucket.BUCKET);
    }

    /**
     * The document with this id when it is stored for this application; an empty {@link Mono} when no such document
     * is stored, or it is another application's.
     */
    public Mono<StoredDocument> document(String applicationId, String documentId) {
        return Mono.from(bucket.find(Filters.eq("_id", documentId)).first())
                .filter(file -> applicationId.equals(metadata(file).getString(DocumentBucket.APPLICATION_ID)))
                .map(file -> {
                    Document metadata = metadata(file);
                    return new StoredDocument(
                            file.getFilename(),
                            file.getLength(),
                            metadata.getString(DocumentBucket.MEDIA_TYPE),
                            metadata.getString(DocumentBucket.SHA_256));
                });
    }

    /** The bytes of the document with this id, as GridFS streams them chunk by chunk. */
    public Flux<ByteBuffer> content(String documentId) {
        return Flux.from(bucket.downloadToPublisher(new BsonString(documentId)));
    }

    private static Document metadata(GridFSFile file) {
        return file.getMetadata() == null ? new Document() : file.getMetadata();
    }
}
