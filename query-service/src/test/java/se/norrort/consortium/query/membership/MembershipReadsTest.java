package se.norrort.consortium.query.membership;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.query.projection.Provenance;

/**
 * The membership view's reads against the embedded store (or {@code MONGODB_URI}): the stored document with or
 * without its provenance, and for the read rule only the member codes and the position, read again on every
 * subscription (the rule's read-your-writes wait subscribes until the view has caught up).
 */
class MembershipReadsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static MongoClient client;
    private static MongoCollection<Document> views;
    private static MembershipReads reads;

    @BeforeAll
    static void store() {
        client = MongoClients.create(TestMongo.connectionString());
        MongoDatabase database = client.getDatabase(TestMongo.freshDatabaseName());
        views = database.getCollection(MembershipProjection.COLLECTION);
        Mono.from(views.insertOne(view("mem-1", 7))).block(WAIT);
        reads = new MembershipReads(database);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static Document view(String id, long position) {
        return new Document("_id", id)
                .append("status", "OPEN")
                .append(
                        "members",
                        List.of(
                                new Document("code", "0191").append("status", "JOINED"),
                                new Document("code", "0162").append("status", "INVITED")))
                .append("position", position)
                .append(Provenance.FIELD, new Document("events", List.of()));
    }

    @Test
    void givenAView_thenItIsReadAsStored_withItsProvenanceOnlyWhenAsked() {
        Document served = reads.application("mem-1", false).block(WAIT).orElseThrow();
        Document full = reads.application("mem-1", true).block(WAIT).orElseThrow();

        Document stored = view("mem-1", 7);
        stored.remove(Provenance.FIELD);
        assertThat(served).isEqualTo(stored);
        assertThat(full).isEqualTo(view("mem-1", 7));
        assertThat(reads.served("mem-1").block(WAIT)).isEqualTo(stored);
        assertThat(reads.application("mem-none", false).block(WAIT)).isEmpty();
        assertThat(reads.served("mem-none").blockOptional(WAIT)).isEmpty();
    }

    @Test
    void givenAView_thenTheReadRuleGetsOnlyTheMemberCodesAndThePosition() {
        assertThat(reads.members("mem-1").block(WAIT))
                .isEqualTo(new Document("_id", "mem-1")
                        .append("members", List.of(new Document("code", "0191"), new Document("code", "0162")))
                        .append("position", 7L));
        assertThat(reads.members("mem-none").blockOptional(WAIT)).isEmpty();
    }

    @Test
    void givenTheMembersRead_whenSubscribedAgainAfterTheViewChanged_thenItReadsAgain() {
        Mono<Document> members = reads.members("mem-later");
        assertThat(members.blockOptional(WAIT)).isEmpty();

        Mono.from(views.insertOne(view("mem-later", 9))).block(WAIT);

        assertThat(members.block(WAIT).get("position")).isEqualTo(9L);
    }
}
