package se.norrort.consortium.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.query.live.ViewChangeHub;

/**
 * A batch writes each touched document once, keeps nothing of an event that failed, resolves a conflicting writer by
 * applying its changes again, and a rebuild's batches do not read documents they never wrote. Against the store
 * under test, with the wire commands counted.
 */
class ViewBatchTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Map<String, AtomicInteger> commands = new ConcurrentHashMap<>();
    private static MongoClient client;
    private static MongoDatabase database;

    private MongoCollection<Document> views;
    private MongoCollection<Document> others;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(TestMongo.connectionString()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        commands.computeIfAbsent(event.getCommandName(), n -> new AtomicInteger())
                                .incrementAndGet();
                    }
                })
                .build());
        database = client.getDatabase(TestMongo.freshDatabaseName());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @BeforeEach
    void fresh() {
        String suffix = Long.toString(System.nanoTime());
        views = database.getCollection("views_" + suffix);
        others = database.getCollection("others_" + suffix);
    }

    /** A fold like the views': skips an event the document already reflects, counts versions in revision. */
    private static UnaryOperator<Document> count(long position) {
        return view -> {
            if (view != null && ViewFields.position(view) >= position) {
                return view;
            }
            Document next = view == null ? new Document() : ViewFields.copy(view);
            return next.append("position", position)
                    .append("count", (view == null ? 0 : view.getInteger("count")) + 1)
                    .append("revision", (view == null ? 0 : ViewFields.longOf(view, "revision")) + 1);
        };
    }

    private static int count(String command) {
        AtomicInteger n = commands.get(command);
        return n == null ? 0 : n.get();
    }

    @Test
    void givenManyEventsOnFewDocuments_whenFlushed_thenEachDocumentIsReadOnceAndWrittenOnceInOneBulkPerCollection() {
        ViewBatch batch = new ViewBatch("test", List.of(views.getNamespace().getCollectionName()), null, null);
        int findsBefore = count("find");
        int updatesBefore = count("update");
        for (long position = 1; position <= 50; position++) {
            long p = position;
            String id = "doc-" + (position % 3);
            batch.apply(p, b -> {
                b.update(views, id, false, count(p).andThen(d -> d.append("_id", id))::apply);
                b.set(others, "entry-" + p, new Document("_id", "entry-" + p));
            });
        }
        batch.flush();

        assertThat(count("find") - findsBefore).isEqualTo(3); // doc-0, doc-1, doc-2, once each
        assertThat(count("update") - updatesBefore).isEqualTo(2); // one bulk per collection
        List<Document> stored = Flux.from(views.find()).collectList().block(WAIT);
        assertThat(stored).hasSize(3);
        assertThat(stored.stream().mapToInt(d -> d.getInteger("count")).sum()).isEqualTo(50);
        assertThat(Flux.from(others.find()).count().block(WAIT)).isEqualTo(50);
    }

    @Test
    void givenABatchOfEventsOfEightApplications_whenReadTogether_thenEachCollectionIsReadOnce_storedOrNot() {
        List<String> applications =
                java.util.stream.IntStream.range(0, 8).mapToObj(i -> "app-" + i).toList();
        ViewBatch seed = new ViewBatch("test", List.of(views.getNamespace().getCollectionName()), null, null);
        for (int i = 0; i < 8; i += 2) { // every second application has a stored document
            String id = applications.get(i);
            seed.apply(i + 1, b -> b.update(views, id, false, count(1).andThen(d -> d.append("_id", id))::apply));
        }
        seed.flush();
        int findsBefore = count("find");

        ViewBatch batch = new ViewBatch(
                "test",
                List.of(
                        views.getNamespace().getCollectionName(),
                        others.getNamespace().getCollectionName()),
                null,
                null);
        batch.readTogether(applications);
        for (long position = 10; position < 34; position++) { // three events per application, interleaved
            long p = position;
            String id = applications.get((int) (position % 8));
            batch.apply(p, b -> {
                b.update(views, id, false, count(p).andThen(d -> d.append("_id", id))::apply);
                b.update(others, id, false, count(p).andThen(d -> d.append("_id", id))::apply);
                b.get(others, "not-an-application"); // any other id is read as before, once
            });
        }

        assertThat(count("find") - findsBefore).isEqualTo(3); // views once, others once, the other id once
        batch.flush();
        List<Document> stored = Flux.from(views.find()).collectList().block(WAIT);
        assertThat(stored).hasSize(8);
        // the stored ones were read (they count on from 1), the others were known absent (they count from 0)
        assertThat(stored)
                .allSatisfy(d -> assertThat(d.getInteger("count"))
                        .isEqualTo(Integer.parseInt(d.getString("_id").substring(4)) % 2 == 0 ? 4 : 3));
        assertThat(Flux.from(others.find()).count().block(WAIT)).isEqualTo(8);
    }

    @Test
    void givenAnEventThatConcernsManyDocuments_whenPrefetched_thenTheyAreReadInOneQuery_storedOrNot() {
        ViewBatch seed = new ViewBatch("test", List.of(views.getNamespace().getCollectionName()), null, null);
        for (int i = 0; i < 15; i += 2) { // every other one is stored, the rest are new
            String id = "m-" + i;
            seed.apply(1, b -> b.update(views, id, false, count(1).andThen(d -> d.append("_id", id))::apply));
        }
        seed.flush();
        List<String> ids =
                java.util.stream.IntStream.range(0, 15).mapToObj(i -> "m-" + i).toList();
        ViewBatch batch = new ViewBatch("test", List.of(views.getNamespace().getCollectionName()), null, null);
        int findsBefore = count("find");

        batch.apply(2, b -> {
            b.prefetch(views, ids);
            for (String id : ids) {
                b.update(views, id, false, count(2).andThen(d -> d.append("_id", id))::apply);
            }
        });

        assertThat(count("find") - findsBefore).isEqualTo(1);
        batch.flush();
        List<Document> stored = Flux.from(views.find()).collectList().block(WAIT);
        assertThat(stored).hasSize(15);
        // the stored ones were read (their second version), the new ones were known absent (their first)
        assertThat(stored)
                .allSatisfy(d -> assertThat(d.getInteger("count"))
                        .isEqualTo(Integer.parseInt(d.getString("_id").substring(2)) % 2 == 0 ? 2 : 1));
    }

    @Test
    void givenARebuild_whenPrefetched_thenDocumentsItNeverWroteAreNotAskedFor() {
        try (ViewBatch.Rebuild rebuild =
                ViewBatch.rebuild("test", List.of(views.getNamespace().getCollectionName()))) {
            prefetchesNoneItNeverWrote(rebuild);
        }
    }

    private void prefetchesNoneItNeverWrote(ViewBatch.Rebuild rebuild) {
        ViewBatch first = rebuild.next();
        first.apply(1, b -> b.update(views, "a", false, count(1).andThen(d -> d.append("_id", "a"))::apply));
        first.flush();
        int findsBefore = count("find");

        ViewBatch second = rebuild.next();
        second.apply(2, b -> {
            b.prefetch(views, List.of("b", "c", "d"));
            for (String id : List.of("b", "c", "d")) {
                b.update(views, id, false, count(2).andThen(d -> d.append("_id", id))::apply);
            }
        });

        assertThat(count("find") - findsBefore).isZero(); // the rebuild wrote none of them: known absent
        second.flush();
        rebuild.awaitWrites();
        assertThat(Flux.from(views.find()).count().block(WAIT)).isEqualTo(4);
    }

    @Test
    void givenAnEventThatFailsHalfWay_thenNoneOfItsChangesAreWritten_andTheOthersAre() {
        ViewBatch batch = new ViewBatch("test", List.of(), null, null);
        batch.apply(1, b -> b.set(views, "a", new Document("_id", "a").append("v", 1)));
        assertThatThrownBy(() -> batch.apply(2, b -> {
                    b.set(views, "a", new Document("_id", "a").append("v", 2));
                    b.set(views, "b", new Document("_id", "b").append("v", 2));
                    throw new IllegalStateException("poison");
                }))
                .hasMessage("poison");
        batch.apply(3, b -> b.set(views, "c", new Document("_id", "c").append("v", 3)));
        batch.flush();

        List<Document> stored = Flux.from(views.find()).collectList().block(WAIT);
        assertThat(stored).extracting(d -> d.getString("_id")).containsExactlyInAnyOrder("a", "c");
        assertThat(stored)
                .filteredOn(d -> d.getString("_id").equals("a"))
                .extracting(d -> d.getInteger("v"))
                .containsExactly(1);
    }

    @Test
    void givenAnotherWriterChangedACheckedDocumentMeanwhile_whenFlushed_thenTheBatchAppliesItsEventsToTheNewVersion() {
        ViewBatch first = new ViewBatch("test", List.of(), null, null);
        first.apply(1, b -> b.update(views, "m", true, count(1).andThen(d -> d.append("_id", "m"))::apply));
        first.flush();

        ViewBatch batch = new ViewBatch("test", List.of(), null, null);
        batch.apply(5, b -> b.update(views, "m", true, count(5).andThen(d -> d.append("_id", "m"))::apply));
        // Meanwhile an operator's retry of a dead letter (event 3) writes the same document.
        ViewBatch retry = new ViewBatch("test", List.of(), null, null);
        retry.apply(3, b -> b.update(views, "m", true, count(3).andThen(d -> d.append("_id", "m"))::apply));
        retry.flush();
        batch.flush();

        Document stored = Flux.from(views.find()).blockFirst(WAIT);
        // 1, then 3 (the retry), then 5 applied again on top of it: three versions, none lost.
        assertThat(stored.getInteger("count")).isEqualTo(3);
        assertThat(ViewFields.position(stored)).isEqualTo(5);
        assertThat(ViewFields.longOf(stored, "revision")).isEqualTo(3);
    }

    @Test
    void givenADocumentCreatedMeanwhile_whenTheBatchInsertsIt_thenItsEventsAreAppliedToTheOneCreated() {
        ViewBatch batch = new ViewBatch("test", List.of(), null, null);
        batch.apply(5, b -> b.update(views, "n", true, count(5).andThen(d -> d.append("_id", "n"))::apply));
        ViewBatch other = new ViewBatch("test", List.of(), null, null);
        other.apply(2, b -> b.update(views, "n", true, count(2).andThen(d -> d.append("_id", "n"))::apply));
        other.flush();
        batch.flush();

        Document stored = Flux.from(views.find()).blockFirst(WAIT);
        assertThat(stored.getInteger("count")).isEqualTo(2);
        assertThat(ViewFields.position(stored)).isEqualTo(5);
    }

    @Test
    void givenARebuild_thenItsBatchesReadOnlyDocumentsTheyWrote_andChangesArePublishedOnlyAfterTheWrite() {
        try (ViewBatch.Rebuild rebuild = ViewBatch.rebuild("test", List.of())) {
            readsOnlyWhatItWrote(rebuild);
        }
        publishesOnlyAfterTheWrite();
    }

    private void readsOnlyWhatItWrote(ViewBatch.Rebuild rebuild) {
        int findsBefore = count("find");
        ViewBatch first = rebuild.next();
        first.apply(1, b -> b.update(views, "r", false, count(1).andThen(d -> d.append("_id", "r"))::apply));
        first.flush();
        rebuild.awaitWrites();
        // Evicted from memory between batches: read again, since this rebuild wrote it.
        ViewBatch second = rebuild.next();
        second.apply(2, b -> {
            b.update(views, "r", false, count(2).andThen(d -> d.append("_id", "r"))::apply);
            b.update(views, "s", false, count(2).andThen(d -> d.append("_id", "s"))::apply);
        });
        second.flush();
        rebuild.awaitWrites();
        assertThat(count("find") - findsBefore).isEqualTo(1);
        assertThat(Flux.from(views.find()).collectList().block(WAIT))
                .extracting(d -> d.getInteger("count"))
                .containsExactlyInAnyOrder(2, 1);
    }

    private void publishesOnlyAfterTheWrite() {
        ViewChangeHub changes = new ViewChangeHub();
        List<String> seen = new CopyOnWriteArrayList<>();
        changes.of("live").subscribe(c -> seen.add(c.key() + "@" + c.position()));
        ViewBatch live = new ViewBatch("live", List.of(), changes, null);
        live.apply(7, b -> {
            b.set(views, "x", new Document("_id", "x"));
            b.publish("x", 7, new Document("_id", "x"));
        });
        assertThat(seen).isEmpty();
        live.flush();
        assertThat(seen).containsExactly("x@7");
    }

    @Test
    void givenARebuild_whenEachBatchFollowsTheLastWithoutWaitingForItsWrite_thenEachSeesWhatTheLastOneWrote() {
        // A rebuild's flush writes on a thread of its own while the next batch is applied: a document of the write
        // in flight must be read from it (the store may not hold it yet), or a count would be lost.
        try (ViewBatch.Rebuild rebuild = ViewBatch.rebuild("test", List.of())) {
            for (int position = 1; position <= 200; position++) {
                ViewBatch batch = rebuild.next();
                long at = position;
                batch.apply(at, b -> {
                    b.update(views, "n", false, count(at).andThen(d -> d.append("_id", "n"))::apply);
                    // two the rebuild wrote: one query for those not in flight
                    b.prefetch(views, List.of("m", "k"));
                    b.update(views, "m", false, count(at).andThen(d -> d.append("_id", "m"))::apply);
                    b.update(views, "k", false, count(at).andThen(d -> d.append("_id", "k"))::apply);
                });
                batch.flush();
            }
            rebuild.awaitWrites();
        }
        assertThat(Flux.from(views.find()).collectList().block(WAIT))
                .extracting(d -> d.getInteger("count"))
                .containsExactly(200, 200, 200);
    }

    @Test
    void givenARebuildWhoseWriteFails_whenTheNextBatchIsFlushedOrTheWritesAwaited_thenTheFailureIsThrown() {
        try (ViewBatch.Rebuild rebuild = ViewBatch.rebuild("test", List.of())) {
            // a document the driver refuses to encode: a field name with a NUL character
            ViewBatch bad = rebuild.next();
            bad.apply(1, b -> b.set(views, "bad", new Document("_id", "bad").append("a\u0000b", 1)));
            bad.flush();
            ViewBatch next = rebuild.next();
            next.apply(2, b -> b.set(views, "good", new Document("_id", "good")));
            assertThatThrownBy(next::flush).isInstanceOf(org.bson.BsonSerializationException.class);

            ViewBatch again = rebuild.next();
            again.apply(3, b -> b.set(views, "worse", new Document("_id", "worse").append("x\u0000", 1)));
            again.flush();
            assertThatThrownBy(rebuild::awaitWrites).isInstanceOf(org.bson.BsonSerializationException.class);
        }
    }
}
