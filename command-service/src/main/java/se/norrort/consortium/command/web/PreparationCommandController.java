package se.norrort.consortium.command.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.commands.AttachDocument;
import se.norrort.consortium.api.commands.SetBudgetLine;
import se.norrort.consortium.api.commands.SubmitApplication;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.DocumentKind;

import java.math.BigDecimal;
import java.net.URI;

import static se.norrort.consortium.command.web.CommandRequests.createdAt;
import static se.norrort.consortium.command.web.CommandRequests.idOrNew;
import static se.norrort.consortium.command.web.CommandRequests.municipality;
import static se.norrort.consortium.command.web.CommandRequests.optionalMunicipality;
import static se.norrort.consortium.command.web.CommandRequests.wholeKronor;
import static se.norrort.consortium.command.web.CommandRequests.wholeNumber;
import static se.norrort.consortium.command.web.CommandRequests.year;

/** Preparing an application for the funder: budget lines, attached documents, and the submission itself. */
@RestController
@RequestMapping(path = "/api/applications/{applicationId}", produces = MediaType.APPLICATION_JSON_VALUE)
public class PreparationCommandController {

    private final CommandDispatcher dispatcher;
    private final CurrentActor currentActor;

    public PreparationCommandController(CommandDispatcher dispatcher, CurrentActor currentActor) {
        this.dispatcher = dispatcher;
        this.currentActor = currentActor;
    }

    /**
     * Body of {@code POST .../municipalities/{code}/budget-lines}: the municipality's amount for one calendar year,
     * replacing any earlier line for that year.
     *
     * @param year      the calendar year, within the project period
     * @param amountSek whole kronor, not negative (a fraction is refused, not truncated)
     */
    public record BudgetLineRequest(BigDecimal year, BigDecimal amountSek) {
    }

    /**
     * Body of {@code POST .../documents}: what the document is.
     *
     * @param documentId   the document's id; the server chooses one when absent
     * @param kind         what the document is, e.g. {@code TJANSTEUTLATANDE} or {@code FORSTUDIERAPPORT}
     * @param municipality the municipality the document belongs to; absent for a document of the whole application
     *                     (the project owner's) or of the funder
     * @param fileName     the original file name
     * @param mediaType    the media type, e.g. {@code application/pdf}
     * @param sizeBytes    the size in bytes
     * @param sha256       the SHA-256 digest of the content, 64 hex digits
     */
    public record DocumentRequest(String documentId, DocumentKind kind, String municipality, String fileName,
                                  String mediaType, BigDecimal sizeBytes, String sha256) {
    }

    /** Answer to an attached document: the usual receipt plus the document's id. */
    public record DocumentAccepted(String applicationId, String documentId, Long version, Long position) {
    }

    @PostMapping(path = "/municipalities/{code}/budget-lines", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> setBudgetLine(@PathVariable String applicationId,
                                                                          @PathVariable String code,
                                                                          @RequestBody BudgetLineRequest request,
                                                                          ServerWebExchange exchange) {
        return currentActor.of(exchange).flatMap(actor -> {
            var command = new SetBudgetLine(new ApplicationId(applicationId), municipality(code, "code"),
                                            year(request.year(), "year"),
                                            wholeKronor(request.amountSek(), "amountSek"),
                                            actor);
            return dispatcher.send(applicationId, command, actor, exchange, null);
        }).map(ApplicationCommandController::accepted);
    }

    /**
     * Records a document's metadata; {@code 201 Created} with the document's location and id.
     * <p>
     * INTERIM: only the metadata is sent, as JSON; the content is not uploaded or stored here, so the SHA-256 digest
     * is the client's word until it can be checked. Multipart upload with server-side storage and digest
     * verification (API.md: "documents as multipart uploads") is a separate task.
     */
    @PostMapping(path = "/documents", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<DocumentAccepted>> attachDocument(@PathVariable String applicationId,
                                                                 @RequestBody DocumentRequest request,
                                                                 ServerWebExchange exchange) {
        return currentActor.of(exchange).flatMap(actor -> {
            DocumentId documentId = new DocumentId(idOrNew(request.documentId()));
            var command = new AttachDocument(new ApplicationId(applicationId), documentId,
                                             request.kind(), optionalMunicipality(request.municipality(),
                                                                                  "municipality"),
                                             request.fileName(), request.mediaType(),
                                             wholeNumber(request.sizeBytes(), "sizeBytes",
                                                         "sizeBytes is required (the size in bytes)."),
                                             request.sha256(), actor);
            URI location = URI.create("/api/applications/" + applicationId + "/documents/" + documentId);
            return dispatcher.send(applicationId, command, actor, exchange, null)
                             .map(accepted -> createdAt(location, accepted.version(),
                                     new DocumentAccepted(accepted.applicationId(), documentId.value(),
                                                          accepted.version(), accepted.position())));
        });
    }

    /** The project owner submits the application to the funder; no body. */
    @PostMapping("/submission")
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> submit(@PathVariable String applicationId,
                                                                   ServerWebExchange exchange) {
        return currentActor.of(exchange).flatMap(actor -> {
            var command = new SubmitApplication(new ApplicationId(applicationId), actor);
            return dispatcher.send(applicationId, command, actor, exchange, null);
        }).map(ApplicationCommandController::accepted);
    }
}
