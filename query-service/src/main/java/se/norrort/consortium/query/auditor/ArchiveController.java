package se.norrort.consortium.query.auditor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.archive.ApplicationArchive.Exported;
import se.norrort.consortium.archive.ExportedBy;
import se.norrort.consortium.query.api.QueryErrorCode;
import se.norrort.consortium.query.auditor.ArchiveReads.Download;
import se.norrort.consortium.security.CurrentActors;

/**
 * {@code GET /api/applications/{id}/export}: the application's whole history as an E-ARK SIP (a zip), for the
 * auditor to hand to an archive: every stored event as stored ({@code events.jsonl}), the attached documents, the
 * hash chain's verification, Dublin Core metadata and a report for human readers (see {@code doc/archive.md}).
 * Only auditors may call it, and every call is recorded in the {@link AccessLog} (action {@code export}) before the
 * package is built.
 * <p>
 * The package is built in a temporary folder on a worker ({@link ArchiveReads}: the event store and GridFS
 * reads, the zip and the validation block), validated with commons-ip2's E-ARK validator, then streamed from the file
 * and deleted once sent (or when the request is cancelled). A package the validator refuses is not sent: 500
 * {@code ARCHIVE_INVALID}. An application of which nothing is stored: 404 {@code APPLICATION_NOT_FOUND}; an id that
 * cannot be an application's: 400 {@code INVALID_REQUEST} (not recorded: it reads nothing).
 */
@RestController
@RequestMapping("/api/applications")
public class ArchiveController {

    /** The media type of the package. */
    public static final String APPLICATION_ZIP = "application/zip";

    private static final Logger log = LoggerFactory.getLogger(ArchiveController.class);
    private static final int CHUNK = 64 * 1024;

    private final ArchiveReads archives;
    private final AccessLog accessLog;

    public ArchiveController(ArchiveReads archives, AccessLog accessLog) {
        this.archives = archives;
        this.accessLog = accessLog;
    }

    /**
     * The E-ARK SIP of the application as {@code application/zip}, with {@code Content-Disposition: attachment;
     * filename="<id>.sip.zip"}, the package id in {@code Norrort-Package-Id} and the validator's verdict in
     * {@code Norrort-Sip-Validation}.
     */
    @GetMapping(path = "/{applicationId}/export", produces = APPLICATION_ZIP)
    public Mono<ResponseEntity<Flux<DataBuffer>>> archive(@PathVariable String applicationId) {
        try {
            new ApplicationId(applicationId);
        } catch (IllegalArgumentException e) {
            // never a stored application, and not a safe file name
            return Mono.error(new Refused(AuditorRequests.invalid(new AuditorRequests.Invalid(e.getMessage() + "."))));
        }
        return accessLog
                .record("export", applicationId, Map.of())
                .then(CurrentActors.current())
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED)))
                .flatMap(actor -> archives.build(applicationId, exportedBy(actor), fileName(applicationId)))
                // built, but the request was cancelled before the answer: nothing will stream the file
                .doOnDiscard(Download.class, Download::deleteLater)
                .map(download -> answer(applicationId, download));
    }

    /** An answer other than the package: a problem, as {@code application/problem+json}. */
    static final class Refused extends RuntimeException {

        private final transient ResponseEntity<ProblemDetail> problem;

        Refused(ResponseEntity<ProblemDetail> problem) {
            super(null, null, false, false);
            this.problem = problem;
        }
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<ProblemDetail> refused(Refused refused) {
        return refused.problem;
    }

    private ResponseEntity<Flux<DataBuffer>> answer(String applicationId, Download download) {
        Exported exported = download.exported();
        if (exported == null) {
            throw new Refused(AuditorRequests.notFound(applicationId));
        }
        if (!exported.validation().valid()) {
            download.deleteLater();
            log.error(
                    "The archive package of {} failed E-ARK validation: {} {}",
                    applicationId,
                    exported.validation().summary(),
                    exported.validation().failures());
            var problem = QueryErrorCode.ARCHIVE_INVALID.body(
                    "The package built for " + applicationId + " does not pass the E-ARK validator: "
                            + exported.validation().summary() + ".");
            problem.setProperty("failures", exported.validation().failures());
            throw new Refused(ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem));
        }
        Flux<DataBuffer> content = DataBufferUtils.read(exported.file(), DefaultDataBufferFactory.sharedInstance, CHUNK)
                .doFinally(signal -> download.deleteLater());
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(APPLICATION_ZIP));
        headers.setContentDisposition(ContentDisposition.attachment()
                .filename(fileName(applicationId))
                .build());
        headers.setContentLength(size(exported.file()));
        headers.setCacheControl("private, no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Norrort-Package-Id", exported.packageId());
        headers.set("Norrort-Sip-Validation", exported.validation().summary());
        return ResponseEntity.ok().headers(headers).body(content);
    }

    private static ExportedBy exportedBy(Actor actor) {
        return new ExportedBy(
                actor.personId().toString(), actor.displayName(), actor.role().name());
    }

    /** {@code <id>.sip.zip}: application ids are opaque ids ({@code [A-Za-z0-9._-]}), safe as file names. */
    static String fileName(String applicationId) {
        return applicationId + ".sip.zip";
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
