package se.norrort.consortium.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.bson.Document;
import org.roda_project.commons_ip.utils.IPException;
import org.roda_project.commons_ip.utils.METSEnums.CreatorType;
import org.roda_project.commons_ip2.model.IPAgent;
import org.roda_project.commons_ip2.model.IPAgentNoteTypeEnum;
import org.roda_project.commons_ip2.model.IPContentInformationType;
import org.roda_project.commons_ip2.model.IPContentType;
import org.roda_project.commons_ip2.model.IPDescriptiveMetadata;
import org.roda_project.commons_ip2.model.IPFile;
import org.roda_project.commons_ip2.model.IPMetadata;
import org.roda_project.commons_ip2.model.IPRepresentation;
import org.roda_project.commons_ip2.model.MetadataType;
import org.roda_project.commons_ip2.model.impl.eark.EARKSIP;
import org.roda_project.commons_ip2.model.impl.eark.out.writers.factory.ZipWriteStrategyFactory;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.axon.StoredEventReader;
import se.norrort.consortium.eventstore.chain.CommitSeal;
import se.norrort.consortium.eventstore.chain.HashChain.BrokenLink;
import se.norrort.consortium.eventstore.chain.SealVerifier;
import se.norrort.consortium.eventstore.mongo.CommitChainVerifier;
import se.norrort.consortium.eventstore.mongo.StoredCommits;

/**
 * Exports one application's whole history as an E-ARK Submission Information Package (CSIP 2.1.0 and SIP 2.1.0, which
 * Riksarkivet adopted as FGS Paketstruktur 2.0), built with commons-ip2 and checked with its own validator before it
 * is handed out. The package ({@code doc/archive.md}):
 * <pre>
 * METS.xml                                   root METS: agents, descriptive metadata, file groups
 * metadata/descriptive/dc.xml                Dublin Core: title, identifiers, dates, municipalities
 * documentation/report.html                  the whole story for a human reader (Swedish)
 * schemas/…                                  METS, xlink and E-ARK extension schemas (added by commons-ip2)
 * representations/rep1/METS.xml              the representation's METS, every file with its SHA-256
 * representations/rep1/data/events.jsonl     every stored event, in order, as stored
 * representations/rep1/data/documents/&lt;documentId&gt;/&lt;file&gt;           the attached documents' bytes
 * representations/rep1/metadata/preservation/chain-verification.json   the hash chain's verification
 * representations/rep1/schemas/events.schema.json                      JSON Schema of one events.jsonl line
 * </pre>
 * all in a top folder named after the package id.
 * <p>
 * The history is read once, straight from the stored commits (like the chain verification, so a commit missing in
 * the middle does not end the read): each event is written to {@code events.jsonl}, checked against the hash chain and
 * folded into the state the report describes; nothing of unbounded length is held in memory. Documents are copied
 * out of GridFS one by one. Everything is staged in a temporary folder that is deleted afterwards. Blocking: call it
 * off any event loop. Apart from the export's own time, its author and the identifiers commons-ip2 gives METS
 * elements, two exports of the same history produce the same files.
 */
public final class ApplicationArchive {

    /** The one representation: the event history and the documents. */
    public static final String REPRESENTATION = "rep1";
    /** The content information type the packages declare ({@code OTHER} with this value). */
    public static final String CONTENT_INFORMATION_TYPE = "Norrort consortium application history";
    /** The {@code OTHERMDTYPE} of the representation's chain verification (a digiprovMD). */
    public static final String CHAIN_VERIFICATION_TYPE = "Norrort hash chain verification";
    /** The software agent of the METS header. */
    public static final String SOFTWARE = "Norrort Consortium";
    /** Commits read per round trip. */
    private static final int BATCH = 100;

    private static final DateTimeFormatter PACKAGE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final MongoDatabase database;
    private final StoredEventReader reader;
    private final SealVerifier seals;
    private final Clock clock;
    private final String version;

    /** An archive whose chain verification checks the hash chain only, not the commits' seals. */
    public ApplicationArchive(MongoDatabase database, StoredEventReader reader, Clock clock) {
        this(database, reader, null, clock);
    }

    /**
     * @param database the shared database holding the {@code events} collection and the documents bucket
     * @param reader   reads stored payloads the way the aggregate does (upcasters, stable type names)
     * @param seals    checks every commit's seal in the chain verification; {@code null}: the hash chain only
     */
    public ApplicationArchive(MongoDatabase database, StoredEventReader reader, SealVerifier seals, Clock clock) {
        this.database = database;
        this.reader = reader;
        this.seals = seals;
        this.clock = clock;
        this.version = version();
    }

