package se.norrort.consortium.query.auditor;

import static se.norrort.consortium.query.TestEvents.declined;
import static se.norrort.consortium.query.TestEvents.delegated;
import static se.norrort.consortium.query.TestEvents.granted;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.opened;
import static se.norrort.consortium.query.TestEvents.signed;
import static se.norrort.consortium.query.TestEvents.submitted;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.query.QueryApiTestBase;

/**
 * The auditor's tools against the real event store: events are appended through Axon's event store with the
 * timestamps and metadata a test chooses (so "as of" instants are under control), and tamper tests edit the
 * {@code events} collection directly, as someone with database access would.
 */
abstract class AuditorApiTestBase extends QueryApiTestBase {

    static final Map<String, Object> ANNA = Map.of(
            "actorId",
            "anna",
            "actorName",
            "Anna Berg",
            "actorRole",
            "MUNICIPALITY_OFFICER",
            "actorMunicipality",
            "0191",
            "correlationId",
            "c-open");
    static final Map<String, Object> LINA = Map.of(
            "actorId",
            "lina",
            "actorName",
            "Lina Holm",
            "actorRole",
            "MUNICIPALITY_OFFICER",
            "actorMunicipality",
            "0162");
    static final Map<String, Object> BRITT_MARIE = Map.of(
            "actorId",
            "bme",
            "actorName",
            "Britt-Marie Ekström",
            "actorRole",
            "SIGNATORY",
            "actorMunicipality",
            "0162",
            "delegationId",
            "del-0162");
    static final Map<String, Object> TOVE = Map.of(
            "actorId",
            "tove",
            "actorName",
            "Tove Lind",
            "actorRole",
            "MUNICIPALITY_OFFICER",
            "actorMunicipality",
            "0160");
    static final Map<String, Object> TABY_SIGNATORY = Map.of(
            "actorId",
            "bme",
            "actorName",
            "Britt-Marie Ekström",
            "actorRole",
            "SIGNATORY",
            "actorMunicipality",
            "0160",
            "delegationId",
            "del-0160");
    static final Map<String, Object> SOLNA = Map.of(
            "actorId",
            "sara",
            "actorName",
            "Sara Ek",
            "actorRole",
            "MUNICIPALITY_OFFICER",
            "actorMunicipality",
            "0184");
    static final Map<String, Object> FUNDER =
            Map.of("actorId", "lst", "actorName", "Lars Länsstyrelse", "actorRole", "FUNDER_OFFICER");

    /** When each event of {@link #story} was recorded (UTC). */
    static final Instant OPENED = Instant.parse("2023-09-01T08:00:00Z");

    static final Instant DANDERYD_JOINED = Instant.parse("2023-09-20T10:00:00Z");
    static final Instant DANDERYD_DELEGATED = Instant.parse("2023-09-21T09:00:00Z");
    /** 2023-10-02 00:30 in Stockholm, though still 2023-10-01 in UTC. */
    static final Instant TABY_JOINED = Instant.parse("2023-10-01T22:30:00Z");

    static final Instant SOLNA_DECLINED = Instant.parse("2023-10-03T09:00:00Z");
    static final Instant DANDERYD_SIGNED = Instant.parse("2023-10-05T09:00:00Z");
    static final Instant TABY_DELEGATED = Instant.parse("2023-10-06T09:00:00Z");
    static final Instant TABY_SIGNED = Instant.parse("2023-10-09T09:00:00Z");
    static final Instant SUBMITTED = Instant.parse("2024-01-05T09:00:00Z");
    static final Instant GRANTED = Instant.parse("2024-01-15T13:00:00Z");

    @Autowired
    MongoDatabase database;

    /** Appends one event recorded at {@code at} with the given metadata; returns it as stored. */
    StoredEvent appendAt(long sequence, Instant at, Map<String, ?> metadata, ConsortiumEvent event) {
        String id = event.applicationId().toString();
        eventStore.publish(new GenericDomainEventMessage<>(
                "ConsortiumApplication",
                id,
                sequence,
                event,
                metadata,
                UUID.randomUUID().toString(),
                at));
        return eventLog.readStream(id, sequence, 1).get(0);
    }

    /**
     * The seed story at controlled times: Sigtuna opens, Danderyd joins and delegates, Täby joins, Solna declines,
     * both sign, Sigtuna submits, the County Board grants. Returns the events as stored (index = sequence).
     */
    List<StoredEvent> story(String id) {
        return List.of(
                appendAt(0, OPENED, ANNA, opened(id)),
                appendAt(1, DANDERYD_JOINED, LINA, joined(id, "0162")),
                appendAt(2, DANDERYD_DELEGATED, LINA, delegated(id, "0162", null)),
                appendAt(3, TABY_JOINED, TOVE, joined(id, "0160")),
                appendAt(4, SOLNA_DECLINED, SOLNA, declined(id, "0184")),
                appendAt(5, DANDERYD_SIGNED, BRITT_MARIE, signed(id, "0162", "bme", "Britt-Marie Ekström")),
                appendAt(6, TABY_DELEGATED, TOVE, delegated(id, "0160", null)),
                appendAt(7, TABY_SIGNED, TABY_SIGNATORY, signed(id, "0160", "bme", "Britt-Marie Ekström")),
                appendAt(8, SUBMITTED, ANNA, submitted(id, "0162", "0160")),
                appendAt(9, GRANTED, FUNDER, granted(id)));
    }

    MongoCollection<Document> events() {
        return database.getCollection("events");
    }

    /** The commit document holding the application's event at {@code sequence} (one event per commit here). */
    Document commit(String id, long sequence) {
        return events().find(new Document("a", id).append("f", sequence)).first();
    }

    /** The first event of a commit document. */
    static Document firstEvent(Document commit) {
        return commit.getList("e", Document.class).get(0);
    }

    void replace(Document commit) {
        events().replaceOne(Filters.eq("_id", commit.get("_id")), commit);
    }

    static String chainHash(StoredEvent event) {
        return Document.parse(event.metadata()).getString("chainHash");
    }
}
