package se.norrort.consortium.query.auditor;

import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import se.norrort.consortium.archive.ApplicationArchive;
import se.norrort.consortium.archive.ApplicationArchive.Exported;
import se.norrort.consortium.archive.ExportedBy;
import se.norrort.consortium.eventstore.axon.StoredEventReader;
import se.norrort.consortium.eventstore.chain.SealVerifier;

/**
 * The archive export's reads, for its endpoint: an application's whole history (its stored events, the attached
 * documents in GridFS, the chain's verification) read from the shared database into an E-ARK SIP by
 * {@link ApplicationArchive}, in a temporary folder of its own, on {@link Schedulers#boundedElastic()} (the reads, the
 * zip and the validation block).
 */
@Component
public class ArchiveReads {

    private static final Logger log = LoggerFactory.getLogger(ArchiveReads.class);

    private final ApplicationArchive archive;

    public ArchiveReads(
            @Qualifier("norrortDatabase") MongoDatabase norrortDatabase, StoredEventReader reader, SealVerifier seals) {
        this.archive = new ApplicationArchive(norrortDatabase, reader, seals, Clock.systemUTC());
    }

    /**
     * A package built in a folder of its own ({@code exported} null when the store holds nothing of the
     * application, and then the folder is already gone). Whoever gets one deletes it once it is sent or not needed.
     */
    public record Download(Path folder, Exported exported) {

        /** Deletes the package and its folder on a worker. */
        public void deleteLater() {
            Schedulers.boundedElastic().schedule(this::delete);
        }

        void delete() {
            try {
                if (exported != null) {
                    Files.deleteIfExists(exported.file());
                }
                Files.deleteIfExists(folder);
            } catch (IOException e) {
                log.warn("Could not delete the archive package in {}", folder, e);
            }
        }
    }

    /** Builds the application's package as {@code fileName} in a new temporary folder, on a worker. */
    public Mono<Download> build(String applicationId, ExportedBy exportedBy, String fileName) {
        return Mono.fromCallable(() -> download(applicationId, exportedBy, fileName))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private Download download(String applicationId, ExportedBy exportedBy, String fileName) {
        Path folder;
        try {
            folder = Files.createTempDirectory("norrort-archive-download-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Download download = new Download(folder, null);
        try {
            return archive.export(applicationId, exportedBy, folder.resolve(fileName))
                    .map(exported -> new Download(folder, exported))
                    .orElseGet(() -> {
                        download.delete();
                        return download;
                    });
        } catch (RuntimeException e) {
            download.delete();
            throw e;
        }
    }
}
