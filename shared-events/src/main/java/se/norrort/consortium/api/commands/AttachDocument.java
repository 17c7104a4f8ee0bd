package se.norrort.consortium.api.commands;

import java.util.Locale;
import java.util.regex.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.DocumentKind;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * Attaches a document (e.g. the tjänsteutlåtande or the förstudierapport) to the application. The content itself is
 * stored elsewhere; the application records what it is and its SHA-256 digest, so the content can be verified later.
 *
 * @param documentId   the document's id
 * @param kind         what the document is
 * @param municipality the municipality the document belongs to, e.g. Danderyd for its own tjänsteutlåtande; null for
 *                     a document of the whole application (the project owner's) or of the funder
 * @param fileName     the original file name
 * @param mediaType    the media type, e.g. "application/pdf"
 * @param sizeBytes    the size in bytes, greater than zero
 * @param sha256       the SHA-256 digest of the content, 64 hex digits (stored in lower case)
 */
public record AttachDocument(
        @TargetAggregateIdentifier ApplicationId applicationId,
        DocumentId documentId,
        DocumentKind kind,
        MunicipalityCode municipality,
        String fileName,
        String mediaType,
        long sizeBytes,
        String sha256,
        Actor actor) {

    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    public AttachDocument {
        Require.present(applicationId, "Application id");
        Require.present(documentId, "Document id");
        Require.present(kind, "Document kind");
        fileName = Require.name(fileName, "File name");
        mediaType = Require.name(mediaType, "Media type");
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("Document size must be greater than zero bytes");
        }
        if (sha256 == null || !SHA_256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("SHA-256 digest must be 64 hexadecimal digits");
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
        Require.present(actor, "Actor");
    }
}
