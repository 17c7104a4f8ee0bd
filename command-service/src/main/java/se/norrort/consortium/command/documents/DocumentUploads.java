package se.norrort.consortium.command.documents;

import com.mongodb.client.gridfs.GridFSUploadStream;
import java.nio.charset.Charset;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.DocumentKind;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.command.web.ApiProblem;
import se.norrort.consortium.command.web.EdgeErrorCode;
import se.norrort.consortium.eventstore.documents.DocumentBucket;

/**
 * Streams the {@code file} part of a {@code multipart/form-data} upload into {@link DocumentStorage}, computing its
 * SHA-256 digest and size on the way, and refusing it when it is too large ({@code norrort.documents.max-size},
 * default 20 MB: 413 {@code DOCUMENT_TOO_LARGE}) or of a media type not allowed
 * ({@code norrort.documents.allowed-media-types}: 415 {@code UNSUPPORTED_DOCUMENT_TYPE}).
 * <p>
 * Parts: {@code file} (the content, with a file name and a {@code Content-Type}), {@code kind} (a
 * {@link DocumentKind} name), and optionally {@code municipality} (4-digit code) and {@code documentId}. The fields
 * may come before or after the file. Other form fields are ignored; another file part is refused.
 * <p>
 * Nothing is read into memory or onto disk as a whole: the request body's buffers are written to GridFS as they
 * arrive, a few at a time, on {@code Schedulers.boundedElastic()} (the GridFS calls block). When the upload fails or
 * is refused, or the request is cancelled, everything written for it is removed again; a refused upload's remaining
 * body is read and dropped before the refusal is answered (up to a bound), and a request whose
 * {@code Content-Length} is far beyond the limit is refused without reading it. A stored document (the answer of
 * {@link #store}) is the caller's to attach, or to {@link #discard}.
 */
@Component
public class DocumentUploads {

    static final String FILE = "file";
    static final String KIND = "kind";
    static final String MUNICIPALITY = "municipality";
    static final String DOCUMENT_ID = "documentId";

    private static final Logger log = LoggerFactory.getLogger(DocumentUploads.class);
    /** Request buffers queued for the GridFS writer at most: the upload is read no faster than it is stored. */
    private static final int PREFETCH = 4;

    private static final int MAX_FILE_NAME_LENGTH = 255;
    /** What a request may carry besides the document (boundaries, part headers, the fields). */
    private static final long MULTIPART_ALLOWANCE_BYTES = 1024 * 1024;
    /**
     * How much of a refused upload's body is read (and dropped) before answering. Reading the rest, rather than
     * cancelling the body mid-stream, keeps the connection usable for the client's next request (a cancel from the
     * storage thread while the event loop delivers the body can leave the connection broken) and lets HTTP/1.1
     * clients that send the whole body before reading see the answer. Beyond this, the body is cancelled.
     */
    private static final long MAX_DRAINED_BYTES = 32L * 1024 * 1024;

    private final DocumentStorage storage;
    private final DataSize maxSize;
    private final List<MediaType> allowedMediaTypes;

    public DocumentUploads(
            DocumentStorage storage,
            @Value("${norrort.documents.max-size:20MB}") DataSize maxSize,
            @Value("${norrort.documents.allowed-media-types:application/pdf,"
                            + "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                            + "application/vnd.oasis.opendocument.text,text/plain}")
                    String[] allowedMediaTypes) {
        if (maxSize.toBytes() <= 0) {
            throw new IllegalArgumentException("norrort.documents.max-size must be greater than zero");
        }
        this.storage = storage;
        this.maxSize = maxSize;
        this.allowedMediaTypes = Arrays.stream(allowedMediaTypes)
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(MediaType::parseMediaType)
                .toList();
    }

