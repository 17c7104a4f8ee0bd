package se.norrort.consortium.command.web;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.model.Filters;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bson.BsonString;
import org.bson.Document;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.util.MultiValueMap;

/** Multipart upload bodies, digests computed independently of the service, and a look into the GridFS bucket. */
public final class DocumentUploadSupport {

    /** A small PDF-like document. */
    public static final byte[] PDF = ("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                    + "% Tjänsteutlåtande, Socialnämnden\n%%EOF\n")
            .getBytes(StandardCharsets.UTF_8);

    private DocumentUploadSupport() {}

    /** {@code size} reproducible pseudo-random bytes. */
    public static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /**
     * A {@code multipart/form-data} body: the part {@code file} first (content, file name, media type; no media type
     * when {@code mediaType} is null), then the fields given as name, value pairs.
     */
    public static MultiValueMap<String, HttpEntity<?>> upload(
            byte[] content, String fileName, MediaType mediaType, String... fields) {
        MultipartBodyBuilder builder = new MultipartBodyBuilder();
        file(builder, content, fileName, mediaType);
        fields(builder, fields);
        return builder.build();
    }

    /** The same, with the fields before the file. */
    public static MultiValueMap<String, HttpEntity<?>> uploadFieldsFirst(
            byte[] content, String fileName, MediaType mediaType, String... fields) {
        MultipartBodyBuilder builder = new MultipartBodyBuilder();
        fields(builder, fields);
        file(builder, content, fileName, mediaType);
        return builder.build();
    }

    /**
     * A {@code multipart/form-data} body as raw bytes with the given boundary (so that it can be sent again byte for
     * byte, and with a {@code Content-Length}): the fields (name, value pairs), then the file part.
     */
    public static byte[] rawUpload(
            String boundary, byte[] content, String fileName, MediaType mediaType, String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < fields.length; i += 2) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                            + fields[i + 1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: " + mediaType + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void file(MultipartBodyBuilder builder, byte[] content, String fileName, MediaType mediaType) {
        var part = builder.part("file", content);
        if (fileName != null) {
            part.filename(fileName);
        }
        if (mediaType != null) {
            part.contentType(mediaType);
        }
    }

    private static void fields(MultipartBodyBuilder builder, String... fields) {
        for (int i = 0; i < fields.length; i += 2) {
            builder.part(fields[i], fields[i + 1]);
        }
    }

    /** SHA-256 of {@code content} as 64 lower-case hex digits, computed here, not by the service. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The files document of the GridFS file {@code id} in the bucket {@code documents}, or null. */
    public static Document storedFile(MongoDatabase database, String id) {
        return database.getCollection("documents.files")
                .find(Filters.eq("_id", id))
                .first();
    }

    /** The files documents of one application's documents. */
    public static List<Document> storedFilesOf(MongoDatabase database, String applicationId) {
        return database.getCollection("documents.files")
                .find(Filters.eq("metadata.applicationId", applicationId))
                .into(new ArrayList<>());
    }

    /** The content of the GridFS file {@code id}, read back with the driver's GridFS. */
    public static byte[] storedContent(MongoDatabase database, String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GridFSBuckets.create(database, "documents").downloadToStream(new BsonString(id), out);
        return out.toByteArray();
    }

    /** The number of chunks stored for {@code id}. */
    public static long chunkCount(MongoDatabase database, String id) {
        return database.getCollection("documents.chunks").countDocuments(Filters.eq("files_id", id));
    }

    /** Chunks whose file has no files document: the remains of an upload that was not cleaned up. */
    public static Set<Object> orphanChunkFileIds(MongoDatabase database) {
        Set<Object> files = new HashSet<>();
        database.getCollection("documents.files")
                .find()
                .projection(new Document("_id", 1))
                .forEach(d -> files.add(d.get("_id")));
        Set<Object> orphans = new HashSet<>();
        database.getCollection("documents.chunks")
                .find()
                .projection(new Document("files_id", 1))
                .forEach(d -> {
                    if (!files.contains(d.get("files_id"))) {
                        orphans.add(d.get("files_id"));
                    }
                });
        return orphans;
    }
}
