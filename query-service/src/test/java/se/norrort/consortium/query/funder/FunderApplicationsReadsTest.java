package se.norrort.consortium.query.funder;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.query.projection.Provenance;

/**
 * The funder's list's reads against the embedded store (or {@code MONGODB_URI}): the page's order, skip and limit,
 * the total of the filtered list, the status and text filters (a literal, any case, in title, id or owner's name),
 * the changes since a position, and provenance only where it is asked for.
 */
class FunderApplicationsReadsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static MongoClient client;
    private static FunderApplicationsReads reads;

    @BeforeAll
    static void store() {
        client = MongoClients.create(TestMongo.connectionString());
        MongoDatabase database = client.getDatabase(TestMongo.freshDatabaseName());
        Flux.just(
                        entry("app-1", "Gemensam resurs", "Sigtuna kommun", "SUBMITTED", 10, 11),
                        entry("app-2", "Språkstöd", "Täby kommun", "GRANTED", 20, 40),
                        entry("app-3", "Resurs a.c", "Danderyds kommun", "SUBMITTED", 30, 31),
                        entry("app-4", "Abc", "Vallentuna kommun", "REJECTED", 30, 35),
                        entry("RESURS-5", "Annat", "Sigtuna kommun", "SUBMITTED", 50, 50))
                .concatMap(d -> database.getCollection(FunderApplicationsProjection.COLLECTION)
                        .insertOne(d))
                .blockLast(WAIT);
        reads = new FunderApplicationsReads(database);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static Document entry(
            String id, String title, String ownerName, String status, long submittedPosition, long position) {
        return new Document("_id", id)
                .append("title", title)
                .append("ownerName", ownerName)
                .append("status", status)
                .append("submittedPosition", submittedPosition)
                .append("position", position)
                .append(Provenance.FIELD, new Document("events", List.of()));
    }

    private static List<String> ids(List<Document> entries) {
        return entries.stream().map(d -> d.getString("_id")).toList();
    }

    private static FunderApplicationsReads.Page page(String status, String q, int page, int size) {
        return reads.page(status, q, page, size).block(WAIT);
    }

    @Test
    void givenNoFilter_thenNewestSubmissionFirst_tiesByIdAscending_withoutProvenance() {
        FunderApplicationsReads.Page all = page(null, null, 0, 20);

        assertThat(ids(all.entries())).containsExactly("RESURS-5", "app-3", "app-4", "app-2", "app-1");
        assertThat(all.total()).isEqualTo(5);
        assertThat(all.entries()).allSatisfy(d -> assertThat(d).doesNotContainKey(Provenance.FIELD));
        assertThat(ids(page("", "", 0, 20).entries())).hasSize(5);
    }

    @Test
    void givenAPage_thenItSkipsTheEarlierPages_holdsAtMostSize_andTheTotalCountsTheWholeFilteredList() {
        assertThat(ids(page(null, null, 1, 2).entries())).containsExactly("app-4", "app-2");
        assertThat(ids(page(null, null, 2, 2).entries())).containsExactly("app-1");
        FunderApplicationsReads.Page beyond = page(null, null, 3, 2);
        assertThat(beyond.entries()).isEmpty();
        assertThat(beyond.total()).isEqualTo(5);
        FunderApplicationsReads.Page submitted = page("SUBMITTED", null, 1, 2);
        assertThat(ids(submitted.entries())).containsExactly("app-1");
        assertThat(submitted.total()).isEqualTo(3);
    }

    @Test
    void givenAText_thenItIsALiteralPartOfTitleIdOrOwnerInAnyCase() {
        // title (any case), id (RESURS-5) and nothing else
        assertThat(ids(page(null, "resurs", 0, 20).entries())).containsExactly("RESURS-5", "app-3", "app-1");
        // the owner's name, the text stripped
        assertThat(ids(page(null, "  täby ", 0, 20).entries())).containsExactly("app-2");
        // a dot is a dot, not any character: "a.c" is not in "Abc"
        assertThat(ids(page(null, "a.c", 0, 20).entries())).containsExactly("app-3");
        assertThat(page(null, ".*", 0, 20).total()).isZero();
        // both filters at once
        FunderApplicationsReads.Page both = page("SUBMITTED", "sigtuna", 0, 20);
        assertThat(ids(both.entries())).containsExactly("RESURS-5", "app-1");
        assertThat(both.total()).isEqualTo(2);
        assertThat(page("GRANTED", "sigtuna", 0, 20).entries()).isEmpty();
    }

    @Test
    void givenAPosition_thenTheEntriesChangedAfterIt_inPositionOrder_withoutProvenance() {
        List<Document> changed = reads.changedSince(31).collectList().block(WAIT);

        assertThat(ids(changed)).containsExactly("app-4", "app-2", "RESURS-5");
        assertThat(changed).allSatisfy(d -> assertThat(d).doesNotContainKey(Provenance.FIELD));
        assertThat(reads.changedSince(50).collectList().block(WAIT)).isEmpty();
    }

    @Test
    void givenAnId_thenTheEntryWithItsProvenance_orNothingWhileNotListed() {
        Optional<Document> entry = reads.entry("app-2").block(WAIT);

        assertThat(entry).get().satisfies(d -> {
            assertThat(d.getString("title")).isEqualTo("Språkstöd");
            assertThat(d).containsKey(Provenance.FIELD);
        });
        assertThat(reads.entry("app-9").block(WAIT)).isEmpty();
    }
}
