package se.norrort.consortium.command.documents;

import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.DocumentKind;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * A document whose content is stored in GridFS (under {@link #documentId}) but not yet attached: what the upload
 * said about it and what the server computed while storing it.
 *
 * @param documentId   the document's id, also the GridFS file id
 * @param kind         what the document is
 * @param municipality the municipality it belongs to, or null
 * @param fileName     the file name the client sent, without any directory part
 * @param mediaType    the media type of the file part, as sent (parameters such as {@code charset} kept)
 * @param sizeBytes    the number of bytes stored
 * @param sha256       the SHA-256 digest of the bytes stored, 64 lower-case hex digits
 */
public record StoredDocument(
        DocumentId documentId,
        DocumentKind kind,
        MunicipalityCode municipality,
        String fileName,
        String mediaType,
        long sizeBytes,
        String sha256) {}
