package se.norrort.consortium.archive;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSDownloadStream;
import com.mongodb.client.gridfs.model.GridFSFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import org.bson.BsonString;
import org.bson.Document;
import se.norrort.consortium.eventstore.documents.DocumentBucket;
import se.norrort.consortium.model.ApplicationState;

/**
 * The content of an application's attached documents, copied out of the GridFS bucket ({@link DocumentBucket}) into
 * the package's working folder, one file at a time, its SHA-256 digest computed on the way and compared with the
 * digest the {@code DocumentAttached} event recorded. Blocking.
 */
final class DocumentContents {

    /** What became of one attached document. */
    enum Status {
        /** Copied, and its bytes have the digest the event recorded. */
        OK,
        /** Copied, but its bytes do not have the digest the event recorded. */
        DIGEST_MISMATCH,
        /** No content is stored for it (or only another application's). */
        MISSING
    }

    /**
     * One attached document in the package.
     *
     * @param document    the document as the history records it
     * @param file        where its content was copied, or null when missing
     * @param packagePath its path inside the representation's {@code data} folder, or null when missing
     * @param sha256      the digest of the bytes copied (lower-case hex), or null when missing
     */
    record Packed(ApplicationState.Document document, Status status, Path file, String packagePath, String sha256) {}

    private final GridFSBucket bucket;

    DocumentContents(MongoDatabase database) {
        this.bucket = GridFSBuckets.create(database, DocumentBucket.BUCKET);
    }

    /**
     * Copies the document's content to {@code folder/documents/<documentId>/<safe file name>}, or reports it
     * missing when nothing is stored under its id for this application.
     */
    Packed copy(String applicationId, ApplicationState.Document document, Path folder) {
        String id = document.documentId().value();
        GridFSFile stored = bucket.find(new Document("_id", id)).first();
        Document metadata = stored == null || stored.getMetadata() == null ? new Document() : stored.getMetadata();
        if (stored == null || !applicationId.equals(metadata.getString(DocumentBucket.APPLICATION_ID))) {
            return new Packed(document, Status.MISSING, null, null, null);
        }
        String name = safeFileName(document.fileName(), id);
        String packagePath = "documents/" + id + "/" + name;
        try {
            Path documents = folder.resolve("documents").toAbsolutePath().normalize();
            Path target = documents.resolve(id).resolve(name).normalize();
            if (!target.getParent().getParent().equals(documents)) {
                // ids and names are checked where they are made; this guards the package against any that were not
                throw new IllegalStateException("Document " + id + " would be written outside the package's documents");
            }
            Files.createDirectories(target.getParent());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (GridFSDownloadStream in = bucket.openDownloadStream(new BsonString(id));
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
                in.transferTo(out);
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            Status status = sha256.equalsIgnoreCase(document.sha256()) ? Status.OK : Status.DIGEST_MISMATCH;
            return new Packed(document, status, target, packagePath, sha256);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the content of document " + id, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A file name that is safe in any archive and file system: the original name with letters' accents removed
     * (å → a, ö → o), every character other than {@code A-Za-z0-9._-} replaced by {@code _}, runs of {@code _}
     * collapsed, at most 120 characters, keeping the extension; the document id when nothing is left. The original
     * name stays in the report and in {@code events.jsonl}.
     */
    static String safeFileName(String original, String documentId) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        name = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("_{2,}", "_").replaceAll("^[._]+", "");
        if (name.length() > 120) {
            int dot = name.lastIndexOf('.');
            String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
            name = name.substring(0, 120 - extension.length()) + extension;
        }
        if (name.isEmpty() || name.replace("_", "").replace(".", "").isEmpty()) {
            name = documentId;
        }
        return name.toLowerCase(Locale.ROOT).equals("mets.xml") ? "_" + name : name;
    }
}
