package se.norrort.consortium.api.events;

import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.DocumentKind;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * A document was attached to the application; its content is identified by its SHA-256 digest.
 *
 * @param applicationId the application
 * @param documentId the document
 * @param kind what the document is
 * @param municipality the municipality the document belongs to; null for the whole application
 * @param fileName the original file name
 * @param mediaType the media type
 * @param sizeBytes the size in bytes
 * @param sha256 the SHA-256 digest, 64 lower-case hex digits
 */
@EventType("DocumentAttached")
public record DocumentAttached(
        ApplicationId applicationId,
        DocumentId documentId,
        DocumentKind kind,
        MunicipalityCode municipality,
        String fileName,
        String mediaType,
        long sizeBytes,
        String sha256)
        implements ConsortiumEvent {}
