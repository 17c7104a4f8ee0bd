package se.norrort.consortium.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.opened;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.eventstore.metrics.StoreOperationCounter;
import se.norrort.consortium.query.CatchUp;
import se.norrort.consortium.query.QueryApiTestBase;
import se.norrort.consortium.query.audittrail.AuditTrailProjection;

/**
 * A live batch of events of many applications reads each collection keyed by application once, not once per
 * application ({@link ViewBatch#readTogether}, opened by {@link LiveBatches}): the audit trail's processor (one
 * segment) is stopped while twelve applications are opened, then started, and the service's own store operations
 * are counted until every header is stored (watched with a client of the test's own, which is not counted).
 */
class LiveBatchReadsApiTest extends QueryApiTestBase {

    private static final int APPLICATIONS = 12;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    StoreOperationCounter counter;

    @Autowired
    MongoDatabase viewDatabase;

    @Test
    void givenEventsOfTwelveApplicationsWaiting_whenTheProcessorTakesThem_thenTheHeadersAreReadInFewQueries()
            throws Exception {
        long warm = append(0, opened("batch-reads-warm"));
        CatchUp.get(web, "/api/applications/batch-reads-warm/audit-trail?minPosition=" + warm)
                .expectStatus()
                .isOk();
        EventProcessor auditTrail =
                processing.eventProcessor(AuditTrailProjection.PROCESSING_GROUP).orElseThrow();
        auditTrail.shutdownAsync().get(10, TimeUnit.SECONDS);
        Map<String, Long> before;
        try {
            for (int i = 0; i < APPLICATIONS; i++) {
                append(0, opened("batch-reads-" + i));
            }
            before = counter.snapshot();
        } finally {
            auditTrail.start();
        }

        try (MongoClient own = MongoClients.create(TestMongo.connectionString())) {
            var headers = own.getDatabase(viewDatabase.getName()).getCollection(AuditTrailProjection.HEADERS);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (headers.countDocuments(Filters.regex("_id", "^batch-reads-[0-9]+$")) < APPLICATIONS
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(headers.countDocuments(Filters.regex("_id", "^batch-reads-[0-9]+$")))
                    .isEqualTo(APPLICATIONS);
        }
        long reads = counter.snapshot().getOrDefault("find " + AuditTrailProjection.HEADERS, 0L)
                - before.getOrDefault("find " + AuditTrailProjection.HEADERS, 0L);
        // one query per batch; the processor may split what waits into a few batches, never into one per application
        assertThat(reads).isBetween(1L, 3L);
    }
}
