package se.norrort.consortium.eventstore.documents;

/**
 * Where the content of attached documents is stored, next to the events in the shared database: the GridFS bucket
 * {@value #BUCKET}. A file's id is the document's id (a string), its file name the name it was uploaded with, and its
 * metadata {@code {applicationId, kind, municipality?, mediaType, sha256}} (the keys below). The command-service
 * writes it ({@code DocumentStorage}); the query-service serves it ({@code DocumentContentController}); the archive
 * export packs it.
 */
public final class DocumentBucket {

    /** The GridFS bucket name. */
    public static final String BUCKET = "documents";
    /** Metadata keys of a stored file. */
    public static final String APPLICATION_ID = "applicationId";

    public static final String KIND = "kind";
    public static final String MUNICIPALITY = "municipality";
    public static final String MEDIA_TYPE = "mediaType";
    /** The SHA-256 digest of the content, 64 lower-case hex digits (as the {@code DocumentAttached} event records). */
    public static final String SHA_256 = "sha256";

    private DocumentBucket() {}
}
