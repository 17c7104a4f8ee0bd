package se.norrort.consortium.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSUploadStream;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.BsonString;
import org.bson.Document;
import se.norrort.consortium.api.events.ApplicationOpened;
import se.norrort.consortium.api.events.ApplicationSubmitted;
import se.norrort.consortium.api.events.AwardGranted;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.ConsortiumEvents;
import se.norrort.consortium.api.events.CooperationFormSigned;
import se.norrort.consortium.api.events.DocumentAttached;
import se.norrort.consortium.api.events.MunicipalityJoined;
import se.norrort.consortium.api.events.ParticipationDeclined;
import se.norrort.consortium.api.events.SignatureDelegated;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.DocumentKind;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.Municipalities;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.PersonId;
import se.norrort.consortium.api.values.ReportDueDate;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.axon.StableNameSerializer;
import se.norrort.consortium.eventstore.chain.CommitSealer;
import se.norrort.consortium.eventstore.documents.DocumentBucket;
import se.norrort.consortium.eventstore.mongo.MongoEventLog;

/**
 * A realistic application history recorded in a store the way the command-service records it (through the event log,
 * which seals the hash chain, with the actors' metadata and chosen times), and the attached document's content in the
 * documents bucket: Sigtuna opens a § 37 application to all 15 municipalities; Sigtuna and Danderyd join on their
 * committees' decisions; Danderyd delegates the signing to its director of social services; Solna declines; Danderyd
 * attaches its minutes extract and signs; Täby joins (its minutes announced, not adjusted immediately); Sigtuna
 * delegates and signs; Sigtuna submits; the County Board grants 2 000 000 kr. For the archive tests and the tests of
 * the export in the query-service and the launcher.
 */
public final class ArchiveStory {

    /** The attached document's id (also its GridFS file id, so one per application in a shared database). */
    public static String documentId(String applicationId) {
        return "doc-0162-" + applicationId;
    }

    /** Swedish letters, spaces and a section sign: the package stores it under a safe name. */
    public static final String DOCUMENT_FILE_NAME = "Protokollsutdrag SN § 45 Danderyd.pdf";

