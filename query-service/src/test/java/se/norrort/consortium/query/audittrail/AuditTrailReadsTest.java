package se.norrort.consortium.query.audittrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.query.projection.Provenance;

/**
 * The audit trail's reads against the embedded store (or {@code MONGODB_URI}): a page of entries in event order
 * whatever order they were stored in, only as many as the header counts, the whole trail in batches, and the header
 * with or without its provenance.
 */
class AuditTrailReadsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** More than two batches of the whole-trail read, and not a multiple of one. */
    private static final int LONG_TRAIL = 2 * AuditTrailReads.BATCH + 37;

    private static MongoClient client;
    private static AuditTrailReads reads;

    @BeforeAll
    static void store() {
        client = MongoClients.create(TestMongo.connectionString());
        MongoDatabase database = client.getDatabase(TestMongo.freshDatabaseName());
        List<Document> entries = new ArrayList<>();
        // "short": five entries stored, but its header counts four (the fifth is being recorded)
        LongStream.range(0, 5).forEach(s -> entries.add(entry("short", s)));
        LongStream.range(0, LONG_TRAIL).forEach(s -> entries.add(entry("long", s)));
        // stored in no particular order
        Collections.shuffle(entries, new Random(11));
        Flux.fromIterable(entries)
                .concatMap(d ->
                        database.getCollection(AuditTrailProjection.COLLECTION).insertOne(d))
                .blockLast(WAIT);
        Flux.just(header("short", 4), header("long", LONG_TRAIL))
                .concatMap(d ->
                        database.getCollection(AuditTrailProjection.HEADERS).insertOne(d))
                .blockLast(WAIT);
        reads = new AuditTrailReads(database);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static Document entry(String applicationId, long sequence) {
        return new Document("_id", AuditTrailView.entryId(applicationId, sequence))
                .append("sequence", sequence)
                .append("position", 1000 + sequence);
    }

    private static Document header(String applicationId, long count) {
        return new Document("_id", applicationId)
                .append("count", count)
                .append("position", 1000 + count - 1)
                .append(Provenance.FIELD, new Document("events", List.of()));
    }

    private static List<Long> sequences(List<Document> entries) {
        return entries.stream().map(e -> e.getLong("sequence")).toList();
    }

    @Test
    void givenAPage_thenItsEntriesInEventOrder_andNoneBeyondTheCount() {
        assertThat(sequences(reads.page("short", 4, 0, 3).collectList().block(WAIT)))
                .containsExactly(0L, 1L, 2L);
        assertThat(sequences(reads.page("short", 4, 1, 3).collectList().block(WAIT)))
                .containsExactly(3L);
        assertThat(reads.page("short", 4, 2, 3).collectList().block(WAIT)).isEmpty();
        assertThat(reads.page("none", 0, 0, 3).collectList().block(WAIT)).isEmpty();
        assertThat(sequences(reads.page("long", LONG_TRAIL, 1, 50).collectList().block(WAIT)))
                .containsExactlyElementsOf(LongStream.range(50, 100).boxed().toList());
    }

    @Test
    void givenATrail_thenAllReadsEveryEntryTheHeaderCountsInEventOrder() {
        assertThat(sequences(reads.all("long").collectList().block(WAIT)))
                .containsExactlyElementsOf(
                        LongStream.range(0, LONG_TRAIL).boxed().toList());
        assertThat(sequences(reads.all("short").collectList().block(WAIT))).containsExactly(0L, 1L, 2L, 3L);
        StepVerifier.create(reads.all("none")).expectComplete().verify(WAIT);
    }

    @Test
    void givenAHeader_thenItsProvenanceOnlyWhenAsked_andNothingForAnUnknownApplication() {
        Optional<Document> served = reads.header("short", false).block(WAIT);
        Optional<Document> full = reads.header("short", true).block(WAIT);

        assertThat(served).get().satisfies(h -> {
            assertThat(h.getLong("count")).isEqualTo(4L);
            assertThat(h).doesNotContainKey(Provenance.FIELD);
        });
        assertThat(full).get().satisfies(h -> assertThat(h).containsKey(Provenance.FIELD));
        assertThat(reads.header("none", false).block(WAIT)).isEmpty();
    }
}