    /**
     * What was exported.
     *
     * @param file          the package (a zip file)
     * @param packageId     the package's id ({@code OBJID} of the root METS and the zip's top folder)
     * @param exportedAt    when it was exported (in the package id and the report)
     * @param events        how many stored events {@code events.jsonl} holds
     * @param chain         the hash chain's verification over them
     * @param documents     how many attached documents the history records
     * @param documentsNotOk how many of them are missing from the store or do not match their recorded digest
     * @param validation    the commons-ip2 E-ARK validator's verdict on the package
     */
    public record Exported(
            Path file,
            String packageId,
            Instant exportedAt,
            int events,
            CommitChainVerifier.Outcome chain,
            int documents,
            int documentsNotOk,
            SipValidation.Verdict validation) {}

    /**
     * Builds the package of the application, validates it and writes it to {@code target} (replacing a file there).
     *
     * @return what was exported; empty, with nothing written, when the store holds nothing of the application
     */
    public Optional<Exported> export(String applicationId, ExportedBy exportedBy, Path target) {
        Instant exportedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Path work = createWorkFolder();
        try {
            Path data = Files.createDirectories(work.resolve("data"));
            HistoryFacts facts = new HistoryFacts();
            CommitChainVerifier.Outcome chain = readHistory(applicationId, data.resolve("events.jsonl"), facts);
            if (chain.empty() && facts.events == 0) {
                return Optional.empty();
            }
            DocumentContents contents = new DocumentContents(database);
            List<DocumentContents.Packed> documents = new ArrayList<>();
            facts.state.documents().forEach(d -> documents.add(contents.copy(applicationId, d, data)));

            String packageId = "norrort-" + applicationId + "-" + PACKAGE_TIME.format(exportedAt);
            Path report = Files.writeString(
                    work.resolve("report.html"),
                    ReportHtml.render(
                            applicationId,
                            facts,
                            chain,
                            documents,
                            new ReportHtml.Export(
                                    packageId,
                                    exportedAt,
                                    exportedBy,
                                    SOFTWARE + " " + version,
                                    seals == null ? null : Jwks.fingerprints(seals.publicKeys()))),
                    StandardCharsets.UTF_8);
            Path dc = Files.writeString(
                    work.resolve("dc.xml"), DublinCore.render(applicationId, facts), StandardCharsets.UTF_8);
            Path verification = work.resolve("chain-verification.json");
            writeVerification(verification, applicationId, chain, seals, exportedAt);
            Path schema = work.resolve("events.schema.json");
            try (InputStream in = resource("events.schema.json")) {
                Files.copy(in, schema);
            }

            EARKSIP sip = new EARKSIP(
                    packageId,
                    IPContentType.getMIXED(),
                    new IPContentInformationType(IPContentInformationType.IPContentInformationTypeEnum.OTHER)
                            .setOtherType(CONTENT_INFORMATION_TYPE),
                    SipValidation.SPECIFICATION);
            String title = facts.state.title() == null ? applicationId : facts.state.title();
            sip.setDescription(title + " (" + applicationId + "): ansökans hela händelsehistorik");
            sip.addCreatorSoftwareAgent(SOFTWARE, version);
            if (facts.state.ownerMunicipality() != null) {
                sip.addAgent(new IPAgent(
                        Texts.municipalityName(facts.state.ownerMunicipality()),
                        "ARCHIVIST",
                        null,
                        CreatorType.ORGANIZATION,
                        null,
                        facts.state.ownerMunicipality().toString(),
                        IPAgentNoteTypeEnum.IDENTIFICATIONCODE));
            }
            sip.addSubmitterAgent(exportedBy.name(), exportedBy.id());
            sip.addDescriptiveMetadata(new IPDescriptiveMetadata(
                    new IPFile(dc), new MetadataType(MetadataType.MetadataTypeEnum.DC), null));
            sip.addDocumentation(new IPFile(report));

            IPRepresentation representation = new IPRepresentation(REPRESENTATION);
            representation.setDescription("Händelsehistorik (events.jsonl) och bifogade dokument");
            representation.setContentType(IPContentType.getMIXED());
            sip.addRepresentation(representation);
            representation.addFile(new IPFile(data.resolve("events.jsonl")));
            for (DocumentContents.Packed p : documents) {
                if (p.file() != null) {
                    representation.addFile(
                            p.file(),
                            List.of("documents", p.document().documentId().value()));
                }
            }
            // provenance: a digiprovMD in the amdSec (commons-ip2's "other" metadata would be a dmdSec, which the
            // CSIP structure rules refuse at representation level)
            representation.addPreservationMetadata(new IPMetadata(
                    new IPFile(verification),
                    new MetadataType(MetadataType.MetadataTypeEnum.OTHER).setOtherType(CHAIN_VERIFICATION_TYPE)));
            representation.addSchema(new IPFile(schema));

            Path built = sip.build(
                    new ZipWriteStrategyFactory().create(Files.createDirectories(work.resolve("out"))), packageId);
            SipValidation.Verdict validation = SipValidation.validate(built);
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.move(built, target, StandardCopyOption.REPLACE_EXISTING);
            int notOk = (int) documents.stream()
                    .filter(p -> p.status() != DocumentContents.Status.OK)
                    .count();
            return Optional.of(new Exported(
                    target, packageId, exportedAt, facts.events, chain, documents.size(), notOk, validation));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the archive package of " + applicationId, e);
        } catch (IPException e) {
            throw new IllegalStateException(
                    "commons-ip2 could not build the package of " + applicationId + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while building the package of " + applicationId, e);
        } finally {
            delete(work);
        }
    }

    /**
     * Reads every stored commit of the application in stream order, once: each event goes to {@code events.jsonl},
     * through the chain verifier, and into the facts.
     */
    private CommitChainVerifier.Outcome readHistory(String applicationId, Path eventsFile, HistoryFacts facts)
            throws IOException {
        CommitChainVerifier verifier = new CommitChainVerifier(-1, seals);
        try (OutputStream out = Files.newOutputStream(eventsFile);
                EventLines lines = new EventLines(out);
                MongoCursor<Document> commits = database.getCollection(StoredCommits.COLLECTION)
                        .find(StoredCommits.ofStream(applicationId))
                        .sort(StoredCommits.streamOrder())
                        .batchSize(BATCH)
                        .iterator()) {
            while (commits.hasNext()) {
                Document commit = commits.next();
                List<StoredEvent> events = verifier.accept(commit);
                Optional<CommitSeal> seal = StoredCommits.sealOf(commit);
                for (int i = 0; i < events.size(); i++) {
                    StoredEvent event = events.get(i);
                    // the seal signs the commit's last event's chain hash: it goes on that event's line
                    lines.write(event, i == events.size() - 1 ? seal.orElse(null) : null);
                    StoredEventReader.Read read = reader.read(event);
                    facts.accept(event, metadata(event), read.event(), read.unreadable());
                }
            }
        }
        return verifier.outcome();
    }

    private static Document metadata(StoredEvent event) {
        try {
            return Document.parse(event.metadata());
        } catch (RuntimeException e) {
            return new Document();
        }
    }

    private static void writeVerification(
            Path file, String applicationId, CommitChainVerifier.Outcome chain, SealVerifier seals, Instant verifiedAt)
            throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("applicationId", applicationId);
        json.put("ok", chain.ok());
        json.put("events", chain.events());
        json.put("headHash", chain.headHash());
        json.put("brokenAt", chain.brokenAt().map(ApplicationArchive::brokenAt).orElse(null));
        json.put("verifiedAt", verifiedAt.toString());
        json.put("sealsChecked", seals != null);
        json.put(
                "rules",
                "SHA-256 of the canonical JSON of each event chained to the previous event's hash;"
                        + " each commit's last event carries the command-service's seal, an RS256 signature over the"
                        + " canonical JSON {aggregateId, chainHash, kid, sequence, type: \"" + CommitSeal.TYPE
                        + "\"} of that"
                        + " event; see the descriptions in ../../schemas/events.schema.json");
        // the public keys the seals were checked with, so that a reader of the package can check them again
        json.put("sealKeys", seals == null ? List.of() : Jwks.publicRsaKeys(seals.publicKeys()));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }

    private static Map<String, Object> brokenAt(BrokenLink broken) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("index", broken.index());
        json.put("sequence", broken.sequence());
        json.put("position", broken.position());
        json.put("eventId", broken.eventId());
        json.put("reason", broken.reason());
        return json;
    }

    private static Path createWorkFolder() {
        try {
            return Files.createTempDirectory("norrort-archive-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for the archive package", e);
        }
    }

    /** Deletes a folder and everything in it; what cannot be deleted is left (it is in the temporary folder). */
    static void delete(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // left for the operating system's temporary folder cleaning
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ApplicationArchive.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("Resource " + name + " is missing from the archive module");
        }
        return in;
    }

    private static String version() {
        try (InputStream in = resource("archive.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
