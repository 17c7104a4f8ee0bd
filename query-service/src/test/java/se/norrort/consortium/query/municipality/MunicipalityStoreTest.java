package se.norrort.consortium.query.municipality;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.openedFor;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import se.norrort.consortium.query.CatchUp;
import se.norrort.consortium.query.QueryApiTestBase;

/**
 * What the municipality view costs the store, counted on the wire with the driver's {@code CommandListener}: a read
 * is served by {@code _id} lookups only (the embedded server serves nothing else from an index), and what one event
 * writes does not grow with the number of applications the municipality takes part in.
 */
@Import(MunicipalityStoreTest.Recording.class)
class MunicipalityStoreTest extends QueryApiTestBase {

    /** A command to one of the view's collections (not the application facts): name, collection, filter, size. */
    record Command(String name, String collection, BsonValue filter, long bytes) {}

    static final List<Command> commands = new CopyOnWriteArrayList<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class Recording {

        /** Seen by both of the service's MongoDB clients (see EventStoreAutoConfiguration). */
        @Bean
        CommandListener municipalityCommands() {
            return new CommandListener() {
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
            };
        }
    }

    @Test
    void givenAMunicipalityInManyApplications_whenItsViewIsRead_thenOnlyIdLookupsReachTheStore() {
        long last = -1;
        for (int i = 0; i < 5; i++) {
            last = append(
                    0, openedFor("st-read-" + i, "Gemensam resurs", "0191", "0162"), joined("st-read-" + i, "0162"));
        }
        CatchUp.get(web, "/api/municipalities/0162?minPosition=" + last)
                .expectStatus()
                .isOk();

        for (String uri : List.of("/api/municipalities/0162", "/api/municipalities/0162/provenance")) {
            commands.clear();
            web.get().uri(uri).exchange().expectStatus().isOk();

            assertThat(commands)
                    .as(uri)
                    .hasSize(2)
                    .allSatisfy(c -> assertThat(c.name()).isEqualTo("find"));
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
    }

    @Test
    void givenOneOrFiftyApplications_whenAMunicipalityJoinsOne_thenTheEventWritesTheSameAmount() {
        long first = writtenBy("st-w-00");
        for (int i = 1; i < 50; i++) {
            long opened = append(0, openedFor(String.format("st-w-%02d", i), "Gemensam resurs", "0191", "0162"));
            if (i == 49) {
                CatchUp.get(web, "/api/municipalities/0162?minPosition=" + opened)
                        .expectStatus()
                        .isOk();
            }
        }
        long fiftieth = writtenBy("st-w-49");

        System.out.printf(
                "Municipality view: a join writes %d bytes with 1 application, %d with 50%n", first, fiftieth);
        assertThat(first).isPositive();
        assertThat(fiftieth)
                .as("bytes one join writes to the view (the joiner's and the owner's entries) with 50 applications")
                .isLessThan(first + first / 5);
    }

    /**
     * The bytes the join of Danderyd to {@code id} writes to the view's documents (opening the application first,
     * if it is not open), counted once the view reflects it.
     */
    private long writtenBy(String id) {
        if (!id.endsWith("49")) {
            long opened = append(0, openedFor(id, "Gemensam resurs", "0191", "0162"));
            CatchUp.get(web, "/api/municipalities/0162?minPosition=" + opened)
                    .expectStatus()
                    .isOk();
        }
        commands.clear();
        long joined = append(1, joined(id, "0162"));
        CatchUp.get(web, "/api/municipalities/0191?minPosition=" + joined)
                .expectStatus()
                .isOk();
        return commands.stream()
                .filter(c -> !c.name().equals("find"))
                .mapToLong(Command::bytes)
                .sum();
    }
}
