package se.norrort.consortium.archive;

import static se.norrort.consortium.story.NorrortStory.DANDERYD;
import static se.norrort.consortium.story.NorrortStory.SIGTUNA;
import static se.norrort.consortium.story.NorrortStory.SOLNA;
import static se.norrort.consortium.story.NorrortStory.TABY;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import se.norrort.consortium.api.MetadataKeys;
import se.norrort.consortium.api.events.ApplicationOpened;
import se.norrort.consortium.api.events.ApplicationSubmitted;
import se.norrort.consortium.api.events.AwardGranted;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.ConsortiumEvents;
import se.norrort.consortium.api.events.DocumentAttached;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.DocumentKind;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.Municipalities;
import se.norrort.consortium.api.values.Role;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.axon.StableNameSerializer;
import se.norrort.consortium.eventstore.chain.CommitSealer;
import se.norrort.consortium.eventstore.documents.DocumentBucket;
import se.norrort.consortium.eventstore.mongo.MongoEventLog;
import se.norrort.consortium.story.NorrortStory;

/**
 * The seed story ({@link NorrortStory}: its people, decisions and events) recorded in a store the way the
 * command-service records it (through the event log, which seals the hash chain, with the actors' metadata and chosen
 * times), and the attached document's content in the documents bucket: Sigtuna opens the § 37 application to all 15
 * municipalities; Sigtuna and Danderyd join on their committees' decisions; Danderyd delegates the signing to its
 * director of social services (until the project period ends); Solna declines; Danderyd attaches its minutes extract
 * and signs; Täby joins (its decision announced, not adjusted immediately); Sigtuna delegates and signs; Sigtuna
 * submits; the County Board grants the story's award. For the archive tests and the tests of the export in the
 * query-service and the launcher.
 * <p>
 * What is the archive's own: the application id the story is stored under (one per test in a shared database, in
 * place of {@link NorrortStory#ID}), the times and metadata of the stored events, the document's bytes and a file
 * name that needs a safe form, and two texts with markup the package must escape (the title with "&amp;", the award
 * conditions with a tag).
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
    /** The story's title with an ampersand, which the report and the descriptive metadata must escape. */
    public static final String TITLE = NorrortStory.TITLE.replace(" och ", " & ");
    /** Award conditions with a tag and an ampersand, which the report must escape. */
    public static final String CONDITIONS = "Medlen ska redovisas <i>enligt</i> beslutet & villkoren";
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
        Story story = new Story(log, id);
        ApplicationOpened opened = NorrortStory.opened();
        story.append(
                "2023-09-01T08:00:00Z",
                NorrortStory.OWNER,
                new ApplicationOpened(
                        opened.applicationId(),
                        opened.ownerMunicipality(),
                        LegalBasis.SECTION_37,
                        opened.funderName(),
                        TITLE,
                        opened.targetGroups(),
                        opened.periodStart(),
                        opened.periodEnd(),
                        opened.joiningDeadline(),
                        opened.appliedAmountSek(),
                        opened.invitedMunicipalities()));
        story.append("2023-09-13T09:00:00Z", NorrortStory.officer(SIGTUNA), NorrortStory.joined(SIGTUNA));
        story.append("2023-09-20T10:00:00Z", NorrortStory.officer(DANDERYD), NorrortStory.joined(DANDERYD));
        story.append(
                "2023-09-21T09:00:00Z",
                NorrortStory.officer(DANDERYD),
                NorrortStory.delegated(DANDERYD, NorrortStory.delegationDecision(DANDERYD), NorrortStory.PERIOD_END));
        story.append("2023-10-03T09:00:00Z", NorrortStory.officer(SOLNA), NorrortStory.declined(SOLNA));
        story.append(
                "2023-10-04T11:00:00Z",
                NorrortStory.officer(DANDERYD),
                new DocumentAttached(
                        NorrortStory.ID,
                        new DocumentId(documentId(id)),
                        DocumentKind.PROTOKOLLSUTDRAG,
                        DANDERYD,
                        DOCUMENT_FILE_NAME,
                        "application/pdf",
                        DOCUMENT.length,
                        sha256));
        story.append("2023-10-05T09:00:00Z", NorrortStory.signatory(DANDERYD), NorrortStory.signed(DANDERYD));
        story.append(
                "2023-10-06T08:30:00Z",
                NorrortStory.officer(TABY),
                NorrortStory.joined(TABY, NorrortStory.announcedDecision(TABY)));
        story.append(
                "2023-10-09T09:00:00Z",
                NorrortStory.officer(SIGTUNA),
                NorrortStory.delegated(SIGTUNA, NorrortStory.delegationDecision(SIGTUNA), null));
        story.append("2023-10-10T09:00:00Z", NorrortStory.signatory(SIGTUNA), NorrortStory.signed(SIGTUNA));
        story.append(
                "2023-11-02T09:00:00Z",
                NorrortStory.OWNER,
                new ApplicationSubmitted(
                        NorrortStory.ID,
                        NorrortStory.APPLIED_SEK,
                        List.of(SIGTUNA, DANDERYD, TABY),
                        3,
                        1,
                        0,
                        Municipalities.allCodes().size() - 4));
        AwardGranted granted = NorrortStory.granted(List.of(NorrortStory.INTERIM_DUE, NorrortStory.FINAL_DUE));
        story.append(
                "2023-12-14T13:00:00Z",
                NorrortStory.FUNDER,
                new AwardGranted(
                        granted.applicationId(),
                        granted.amountSek(),
                        granted.appliedAmountSek(),
                        granted.caseNumber(),
                        granted.decisionDate(),
                        CONDITIONS,
                        granted.reportDueDates()));
        return new Recorded(List.copyOf(story.events), sha256);
    }

    /** The story's events stored under one application id, one event per commit. */
    private static final class Story {

        private final MongoEventLog log;
        private final String applicationId;
        private final List<StoredEvent> events = new ArrayList<>();

        Story(MongoEventLog log, String applicationId) {
            this.log = log;
            this.applicationId = applicationId;
        }

        /** Stores the event (of {@link NorrortStory#ID}) under this story's application id, by the actor, at the time. */
        void append(String at, Actor actor, ConsortiumEvent event) {
            SerializedObject<String> payload = SERIALIZER.serialize(event, String.class);
            String metadataJson;
            String payloadJson;
            try {
                ObjectNode data = (ObjectNode) JSON.readTree(payload.getData());
                data.put("applicationId", applicationId);
                payloadJson = JSON.writeValueAsString(data);
                metadataJson = JSON.writeValueAsString(metadata(actor, events.size()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            StoredEvent stored = new StoredEvent(
                    0,
                    UUID.randomUUID().toString(),
                    "ConsortiumApplication",
                    applicationId,
                    events.size(),
                    Instant.parse(at),
                    payload.getType().getName(),
                    payload.getType().getRevision(),
                    payloadJson,
                    metadataJson);
            events.addAll(log.append(List.of(stored)));
        }
    }

    /** The metadata the command-service stores for the actor; a signatory acts under the story's delegation. */
    private static Map<String, String> metadata(Actor actor, int sequence) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(MetadataKeys.ACTOR_ID, actor.personId().value());
        metadata.put(MetadataKeys.ACTOR_NAME, actor.displayName());
        metadata.put(MetadataKeys.ACTOR_ROLE, actor.role().name());
        if (actor.municipality() != null) {
            metadata.put(MetadataKeys.ACTOR_MUNICIPALITY, actor.municipality().value());
            if (actor.role() == Role.SIGNATORY) {
                metadata.put(
                        MetadataKeys.DELEGATION_ID,
                        NorrortStory.delegationId(actor.municipality()).value());
            }
        }
        metadata.put(MetadataKeys.CORRELATION_ID, "c-" + sequence);
        return metadata;
    }

    /** Stores the minutes extract as the command-service stores uploads; answers its SHA-256. */
    private static String storeDocument(MongoDatabase database, String applicationId, String documentId) {
        String sha256 = sha256(DOCUMENT);
        Document metadata = new Document(DocumentBucket.APPLICATION_ID, applicationId)
                .append(DocumentBucket.KIND, DocumentKind.PROTOKOLLSUTDRAG.name())
                .append(DocumentBucket.MUNICIPALITY, DANDERYD.value())
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