    /**
     * Stores the upload's file for {@code applicationId}; the stored document, or an error: an {@link ApiProblem}
     * when the upload is refused (nothing stored then).
     *
     * @param contentLength the request's {@code Content-Length}, or -1 when unknown (chunked): a request far larger
     *                      than the size limit is refused without reading its body
     */
    public Mono<StoredDocument> store(String applicationId, long contentLength, Flux<PartEvent> parts) {
        if (contentLength > maxSize.toBytes() + MULTIPART_ALLOWANCE_BYTES) {
            return Mono.error(tooLarge(maxSize));
        }
        return Mono.defer(() -> {
            Upload upload = new Upload(applicationId);
            // map, not doOnNext: then() discards what reaches it, and a part event (already released by
            // accept) must not reach the discard hook below a second time
            return parts.publishOn(Schedulers.boundedElastic(), PREFETCH)
                    .map(upload::accept)
                    .then(Mono.fromCallable(upload::finish).subscribeOn(Schedulers.boundedElastic()))
                    .onErrorMap(
                            DocumentUploads::isMalformed,
                            e -> ApiProblem.invalid(
                                    "The request is not a complete multipart/form-data upload. Send the document in a"
                                            + " part named 'file' (with a file name and its Content-Type) and the"
                                            + " field 'kind'."))
                    .onErrorResume(e -> Mono.fromRunnable(upload::abort)
                            .subscribeOn(Schedulers.boundedElastic())
                            .then(Mono.error(e)))
                    .doOnCancel(() -> Schedulers.boundedElastic().schedule(upload::abort))
                    .doOnDiscard(PartEvent.class, event -> DataBufferUtils.release(event.content()));
        });
    }

    /** Removes a stored document that was not attached after all; never fails. */
    public Mono<Void> discard(StoredDocument document) {
        return Mono.<Void>fromRunnable(
                        () -> storage.discard(document.documentId().value()))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(e -> {
                    log.warn(
                            "Could not remove the content of document {} that was not attached",
                            document.documentId(),
                            e);
                    return Mono.empty();
                });
    }

    private static boolean isMalformed(Throwable e) {
        return e instanceof ServerWebInputException
                || e instanceof DecodingException
                || e instanceof DataBufferLimitException;
    }

    private static ApiProblem tooLarge(DataSize maxSize) {
        return new ApiProblem(
                EdgeErrorCode.DOCUMENT_TOO_LARGE,
                "The document is larger than the largest allowed, " + describe(maxSize) + ".");
    }

