package se.norrort.consortium.query.municipality;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.openedFor;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.messaging.MetaData;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.query.live.ViewChangeHub;
import se.norrort.consortium.query.projection.ReplayedEvent;
import se.norrort.consortium.query.projection.ViewBatch;
import se.norrort.consortium.query.projection.ViewGate;
import se.norrort.consortium.query.projection.ViewProgress;

/**
 * What the municipality view costs the store, counted on the wire with the driver's {@code CommandListener} against
 * the store under test: a read is served by {@code _id} lookups only (the embedded server serves nothing else from
 * an index), and what one event writes does not grow with the number of applications the municipality takes part
 * in. The projection and the controller are the service's own, on a client of the test's (each event applied as a
 * batch of one, as a live batch writes it).
 */
class MunicipalityStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant T = Instant.parse("2023-09-21T10:00:00Z");

    /** A command to one of the view's collections (not the application facts): name, collection, filter, size. */
    record Command(String name, String collection, BsonValue filter, long bytes) {}

    private static final List<Command> commands = new CopyOnWriteArrayList<>();
    private static MongoClient client;

    private MongoDatabase database;
    private MunicipalityProjection projection;
    private MunicipalityController controller;
    private long position;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(TestMongo.connectionString()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        String name = event.getCommandName();
                        BsonDocument body = event.getCommand();
                        if (!body.isString(name)) {
                            return;
                        }
                        String collection = body.getString(name).getValue();
                        if (!collection.startsWith("view_municipality")
                                || collection.equals(MunicipalityProjection.APPLICATIONS)) {
                            return;
                        }
                        BsonValue filter = body.containsKey("filter")
                                ? body.get("filter").asDocument().clone()
                                : null;
                        long bytes = new RawBsonDocument(body, new BsonDocumentCodec())
                                .getByteBuffer()
                                .remaining();
                        commands.add(new Command(name, collection, filter, bytes));
                    }
                })
                .build());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @BeforeEach
    void fresh() {
        database = client.getDatabase(TestMongo.freshDatabaseName());
        ViewProgress progress = new ViewProgress(database);
        ViewChangeHub changes = new ViewChangeHub();
        projection = new MunicipalityProjection(database, changes, progress, new ViewGate());
        controller = new MunicipalityController(
                new MunicipalityReads(database), changes, progress, null, new MunicipalityLayout(database, null));
    }

    /** Applies each event as a live batch of its own (read, fold, one write per document, progress). */
    private void given(ConsortiumEvent... events) {
        for (ConsortiumEvent event : events) {
            long at = ++position;
            ReplayedEvent e = new ReplayedEvent(event, at, T, at, "event-" + at, MetaData.emptyInstance());
            ViewBatch batch = projection.liveBatch();
            batch.apply(at, b -> projection.replay(e, b, database::getCollection));
            batch.flush();
        }
    }

    @Test
    void givenAMunicipalityInManyApplications_whenItsViewIsRead_thenOnlyIdLookupsReachTheStore() {
        for (int i = 0; i < 5; i++) {
            given(openedFor("st-read-" + i, "Gemensam resurs", "0191", "0162"), joined("st-read-" + i, "0162"));
        }
        commands.clear();

        ResponseEntity<?> answer = controller.municipality("0162", null).block(WAIT);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(((Document) answer.getBody()).getList("applications", Document.class))
                .hasSize(5);
        assertThat(commands).hasSize(2).allSatisfy(c -> assertThat(c.name()).isEqualTo("find"));
        assertThat(commands.get(0).collection()).isEqualTo(MunicipalityProjection.INDEX);
        assertThat(commands.get(0).filter().asDocument())
                .as("the index by _id")
                .isEqualTo(BsonDocument.parse("{_id: '0162'}"));
        BsonDocument entries = commands.get(1).filter().asDocument();
        assertThat(commands.get(1).collection()).isEqualTo(MunicipalityProjection.COLLECTION);
        assertThat(entries.keySet()).as("the entries by _id alone").containsExactly("_id");
        assertThat(entries.getDocument("_id").keySet()).containsExactly("$in");
        assertThat(entries.getDocument("_id").getArray("$in")).hasSize(5);
    }

    @Test
    void givenOneOrFiftyApplications_whenAMunicipalityJoinsOne_thenTheEventWritesTheSameAmount() {
        given(openedFor("st-w-00", "Gemensam resurs", "0191", "0162"));
        long first = writtenBy(joined("st-w-00", "0162"));
        for (int i = 1; i < 50; i++) {
            given(openedFor(String.format("st-w-%02d", i), "Gemensam resurs", "0191", "0162"));
        }
        long fiftieth = writtenBy(joined("st-w-49", "0162"));

        System.out.printf(
                "Municipality view: a join writes %d bytes with 1 application, %d with 50%n", first, fiftieth);
        assertThat(first).isPositive();
        assertThat(fiftieth)
                .as("bytes one join writes to the view (the joiner's and the owner's entries) with 50 applications")
                .isLessThan(first + first / 5);
    }

    /** The bytes an event writes to the view's documents. */
    private long writtenBy(ConsortiumEvent event) {
        commands.clear();
        given(event);
        return commands.stream()
                .filter(c -> !c.name().equals("find"))
                .mapToLong(Command::bytes)
                .sum();
    }
}
