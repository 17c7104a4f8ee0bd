package se.norrort.consortium.query.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSUploadStream;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.eventstore.documents.DocumentBucket;
import se.norrort.consortium.query.documents.DocumentContentReads.StoredDocument;

/**
 * The attached documents' reads against the embedded store (or {@code MONGODB_URI}), on files stored the way the
 * command-service stores uploads: a document is found only through its own application, described by its file and
 * metadata, and its bytes come back whole and in order.
 */
class DocumentContentReadsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Several GridFS chunks (255 KiB each), the last one partial. */
    private static final byte[] LARGE = new byte[3 * 255 * 1024 + 17];

    private static MongoClient client;
    private static DocumentContentReads reads;

    @BeforeAll
    static void store() {
        new Random(7).nextBytes(LARGE);
        String name = TestMongo.freshDatabaseName();
        com.mongodb.client.MongoDatabase database = TestMongo.client().getDatabase(name);
        upload(database, "doc-pdf", "förstudie.pdf", metadata("app-1", "application/pdf", "ab12"), LARGE);
        upload(database, "doc-bare", "bare.bin", null, new byte[] {1, 2, 3});
        upload(database, "doc-untyped", "", new Document(DocumentBucket.APPLICATION_ID, "app-1"), new byte[] {4});
        client = MongoClients.create(TestMongo.connectionString());
        reads = new DocumentContentReads(client.getDatabase(name));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static Document metadata(String applicationId, String mediaType, String sha256) {
        return new Document(DocumentBucket.APPLICATION_ID, applicationId)
                .append("kind", "OTHER")
                .append(DocumentBucket.MEDIA_TYPE, mediaType)
                .append(DocumentBucket.SHA_256, sha256);
    }

    private static void upload(
            com.mongodb.client.MongoDatabase database, String id, String fileName, Document metadata, byte[] bytes) {
        GridFSUploadOptions options = new GridFSUploadOptions();
        if (metadata != null) {
            options.metadata(metadata);
        }
        try (GridFSUploadStream upload = GridFSBuckets.create(database, DocumentBucket.BUCKET)
                .openUploadStream(new BsonString(id), fileName, options)) {
            upload.write(bytes);
        }
    }

    @Test
    void givenADocumentOfTheApplication_thenItsFileNameLengthMediaTypeAndDigest() {
        assertThat(reads.document("app-1", "doc-pdf").block(WAIT))
                .isEqualTo(new StoredDocument("förstudie.pdf", LARGE.length, "application/pdf", "ab12"));
        // what the metadata does not say stays null
        assertThat(reads.document("app-1", "doc-untyped").block(WAIT)).isEqualTo(new StoredDocument("", 1, null, null));
    }

    @Test
    void givenAnotherApplicationsDocument_orNoneStored_orOneWithoutMetadata_thenNothing() {
        assertThat(reads.document("app-2", "doc-pdf").blockOptional(WAIT)).isEmpty();
        assertThat(reads.document("app-1", "doc-none").blockOptional(WAIT)).isEmpty();
        assertThat(reads.document("app-1", "doc-bare").blockOptional(WAIT)).isEmpty();
    }

    @Test
    void givenADocumentOfSeveralChunks_thenItsContentIsEveryByteInOrder() {
        List<ByteBuffer> chunks = reads.content("doc-pdf").collectList().block(WAIT);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        chunks.forEach(chunk -> {
            byte[] part = new byte[chunk.remaining()];
            chunk.get(part);
            bytes.writeBytes(part);
        });
        assertThat(bytes.toByteArray()).isEqualTo(LARGE);
    }
}