    private static String describe(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return size.toMegabytes() + " MB";
        }
        if (bytes % 1024 == 0) {
            return size.toKilobytes() + " KB";
        }
        return bytes + " bytes";
    }

    /** One upload in progress. Its methods are called one at a time, on a bounded-elastic worker. */
    private final class Upload {

        private final String applicationId;
        private final MessageDigest digest = sha256();
        /** Ids whose stored content is this upload's, to remove when it fails. */
        private final Set<String> owned = new LinkedHashSet<>();

        private DocumentKind kind;
        private MunicipalityCode municipality;
        private DocumentId documentId;
        private final Set<String> fieldsSeen = new LinkedHashSet<>();

        private boolean fileSeen;
        private boolean inFile;
        /** The id the file is written under: the document id, or a provisional one while it is not known yet. */
        private String fileId;

        private boolean provisional;
        private GridFSUploadStream stream;
        private Document metadata;
        private String fileName;
        private MediaType mediaType;
        private long size;

        private boolean stored;
        private boolean aborted;
        /** Why the upload is refused, once it is; the rest of the body is then dropped. */
        private RuntimeException refusal;

        private long drained;

        Upload(String applicationId) {
            this.applicationId = applicationId;
        }

        /**
         * Takes in one part event and releases its content; answers the number of bytes stored so far. Once the
         * upload is refused, what is stored is removed at once and the rest of the body is read and dropped; the
         * refusal is raised when the body ends ({@link #finish}), or when too much was dropped.
         */
        synchronized long accept(PartEvent event) {
            try {
                if (aborted) {
                    return size;
                }
                if (refusal != null) {
                    drained += event.content().readableByteCount();
                    if (drained > MAX_DRAINED_BYTES) {
                        throw refusal;
                    }
                    return size;
                }
                try {
                    take(event);
                } catch (RuntimeException e) {
                    refusal = e;
                    discardOwned();
                }
                return size;
            } finally {
                DataBufferUtils.release(event.content());
            }
        }

        private void take(PartEvent event) {
            if (event instanceof FilePartEvent file) {
                if (!inFile) {
                    startFile(file);
                }
                write(file.content());
                if (file.isLast()) {
                    inFile = false;
                }
            } else if (event instanceof FormPartEvent field) {
                field(field.name(), field.value());
            } else if (FILE.equals(event.name())) {
                throw ApiProblem.invalid(
                        "The part 'file' has no file name: send its Content-Disposition with a" + " filename.");
            }
        }

        private void field(String name, String value) {
            if (FILE.equals(name)) {
                throw ApiProblem.invalid("The part 'file' must be a file: send it with a file name (Content-Disposition"
                        + " filename) and its Content-Type.");
            }
            if (!Set.of(KIND, MUNICIPALITY, DOCUMENT_ID).contains(name)) {
                return;
            }
            if (!fieldsSeen.add(name)) {
                throw ApiProblem.invalid("Send the field '" + name + "' once.");
            }
            String text = value == null ? "" : value.strip();
            switch (name) {
                case KIND -> kind = kind(text);
                case MUNICIPALITY -> municipality = text.isEmpty() ? null : valid(() -> new MunicipalityCode(text));
                default -> documentId = text.isEmpty() ? null : valid(() -> new DocumentId(text));
            }
        }

        private void startFile(FilePartEvent file) {
            if (!FILE.equals(file.name())) {
                throw ApiProblem.invalid(
                        "Unexpected file part '" + file.name() + "'; send the document in the part named 'file'.");
            }
            if (fileSeen) {
                throw ApiProblem.invalid("Send one document per request, in the part named 'file'.");
            }
            fileSeen = true;
            inFile = true;
            mediaType = allowed(file.headers().getContentType());
            fileName = fileName(file.filename());
            provisional = documentId == null;
            String id = provisional ? UUID.randomUUID().toString() : documentId.value();
            ensureFree(id);
            metadata = new Document(DocumentBucket.APPLICATION_ID, applicationId)
                    .append(DocumentBucket.MEDIA_TYPE, mediaType.toString());
            owned.add(id);
            fileId = id;
            stream = storage.open(id, fileName, metadata);
        }

        private void write(DataBuffer content) {
            int count = content.readableByteCount();
            if (count == 0) {
                return;
            }
            if (size + count > maxSize.toBytes()) {
                throw tooLarge(maxSize);
            }
            byte[] bytes = new byte[count];
            content.read(bytes);
            digest.update(bytes);
            size += count;
            try {
                stream.write(bytes);
            } catch (RuntimeException e) {
                throw takenWhileWriting(fileId, e);
            }
        }

        synchronized StoredDocument finish() {
            if (aborted) {
                throw new IllegalStateException("The upload was cancelled.");
            }
            if (refusal != null) {
                throw refusal;
            }
            if (!fileSeen) {
                throw ApiProblem.invalid("The upload has no part named 'file': send the document in it, with a file"
                        + " name and its Content-Type.");
            }
            if (kind == null) {
                throw ApiProblem.invalid("kind is required (one of " + kinds() + ").");
            }
            if (size == 0) {
                throw ApiProblem.invalid("The document is empty.");
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            metadata.append(DocumentBucket.KIND, kind.name());
            if (municipality != null) {
                metadata.append(DocumentBucket.MUNICIPALITY, municipality.toString());
            }
            metadata.append(DocumentBucket.SHA_256, sha256);
            try {
                stream.close();
            } catch (RuntimeException e) {
                throw takenWhileWriting(fileId, e);
            }
            if (provisional && documentId != null) {
                // the document id came after the file: the file moves to it
                String target = documentId.value();
                ensureFree(target);
                try {
                    storage.copy(fileId, target);
                } catch (RuntimeException e) {
                    throw takenWhileWriting(target, e);
                }
                owned.add(target);
                storage.discard(fileId);
                owned.remove(fileId);
                fileId = target;
            }
            stored = true;
            return new StoredDocument(
                    new DocumentId(fileId), kind, municipality, fileName, mediaType.toString(), size, sha256);
        }

        /** Removes everything this upload stored, unless it was stored completely (then it is the caller's). */
        synchronized void abort() {
            if (stored || aborted) {
                return;
            }
            aborted = true;
            discardOwned();
        }

        private void discardOwned() {
            for (String id : List.copyOf(owned)) {
                try {
                    storage.discard(id);
                    owned.remove(id);
                } catch (RuntimeException e) {
                    log.warn("Could not remove the content of the failed upload of document {}", id, e);
                }
            }
        }

        private void ensureFree(String id) {
            storage.owner(id).ifPresent(owner -> {
                throw owner.equals(applicationId) ? alreadyStored(id) : idInUse(id);
            });
        }

        /** A write failed; when because another upload holds the id, that upload's content is not this one's. */
        private RuntimeException takenWhileWriting(String id, RuntimeException e) {
            if (DocumentStorage.isDuplicateKey(e)) {
                owned.remove(id);
                return idInUse(id);
            }
            return e;
        }

        private ApiProblem alreadyStored(String id) {
            return ApiProblem.refusal(
                    ErrorCode.DOCUMENT_ALREADY_ATTACHED,
                    "A document with id " + id + " is already attached to this application.");
        }

        private ApiProblem idInUse(String id) {
            return new ApiProblem(
                    EdgeErrorCode.DOCUMENT_ID_IN_USE,
                    "The document id " + id + " is already in use; choose another, or leave documentId"
                            + " out and the server chooses one.");
        }

        private MediaType allowed(MediaType declared) {
            if (declared != null) {
                for (MediaType allowed : allowedMediaTypes) {
                    if (allowed.equalsTypeAndSubtype(declared)) {
                        Charset charset = declared.getCharset();
                        return charset == null
                                ? new MediaType(declared.getType(), declared.getSubtype())
                                : new MediaType(
                                        declared.getType(), declared.getSubtype(), Map.of("charset", charset.name()));
                    }
                }
            }
            throw new ApiProblem(
                    EdgeErrorCode.UNSUPPORTED_DOCUMENT_TYPE,
                    (declared == null
                                    ? "The file part declares no media type (Content-Type)."
                                    : "Documents of type " + declared.getType() + "/" + declared.getSubtype()
                                            + " are not accepted.")
                            + " Accepted: "
                            + allowedMediaTypes.stream()
                                    .map(MediaType::toString)
                                    .collect(Collectors.joining(", "))
                            + ".");
        }
    }

    private static DocumentKind kind(String text) {
        try {
            return DocumentKind.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("kind must be one of " + kinds() + ", but was '" + text + "'.");
        }
    }

    private static String kinds() {
        return Arrays.stream(DocumentKind.values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static <T> T valid(Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(e.getMessage() + ".");
        }
    }

    /** The file name as sent, without any directory part or control characters. */
    static String fileName(String sent) {
        String name = sent == null ? "" : sent;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();
        if (name.isEmpty()) {
            throw ApiProblem.invalid("The file part has no file name: send its Content-Disposition with a filename.");
        }
        if (name.length() > MAX_FILE_NAME_LENGTH) {
            throw ApiProblem.invalid("The file name is longer than " + MAX_FILE_NAME_LENGTH + " characters.");
        }
        return name;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
