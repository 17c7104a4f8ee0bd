package se.norrort.consortium.query.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.attached;
import static se.norrort.consortium.query.TestEvents.budget;
import static se.norrort.consortium.query.TestEvents.corrected;
import static se.norrort.consortium.query.TestEvents.declined;
import static se.norrort.consortium.query.TestEvents.delegated;
import static se.norrort.consortium.query.TestEvents.granted;
import static se.norrort.consortium.query.TestEvents.interimReport;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.opened;
import static se.norrort.consortium.query.TestEvents.requisitioned;
import static se.norrort.consortium.query.TestEvents.signed;
import static se.norrort.consortium.query.TestEvents.submitted;
import static se.norrort.consortium.query.TestEvents.withdrew;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.query.CatchUp;
import se.norrort.consortium.query.audittrail.AuditTrailProjection;
import se.norrort.consortium.query.funder.FunderApplicationsProjection;
import se.norrort.consortium.query.membership.MembershipProjection;
import se.norrort.consortium.query.municipality.MunicipalityProjection;
import se.norrort.consortium.query.projection.Provenance;
import se.norrort.consortium.query.projection.ViewGate;
import se.norrort.consortium.security.TestTokens;

/**
 * A view rebuilt from the event log while it keeps serving equals the live one, document for document; reads go on
 * during the rebuild and after the switch, and an event that arrives during the rebuild is in the view after it.
 * <p>
 * Set up like {@code QueryApiTestBase} but in a database of its own: the API tests that share that one tamper with
 * stored events on purpose (to test the hash chain), and a view rebuilt from a tampered log rightly differs from the
 * one built before the tampering.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=query-service", "server.address=127.0.0.1"})
@AutoConfigureWebTestClient
class ProjectionRebuildApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String DATABASE = TestMongo.freshDatabaseName();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("norrort.mongodb.uri", TestMongo::connectionString);
        registry.add("norrort.mongodb.database", () -> DATABASE);
        registry.add("norrort.security.key-file", () -> TestTokens.keyFile().toString());
        // One instance: no balancing rounds, so that the other instance one test announces makes none release a
        // segment (the rebuild's gathering works without them).
        registry.add("norrort.processing.balance-interval", () -> "0");
    }

    @Autowired
    WebTestClient anonymous;

    @Autowired
    EventStore eventStore;

    @Autowired
    EventLog eventLog;

    @Autowired
    MongoDatabase viewDatabase;

    @Autowired
    ViewGate gate;

    @Autowired
    EventProcessingConfiguration processing;

    /** An auditor, who may read every view. */
    WebTestClient web;

    WebTestClient operator;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.core.env.Environment environment;

    @BeforeEach
    void clients() {
        web = anonymous
                .mutate()
                .defaultHeaders(h -> h.setBearerAuth(TestTokens.token("revisor", "Rut Revisor", "AUDITOR", null)))
                .build();
        operator = anonymous
                .mutate()
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeaders(h -> h.setBearerAuth(TestTokens.token("operator", "Olle", "OPERATOR", null)))
                .build();
    }

    @Test
    void givenAStory_whenEachViewIsRebuilt_thenTheRebuiltViewEqualsTheLiveOneDocumentForDocument() {
        long last = 0;
        for (String id : List.of("rb-granted", "rb-submitted", "rb-open")) {
            last = story(id);
            CatchUp.get(web, "/api/applications/" + id + "/membership?minPosition=" + last)
                    .expectStatus()
                    .isOk();
        }
        CatchUp.get(web, "/api/municipalities/0191?minPosition=" + last)
                .expectStatus()
                .isOk();
        CatchUp.get(web, "/api/applications?minPosition=" + last).expectStatus().isOk();
        CatchUp.get(web, "/api/applications/rb-open/audit-trail?minPosition=" + last)
                .expectStatus()
                .isOk();

        Map<String, List<String>> views = Map.of(
                MembershipProjection.VIEW, List.of(MembershipProjection.COLLECTION),
                MunicipalityProjection.VIEW,
                        List.of(
                                MunicipalityProjection.COLLECTION,
                                MunicipalityProjection.INDEX,
                                MunicipalityProjection.APPLICATIONS),
                FunderApplicationsProjection.VIEW,
                        List.of(FunderApplicationsProjection.COLLECTION, FunderApplicationsProjection.PREPARATION),
                AuditTrailProjection.VIEW, List.of(AuditTrailProjection.COLLECTION, AuditTrailProjection.HEADERS));
        for (Map.Entry<String, List<String>> view : views.entrySet()) {
            Map<String, List<Document>> live = snapshot(view.getValue());
            assertThat(live.values())
                    .allSatisfy(documents -> assertThat(documents).isNotEmpty());
            assertThat(live.values().stream().flatMap(List::stream))
                    .as("%s documents carry their provenance, which the rebuilt ones must equal", view.getKey())
                    .anySatisfy(document -> assertThat(document).containsKey(Provenance.FIELD));

            operator.post()
                    .uri("/api/operations/projections/" + view.getKey() + "/rebuild")
                    .exchange()
                    .expectStatus()
                    .isAccepted()
                    .expectHeader()
                    .valueEquals("Location", "/api/operations/projections/" + view.getKey() + "/rebuild")
                    .expectBody()
                    .jsonPath("$.view")
                    .isEqualTo(view.getKey());
            Map<String, Object> done = awaitEnd(view.getKey());

            assertThat(done).containsEntry("state", "DONE").containsEntry("error", null);
            assertThat(((Number) done.get("position")).longValue()).isEqualTo(last);
            assertThat(snapshot(view.getValue()))
                    .as("rebuilt %s", view.getKey())
                    .isEqualTo(live);
        }
        assertThat(collectionNames()).noneMatch(name -> name.endsWith(ProjectionRebuilder.SUFFIX));
        web.get()
                .uri("/api/applications/rb-granted/membership")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.summary")
                .isEqualTo("1 of 15 joined, 1 signed");
    }

    @Test
    void givenARebuildUnderWay_whenReadingAndAppending_thenReadsGoOnAndTheNewEventIsInTheRebuiltView() {
        for (int i = 0; i < 12; i++) {
            String id = "rb-busy-" + i;
            long last = append(
                    0,
                    opened(id),
                    joined(id, "0162"),
                    joined(id, "0191"),
                    declined(id, "0187"),
                    signed(id, "0162", "bme", "Britt-Marie Ekström"));
            CatchUp.get(web, "/api/applications/" + id + "/membership?minPosition=" + last)
                    .expectStatus()
                    .isOk();
        }

        CompletableFuture<List<ServerSentEvent<Map<String, Object>>>> progress = new CompletableFuture<>();
        operator.post()
                .uri("/api/operations/projections/membership/rebuild?maxRate=20")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("REPLAYING")
                .jsonPath("$.maxRate")
                .isEqualTo(20);
        operator.get()
                .uri("/api/operations/projections/membership/rebuild/progress")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
                .getResponseBody()
                .collectList()
                .subscribe(progress::complete, progress::completeExceptionally);

        operator.post()
                .uri("/api/operations/projections/membership/rebuild")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("REBUILD_IN_PROGRESS");
        web.get()
                .uri("/api/applications/rb-busy-0/membership")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.summary")
                .isEqualTo("2 of 15 joined, 1 signed");
        long during = append(5, withdrew("rb-busy-0", "0191"));
        CatchUp.get(web, "/api/applications/rb-busy-0/membership?minPosition=" + during)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.summary")
                .isEqualTo("1 of 15 joined, 1 signed");
        assertThat(state("membership"))
                .as("the event arrived while the rebuild was replaying")
                .isEqualTo("REPLAYING");

        Map<String, Object> done = awaitEnd("membership");
        assertThat(done).containsEntry("state", "DONE");
        assertThat(((Number) done.get("position")).longValue()).isGreaterThanOrEqualTo(during);
        web.get()
                .uri("/api/applications/rb-busy-0/membership")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.summary")
                .isEqualTo("1 of 15 joined, 1 signed")
                .jsonPath("$.position")
                .isEqualTo((int) during);
        long after = append(6, joined("rb-busy-0", "0160"));
        CatchUp.get(web, "/api/applications/rb-busy-0/membership?minPosition=" + after)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.summary")
                .isEqualTo("2 of 15 joined, 1 signed");

        List<ServerSentEvent<Map<String, Object>>> events = progress.join();
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.event()).isEqualTo("progress"));
        assertThat(events.get(events.size() - 1).data()).containsEntry("state", "DONE");
        assertThat(events).anySatisfy(e -> {
            assertThat(e.data()).containsEntry("state", "REPLAYING");
            assertThat(e.data().get("etaSeconds")).isNotNull();
            assertThat(e.data().get("ratePerSecond")).isNotNull();
        });
        List<Long> done1 = events.stream()
                .map(e -> ((Number) e.data().get("eventsDone")).longValue())
                .toList();
        assertThat(done1).isSorted();

        // actuator is on the management port
        WebTestClient management = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + environment.getProperty("local.management.port"))
                .defaultHeaders(h -> h.setBearerAuth(TestTokens.token("operator", "Olle", "OPERATOR", null)))
                .build();
        management
                .get()
                .uri("/actuator/metrics/norrort.rebuild.events.done?tag=view:membership")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.measurements[0].value")
                .value(v ->
                        assertThat(((Number) v).longValue()).isEqualTo(((Number) done.get("eventsDone")).longValue()));
        management
                .get()
                .uri("/actuator/metrics/norrort.rebuild.events.total?tag=view:membership")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.measurements[0].value")
                .value(v -> assertThat(((Number) v).longValue()).isGreaterThanOrEqualTo(during));
    }

    @Test
    void givenAnEventArrivingWhileTheRebuildWaitsToSwitch_thenItIsInTheRebuiltViewAndReadsNeverStop() throws Exception {
        long opened = append(0, opened("rb-switch"), joined("rb-switch", "0162"));
        awaitMembership("rb-switch", opened);

        // A live write of the view still running: the rebuild must wait for it before it may switch.
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> liveWrite =
                CompletableFuture.runAsync(() -> gate.pass(MembershipProjection.VIEW, () -> await(release)));
        startMembershipRebuild();
        Awaitility.await("the rebuild reaches the switch")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> "SWITCHING".equals(state("membership")));
        long during = append(2, joined("rb-switch", "0160"));
        web.get()
                .uri("/api/applications/rb-switch/membership")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.applicationId")
                .isEqualTo("rb-switch");
        assertThat(state("membership")).isEqualTo("SWITCHING");

        release.countDown();
        liveWrite.get(10, TimeUnit.SECONDS);
        Map<String, Object> done = awaitEnd("membership");

        assertThat(done).containsEntry("state", "DONE");
        assertThat(((Number) done.get("position")).longValue())
                .as("the final catch-up under the gate read it")
                .isGreaterThanOrEqualTo(during);
        CatchUp.get(web, "/api/applications/rb-switch/membership?minPosition=" + during)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.summary")
                .isEqualTo("2 of 15 joined, 0 signed")
                .jsonPath("$.position")
                .isEqualTo((int) during);
    }

    @Test
    void givenTheViewsProcessorStopped_whenTheViewIsRebuilt_thenItSwitchesWithoutWaitingForSegments() throws Exception {
        long opened = append(0, opened("rb-stopped"), joined("rb-stopped", "0162"));
        awaitMembership("rb-stopped", opened);
        EventProcessor membership = stopMembership();
        try {
            long started = System.nanoTime();
            startMembershipRebuild();
            Map<String, Object> done = awaitEnd("membership");

            // Before, the switch waited for a stopped processor to claim every segment, and failed after 30 s.
            assertThat(done).containsEntry("state", "DONE").containsEntry("error", null);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(25));
            assertThat(((Number) done.get("position")).longValue()).isGreaterThanOrEqualTo(opened);
        } finally {
            membership.start();
        }
    }

    @Test
    void givenTheViewsProcessorStoppedHere_andAnotherInstanceAlive_whenTheViewIsRebuilt_thenItFailsSayingWhy()
            throws Exception {
        long opened = append(0, opened("rb-elsewhere"));
        awaitMembership("rb-elsewhere", opened);
        var instances = viewDatabase.getCollection("query_instances");
        EventProcessor membership = stopMembership();
        try {
            Mono.from(instances.insertOne(new Document("_id", "another-instance").append("at", new Date())))
                    .block();
            startMembershipRebuild();
            Map<String, Object> failed = awaitEnd("membership");

            // Before, the error was the exception's toString(), its class name included.
            assertThat(failed)
                    .containsEntry("state", "FAILED")
                    .containsEntry(
                            "error",
                            "The membership processor is not running on this instance while another instance is"
                                    + " alive, which may hold or claim its segments; rebuild on an instance that"
                                    + " runs it");
        } finally {
            Mono.from(instances.deleteOne(new Document("_id", "another-instance")))
                    .block();
            membership.start();
        }
        awaitMembership("rb-elsewhere", opened);
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenNoOperator_orNoSuchView_thenRefused() {
        web.post()
                .uri("/api/operations/projections/membership/rebuild")
                .exchange()
                .expectStatus()
                .isForbidden();
        anonymous
                .post()
                .uri("/api/operations/projections/membership/rebuild")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        operator.post()
                .uri("/api/operations/projections/no-such-view/rebuild")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNKNOWN_VIEW");
        // the progress stream refuses an unknown view with the same code as the JSON endpoints
        operator.get()
                .uri("/api/operations/projections/no-such-view/rebuild/progress")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNKNOWN_VIEW");
        operator.post()
                .uri("/api/operations/projections/membership/rebuild?maxRate=0")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_MAX_RATE");
        operator.get()
                .uri("/api/operations/projections")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.views[*].view")
                .value(v -> assertThat((List<Object>) v)
                        .containsExactlyInAnyOrder("membership", "municipality", "funder-applications", "audit-trail"));
    }

    /** Appends events to one application's stream from {@code firstSequence}; returns the last position. */
    private long append(long firstSequence, ConsortiumEvent... events) {
        long sequence = firstSequence;
        for (ConsortiumEvent event : events) {
            eventStore.publish(new GenericDomainEventMessage<>(
                    "ConsortiumApplication",
                    event.applicationId().toString(),
                    sequence++,
                    event,
                    MetaData.from(Map.of("actorId", "test"))));
        }
        return eventLog.readStream(events[0].applicationId().toString(), sequence - 1, 1)
                .get(0)
                .position();
    }

    /** One application's story through its grant, as far as {@code id} says ("open" stops early); the last position. */
    private long story(String id) {
        long last = append(
                0,
                opened(id),
                joined(id, "0162"),
                joined(id, "0191"),
                declined(id, "0187"),
                delegated(id, "0162", LocalDate.of(2030, 1, 1)),
                signed(id, "0162", "bme", "Britt-Marie Ekström"),
                corrected(id, "0191", "§ 45", "§ 46"),
                budget(id, "0162", 2024, 400_000),
                attached(id, "0162"),
                withdrew(id, "0191"));
        if (id.endsWith("open")) {
            return last;
        }
        last = append(10, submitted(id, "0162"));
        if (id.endsWith("granted")) {
            last = append(11, granted(id), requisitioned(id, 500_000, 500_000), interimReport(id));
        }
        return last;
    }

    /** Waits until the membership view of {@code applicationId} reflects the log up to {@code position}. */
    private void awaitMembership(String applicationId, long position) {
        CatchUp.get(web, "/api/applications/" + applicationId + "/membership?minPosition=" + position)
                .expectStatus()
                .isOk();
    }

    /** Starts a rebuild of the membership view (202). */
    private void startMembershipRebuild() {
        operator.post()
                .uri("/api/operations/projections/membership/rebuild")
                .exchange()
                .expectStatus()
                .isAccepted();
    }

    /** Stops this instance's membership processor; the test starts it again. */
    private EventProcessor stopMembership() throws Exception {
        EventProcessor membership =
                processing.eventProcessor(MembershipProjection.VIEW).orElseThrow();
        membership.shutdownAsync().get(30, TimeUnit.SECONDS);
        return membership;
    }

    private Map<String, Object> awaitEnd(String view) {
        return Awaitility.await("the rebuild of " + view + " ends")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> progress(view),
                        progress -> !"REPLAYING".equals(progress.get("state"))
                                && !"SWITCHING".equals(progress.get("state")));
    }

    private String state(String view) {
        return (String) progress(view).get("state");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> progress(String view) {
        return operator.get()
                .uri("/api/operations/projections/" + view + "/rebuild")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    /** Every document of each collection, by {@code _id}. */
    private Map<String, List<Document>> snapshot(List<String> collections) {
        Map<String, List<Document>> snapshot = new LinkedHashMap<>();
        for (String name : collections) {
            snapshot.put(
                    name,
                    Flux.from(viewDatabase.getCollection(name).find().sort(Sorts.ascending("_id")))
                            .collectList()
                            .block(Duration.ofSeconds(30)));
        }
        return snapshot;
    }

    private List<String> collectionNames() {
        return Flux.from(viewDatabase.listCollectionNames()).collectList().block(Duration.ofSeconds(30));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
