package se.norrort.consortium.eventstore.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a served view read costs the embedded store with its projection {@code {_provenance: 0}}: the stock way (a
 * deep copy of the whole stored document, provenance included, then the field removed; the baseline) against the
 * shallow copy {@code CodecH2Collection} answers with, on the same durable store and documents, one read of each in
 * turn (the order swapped every time) so that warm-up and drift hit both alike. The documents are shaped like a
 * membership view document: fifteen members with a decision and a delegation, and provenance (position, event, actor,
 * time) for each of their fields. Opt-in: {@code ./mvnw -B -pl embedded-store,event-store verify -Pbenchmark
 * -Dtest=ExclusionProjectionBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class ExclusionProjectionBenchmarkTest {

    private static final int ROUNDS = 6;
    private static final int READS_PER_ROUND = 500;
    private static final int DOCUMENTS = 50;

    @TempDir
    Path dir;

    @Test
    void shallowExclusionAgainstTheStockDeepCopyInTheSameRun() throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.onFile(dir.resolve("projection-bench.mv"), "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> views = client.getDatabase("bench").getCollection("view_membership");
            for (int a = 0; a < DOCUMENTS; a++) {
                views.insertOne(membershipShaped("app-" + a));
            }
            Document served = new Document("_provenance", 0);
            long stockNanos = 0;
            long shallowNanos = 0;
            long wholeNanos = 0;
            try {
                for (int round = 0; round <= ROUNDS; round++) {
                    for (int i = 0; i < READS_PER_ROUND; i++) {
                        String id = "app-" + (i % DOCUMENTS);
                        boolean stockFirst = i % 2 == 0;
                        long[] t = new long[3];
                        for (int k = 0; k < 2; k++) {
                            CodecH2Collection.stockProjections = (k == 0) == stockFirst;
                            long t0 = System.nanoTime();
                            Document answer = views.find(Filters.eq("_id", id))
                                    .projection(served)
                                    .first();
                            t[CodecH2Collection.stockProjections ? 0 : 1] = System.nanoTime() - t0;
                            assertThat(answer).doesNotContainKey("_provenance");
                        }
                        CodecH2Collection.stockProjections = false;
                        long t0 = System.nanoTime();
                        views.find(Filters.eq("_id", id)).first();
                        t[2] = System.nanoTime() - t0;
                        if (round > 0) {
                            stockNanos += t[0];
                            shallowNanos += t[1];
                            wholeNanos += t[2];
                        }
                    }
                }
            } finally {
                CodecH2Collection.stockProjections = false;
            }
            int counted = ROUNDS * READS_PER_ROUND;
            double stock = stockNanos / 1e3 / counted;
            double shallow = shallowNanos / 1e3 / counted;
            double whole = wholeNanos / 1e3 / counted;
            Document one = views.find(Filters.eq("_id", "app-0")).first();
            int bytes = RawBsonDocument.parse(one.toJson()).getByteBuffer().remaining();
            int servedBytes = RawBsonDocument.parse(views.find(Filters.eq("_id", "app-0"))
                            .projection(served)
                            .first()
                            .toJson())
                    .getByteBuffer()
                    .remaining();
            System.out.println();
            System.out.printf(
                    Locale.ROOT,
                    "Exclusion projection benchmark (embedded, durable file store); microseconds per read by _id of a"
                            + " %,d-byte document served as %,d bytes, %d of each, interleaved%n",
                    bytes,
                    servedBytes,
                    counted);
            System.out.printf(Locale.ROOT, "{_provenance: 0}, stock deep copy (baseline) %8.0f (1.00x)%n", stock);
            System.out.printf(
                    Locale.ROOT,
                    "{_provenance: 0}, shallow copy               %8.0f (%4.2fx)%n",
                    shallow,
                    shallow / stock);
            System.out.printf(
                    Locale.ROOT, "no projection (whole document, reference)    %8.0f (%4.2fx)%n", whole, whole / stock);
        }
    }

    private static Document membershipShaped(String id) {
        List<Document> members = new ArrayList<>();
        Document provenance = new Document();
        long position = 0;
        for (int m = 0; m < 15; m++) {
            Document member = new Document("municipalityCode", String.format(Locale.ROOT, "01%02d", m))
                    .append("name", "Kommun " + m)
                    .append("status", "SIGNED")
                    .append(
                            "decision",
                            new Document("body", "Kommunstyrelsen")
                                    .append("paragraph", "§ " + (40 + m))
                                    .append("date", "2026-03-1" + (m % 10)))
                    .append("delegate", new Document("userId", "u" + m).append("name", "Signatory " + m))
                    .append("signedBy", "u" + m);
            members.add(member);
            Document fields = new Document();
            for (String field : member.keySet()) {
                List<Document> entries = new ArrayList<>();
                for (int e = 0; e < 2; e++) {
                    entries.add(new Document("position", position++)
                            .append("eventId", UUID.randomUUID().toString())
                            .append("eventType", "MunicipalityJoined")
                            .append("actorId", "officer-" + m)
                            .append("actorName", "Officer " + m)
                            .append("at", new Date(1_760_000_000_000L + position * 1000)));
                }
                fields.append(field, entries);
            }
            provenance.append(String.valueOf(m), fields);
        }
        return new Document("_id", id)
                .append("applicationId", id)
                .append("title", "Gemensam ansökan " + id)
                .append("position", position)
                .append("members", members)
                .append("summary", "15 of 15 joined, 15 signed")
                .append("_provenance", new Document("members", provenance));
    }
}
