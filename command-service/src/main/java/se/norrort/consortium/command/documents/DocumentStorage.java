package se.norrort.consortium.command.documents;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSDownloadStream;
import com.mongodb.client.gridfs.GridFSUploadStream;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.bson.BsonString;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import se.norrort.consortium.eventstore.documents.DocumentBucket;

/**
 * The content of attached documents, in the GridFS bucket of the shared database ({@link DocumentBucket}: the
 * query-service reads the same bucket, the archive export packs it). A file's id is the document's id, as a string;
 * its metadata is {@code {applicationId, kind, municipality?, mediaType, sha256}}. Every method blocks: call them on
 * {@code Schedulers.boundedElastic()}, never on a request thread.
 * <p>
 * GridFS writes a file's chunks first and its files document last, so a file is visible (to {@link #owner} and to
 * readers) only once its content is complete.
 */
@Component
public class DocumentStorage {

    private final MongoDatabase database;
    private final GridFSBucket bucket;

    public DocumentStorage(@Qualifier("norrortDatabase") MongoDatabase norrortDatabase) {
        this.database = norrortDatabase;
        this.bucket = GridFSBuckets.create(norrortDatabase, DocumentBucket.BUCKET);
    }

    /**
     * Whether anything is stored under {@code documentId}, and for which application: the application id of its
     * files document, or {@code "?"} for chunks without one (an upload in progress, or the remains of a failed one).
     */
    public Optional<String> owner(String documentId) {
        GridFSFile file = bucket.find(Filters.eq("_id", documentId)).first();
        if (file != null) {
            Document metadata = file.getMetadata();
            String applicationId = metadata == null ? null : metadata.getString(DocumentBucket.APPLICATION_ID);
            return Optional.of(applicationId == null ? "?" : applicationId);
        }
        Document chunk = database.getCollection(DocumentBucket.BUCKET + ".chunks")
                .find(Filters.eq("files_id", documentId))
                .projection(new Document("_id", 1))
                .first();
        return chunk == null ? Optional.empty() : Optional.of("?");
    }

    /**
     * Opens an upload under {@code documentId}. The files document is written by {@link GridFSUploadStream#close()},
     * with {@code metadata} as it is then: the caller may complete it (e.g. with the digest) before closing.
     */
    public GridFSUploadStream open(String documentId, String fileName, Document metadata) {
        return bucket.openUploadStream(
                new BsonString(documentId), fileName, new GridFSUploadOptions().metadata(metadata));
    }

    /** Copies the complete file {@code from} to a new file {@code to}, with the same name and metadata. */
    public void copy(String from, String to) {
        GridFSFile source = bucket.find(Filters.eq("_id", from)).first();
        if (source == null) {
            throw new MongoException("No stored document " + from + " to copy.");
        }
        try (GridFSDownloadStream in = bucket.openDownloadStream(new BsonString(from))) {
            GridFSUploadStream out = open(to, source.getFilename(), new Document(source.getMetadata()));
            try {
                in.transferTo(out);
                out.close();
            } catch (IOException | RuntimeException e) {
                if (!isDuplicateKey(e)) {
                    discard(to);
                }
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
        }
    }

    /**
     * Removes whatever is stored under {@code documentId}: the files document and every chunk. Unlike
     * {@link GridFSBucket#delete}, also removes chunks of an upload that never completed, and does not fail when
     * nothing is there.
     */
    public void discard(String documentId) {
        database.getCollection(DocumentBucket.BUCKET + ".files").deleteOne(Filters.eq("_id", documentId));
        database.getCollection(DocumentBucket.BUCKET + ".chunks").deleteMany(Filters.eq("files_id", documentId));
    }

    /**
     * Whether {@code e} is a unique-key violation: another upload holds the same id (chunk 0 or the files document),
     * so nothing under that id is this upload's to remove.
     */
    public static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MongoWriteException write
                    && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
            if (t instanceof MongoException mongo && mongo.getCode() == 11000) {
                return true;
            }
        }
        return false;
    }
}