    public static final String DOCUMENT_SAFE_NAME = "Protokollsutdrag_SN_45_Danderyd.pdf";
    public static final byte[] DOCUMENT = ("%PDF-1.7\n% Protokollsutdrag Socialnämnden Danderyd § 45\n"
                    + "1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
            .getBytes(StandardCharsets.UTF_8);
    public static final long GRANTED_SEK = 2_000_000;
    public static final String CASE_NUMBER = "3.6.1-12345-2023";
    /** How many events the story records. */
    public static final int EVENTS = 12;

    private static final Serializer SERIALIZER = StableNameSerializer.create(ConsortiumEvents.registry());
    private static final ObjectMapper JSON = new ObjectMapper();

    private ArchiveStory() {}

    /** The story as recorded: the stored events (index = sequence) and the document's SHA-256. */
    public record Recorded(List<StoredEvent> events, String documentSha256) {}

    /** Records the story of application {@code id} in the database, in unsealed commits. */
    public static Recorded record(MongoDatabase database, String id) {
        return record(database, id, null);
    }

    /** Records the story of application {@code id} in the database, sealing each commit with {@code sealer}. */
    public static Recorded record(MongoDatabase database, String id, CommitSealer sealer) {
        String sha256 = storeDocument(database, id, documentId(id));
        MongoEventLog log = new MongoEventLog(database, Duration.ofSeconds(10), Clock.systemUTC(), sealer);
        ApplicationId app = new ApplicationId(id);
        MunicipalityCode sigtuna = code("0191");
        MunicipalityCode danderyd = code("0162");
        MunicipalityCode taby = code("0160");
        MunicipalityCode solna = code("0184");
        Map<String, String> anna = actor("anna", "Anna Andersson", "MUNICIPALITY_OFFICER", "0191");
        Map<String, String> lina = actor("lina", "Lina Rönnerblad", "MUNICIPALITY_OFFICER", "0162");
        Map<String, String> tove = actor("tove", "Tove Lind", "MUNICIPALITY_OFFICER", "0160");
        Map<String, String> sara = actor("sara", "Sara Ek", "MUNICIPALITY_OFFICER", "0184");
        Map<String, String> brittMarie = actor("bme", "Britt-Marie Ekström", "SIGNATORY", "0162");
        brittMarie.put("delegationId", "del-0162");
        Map<String, String> asa = actor("asa", "Åsa Öberg", "SIGNATORY", "0191");
        asa.put("delegationId", "del-0191");
        Map<String, String> lars = actor("lars", "Lars Länsman", "FUNDER_OFFICER", null);

        DecisionReference sigtunaJoin = new DecisionReference(
                sigtuna, "Kommunstyrelsen", LocalDate.of(2023, 9, 12), "§ 112", true, LocalDate.of(2023, 9, 12));
        DecisionReference danderydJoin = new DecisionReference(
                danderyd, "Socialnämnden", LocalDate.of(2023, 9, 20), "§ 45", true, LocalDate.of(2023, 9, 20));
        DecisionReference danderydDelegation = new DecisionReference(
                danderyd, "Socialnämnden", LocalDate.of(2023, 9, 20), "§ 46", true, LocalDate.of(2023, 9, 20));
        DecisionReference tabyJoin = new DecisionReference(
                taby, "Socialnämnden", LocalDate.of(2023, 9, 25), "§ 88", false, LocalDate.of(2023, 10, 5));
        DecisionReference solnaDecline = new DecisionReference(
                solna, "Socialnämnden", LocalDate.of(2023, 9, 28), "§ 12", true, LocalDate.of(2023, 9, 28));
        DecisionReference sigtunaDelegation = new DecisionReference(
                sigtuna, "Kommunstyrelsen", LocalDate.of(2023, 9, 12), "§ 113", true, LocalDate.of(2023, 9, 12));
        List<StoredEvent> events = new ArrayList<>();
        append(
                log,
                events,
                "2023-09-01T08:00:00Z",
                anna,
                new ApplicationOpened(
                        app,
                        sigtuna,
                        LegalBasis.SECTION_37,
                        "Länsstyrelsen i Stockholms län",
                        "Gemensam resurs i Norrort för rådgivning & ansökan om externa medel",
                        List.of("nyanlända"),
                        LocalDate.of(2024, 1, 1),
                        LocalDate.of(2025, 12, 31),
                        LocalDate.of(2023, 12, 31),
                        2_400_000,
                        Municipalities.allCodes()));
        append(
                log,
                events,
                "2023-09-13T09:00:00Z",
                anna,
                new MunicipalityJoined(app, sigtuna, sigtunaJoin, sigtunaJoin.appealDeadline()));
        append(
                log,
                events,
                "2023-09-20T10:00:00Z",
                lina,
                new MunicipalityJoined(app, danderyd, danderydJoin, danderydJoin.appealDeadline()));
        append(
                log,
                events,
                "2023-09-21T09:00:00Z",
                lina,
                new SignatureDelegated(
                        app,
                        new DelegationId("del-0162"),
                        danderyd,
                        danderydDelegation,
                        new PersonId("bme"),
                        "Britt-Marie Ekström",
                        "socialdirektör",
                        "Underteckna samverkansblanketten",
                        LocalDate.of(2024, 6, 30)));
        append(
                log,
                events,
                "2023-10-03T09:00:00Z",
                sara,
                new ParticipationDeclined(app, solna, "Ingen kapacitet i år", solnaDecline));
        append(
                log,
                events,
                "2023-10-04T11:00:00Z",
                lina,
                new DocumentAttached(
                        app,
                        new DocumentId(documentId(id)),
                        DocumentKind.PROTOKOLLSUTDRAG,
                        danderyd,
                        DOCUMENT_FILE_NAME,
                        "application/pdf",
                        DOCUMENT.length,
                        sha256));
        append(
                log,
                events,
                "2023-10-05T09:00:00Z",
                brittMarie,
                new CooperationFormSigned(
                        app,
                        danderyd,
                        new PersonId("bme"),
                        "Britt-Marie Ekström",
                        "socialdirektör",
                        new DelegationId("del-0162")));
        append(
                log,
                events,
                "2023-10-06T08:30:00Z",
                tove,
                new MunicipalityJoined(app, taby, tabyJoin, tabyJoin.appealDeadline()));
        append(
                log,
                events,
                "2023-10-09T09:00:00Z",
                anna,
                new SignatureDelegated(
                        app,
                        new DelegationId("del-0191"),
                        sigtuna,
                        sigtunaDelegation,
                        new PersonId("asa"),
                        "Åsa Öberg",
                        "förvaltningschef",
                        "Underteckna samverkansblanketten",
                        null));
        append(
                log,
                events,
                "2023-10-10T09:00:00Z",
                asa,
                new CooperationFormSigned(
                        app,
                        sigtuna,
                        new PersonId("asa"),
                        "Åsa Öberg",
                        "förvaltningschef",
                        new DelegationId("del-0191")));
        append(
                log,
                events,
                "2024-01-05T09:00:00Z",
                anna,
                new ApplicationSubmitted(app, 2_400_000, List.of(sigtuna, danderyd, taby), 3, 1, 0, 11));
        append(
                log,
                events,
                "2024-01-15T13:00:00Z",
                lars,
                new AwardGranted(
                        app,
                        GRANTED_SEK,
                        2_400_000,
                        CASE_NUMBER,
                        LocalDate.of(2024, 1, 15),
                        "Medlen ska redovisas <i>enligt</i> beslutet & villkoren",
                        List.of(
                                new ReportDueDate(ReportKind.INTERIM, LocalDate.of(2024, 9, 30)),
                                new ReportDueDate(ReportKind.FINAL, LocalDate.of(2026, 2, 28)))));
        return new Recorded(List.copyOf(events), sha256);
    }

    private static void append(
            MongoEventLog log,
            List<StoredEvent> events,
            String at,
            Map<String, String> metadata,
            ConsortiumEvent event) {
        SerializedObject<String> payload = SERIALIZER.serialize(event, String.class);
        Map<String, String> withCorrelation = new LinkedHashMap<>(metadata);
        withCorrelation.put("correlationId", "c-" + events.size());
        String metadataJson;
        try {
            metadataJson = JSON.writeValueAsString(withCorrelation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        StoredEvent stored = new StoredEvent(
                0,
                UUID.randomUUID().toString(),
                "ConsortiumApplication",
                event.applicationId().toString(),
                events.size(),
                Instant.parse(at),
                payload.getType().getName(),
                payload.getType().getRevision(),
                payload.getData(),
                metadataJson);
        events.addAll(log.append(List.of(stored)));
    }

    private static Map<String, String> actor(String id, String name, String role, String municipality) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("actorId", id);
        metadata.put("actorName", name);
        metadata.put("actorRole", role);
        if (municipality != null) {
            metadata.put("actorMunicipality", municipality);
        }
        return metadata;
    }

    private static MunicipalityCode code(String code) {
        return new MunicipalityCode(code);
    }

    /** Stores the minutes extract as the command-service stores uploads; answers its SHA-256. */
    private static String storeDocument(MongoDatabase database, String applicationId, String documentId) {
        String sha256 = sha256(DOCUMENT);
        Document metadata = new Document(DocumentBucket.APPLICATION_ID, applicationId)
                .append(DocumentBucket.KIND, DocumentKind.PROTOKOLLSUTDRAG.name())
                .append(DocumentBucket.MUNICIPALITY, "0162")
                .append(DocumentBucket.MEDIA_TYPE, "application/pdf")
                .append(DocumentBucket.SHA_256, sha256);
        try (GridFSUploadStream upload = GridFSBuckets.create(database, DocumentBucket.BUCKET)
                .openUploadStream(
                        new BsonString(documentId), DOCUMENT_FILE_NAME, new GridFSUploadOptions().metadata(metadata))) {
            upload.write(DOCUMENT);
        }
        return sha256;
    }

    /** The SHA-256 of the bytes, 64 lower-case hex digits. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
