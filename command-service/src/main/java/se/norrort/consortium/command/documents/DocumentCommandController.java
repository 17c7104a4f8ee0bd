package se.norrort.consortium.command.documents;

import static se.norrort.consortium.command.web.CommandAnswers.createdAt;

import java.net.URI;
import java.util.concurrent.TimeoutException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.commands.AttachDocument;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DocumentKind;
import se.norrort.consortium.command.web.CommandDispatcher;
import se.norrort.consortium.command.web.CurrentActor;

/** Attaching a document to an application: the upload (multipart, content streamed into GridFS) and its command. */
@RestController
@RequestMapping(path = "/api/applications/{applicationId}", produces = MediaType.APPLICATION_JSON_VALUE)
public class DocumentCommandController {

    private final CommandDispatcher dispatcher;
    private final CurrentActor currentActor;
    private final DocumentUploads uploads;

    public DocumentCommandController(CommandDispatcher dispatcher, CurrentActor currentActor, DocumentUploads uploads) {
        this.dispatcher = dispatcher;
        this.currentActor = currentActor;
        this.uploads = uploads;
    }

    /**
     * Answer to an attached document: the usual receipt, the document's id, and what the server computed while
     * storing the content.
     *
     * @param sha256    the SHA-256 digest of the stored content, 64 lower-case hex digits
     * @param sizeBytes the size of the stored content in bytes
     */
    public record DocumentAccepted(
            String applicationId, String documentId, Long version, Long position, String sha256, long sizeBytes) {}

    /**
     * Uploads a document and attaches it: {@code multipart/form-data} with the parts {@code file} (the content, with
     * its file name and {@code Content-Type}), {@code kind} (a {@link DocumentKind} name), and optionally
     * {@code municipality} (the municipality the document belongs to; absent for a document of the whole application
     * or of the funder) and {@code documentId} (the server chooses one when absent). The content is streamed into
     * GridFS (bucket {@code documents}, file id = document id) while its SHA-256 digest and size are computed; the
     * {@code AttachDocument} command carries those. {@code 201 Created} with the document's location.
     * <p>
     * Refused with 413 {@code DOCUMENT_TOO_LARGE} above {@code norrort.documents.max-size}, 415
     * {@code UNSUPPORTED_DOCUMENT_TYPE} for a media type not allowed, 409 when the id is taken, and as the
     * application refuses the command (e.g. 403 for an actor who may not attach). A refused upload leaves nothing
     * stored: neither an event nor content. Only when the command's outcome is unknown (it timed out) is the content
     * kept, since the command may still take effect.
     */
    @PostMapping(path = "/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public Mono<ResponseEntity<DocumentAccepted>> attachDocument(
            @PathVariable String applicationId, @RequestBody Flux<PartEvent> parts, ServerWebExchange exchange) {
        ApplicationId application = new ApplicationId(applicationId);
        long contentLength = exchange.getRequest().getHeaders().getContentLength();
        return currentActor
                .of(exchange)
                .flatMap(actor -> uploads.store(applicationId, contentLength, parts)
                        .flatMap(stored -> attach(application, stored, actor, exchange)));
    }

    /** Attaches a stored document; when the command is refused, removes the content again. */
    private Mono<ResponseEntity<DocumentAccepted>> attach(
            ApplicationId application, StoredDocument stored, Actor actor, ServerWebExchange exchange) {
        String applicationId = application.toString();
        URI location = URI.create("/api/applications/" + applicationId + "/documents/" + stored.documentId());
        return Mono.fromCallable(() -> new AttachDocument(
                        application,
                        stored.documentId(),
                        stored.kind(),
                        stored.municipality(),
                        stored.fileName(),
                        stored.mediaType(),
                        stored.sizeBytes(),
                        stored.sha256(),
                        actor))
                .flatMap(command -> dispatcher.send(applicationId, command, actor, exchange, null))
                // a timeout leaves the outcome open (the command may still be recorded): keep the content then
                .onErrorResume(
                        e -> !(e instanceof TimeoutException),
                        e -> uploads.discard(stored).then(Mono.error(e)))
                .map(accepted -> createdAt(
                        location,
                        accepted.version(),
                        new DocumentAccepted(
                                accepted.applicationId(),
                                stored.documentId().value(),
                                accepted.version(),
                                accepted.position(),
                                stored.sha256(),
                                stored.sizeBytes())));
    }
}
