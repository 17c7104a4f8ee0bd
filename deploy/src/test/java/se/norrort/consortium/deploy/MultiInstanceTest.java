package se.norrort.consortium.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import se.norrort.consortium.api.values.Municipalities;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.eventstore.embedded.EmbeddedMongo;
import se.norrort.consortium.security.TestTokens;

/**
 * Two command-services and two query-services, each a JVM of its own started from its executable jar, on 127.0.0.1
 * against one embedded store. Shows: live streams on either query-service get every change whichever instance
 * projected it, resumable with Last-Event-ID; {@code ?minPosition=} on either query-service; commands spread over
 * both command-services with idempotency keys answering the first answer from either (conflicts included); one
 * rebuild across instances (the lease); segments split between the query-services, taken over after {@code kill -9}
 * within the claim timeout; and views equal, document for document, to a single query-service's projection of the
 * same log. Opt-in ({@code -Pmulti-instance}, as {@code deploy/multi-instance-test.sh} runs it in CI).
 */
@Tag("multi-instance")
class MultiInstanceTest {

    private static final String APP = "mi-app";
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern POSITION = Pattern.compile("\"position\":(\\d+)");

    /** The store and the services' logs; kept after the run (printed at the start) to look into a failure. */
    private final Path dir = createDir();

    private static Path createDir() {
        try {
            Path d = Files.createTempDirectory("norrort-multi-instance-");
            System.out.println("Multi-instance run in " + d);
            return d;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService streams = Executors.newCachedThreadPool();
    private EmbeddedMongo store;

    /** One started service: its JVM, API and management base URLs. */
    record Service(String name, Process process, String api, String management) {}

    @AfterEach
    void stopAll() {
        processes.forEach(Process::destroyForcibly);
        streams.shutdownNow();
        if (store != null) {
            store.close();
        }
    }

    @Test
    @Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
    void fourInstancesOnOneStoreShowNoPerInstanceState() throws Exception {
        store = EmbeddedMongo.onFile(dir.resolve("store.mv"), "127.0.0.1", 0);
        String database = "multi_instance";
        Service cs1 = start("command-service", database, "cs1");
        Service cs2 = start("command-service", database, "cs2");
        Service qs1 = start("query-service", database, "qs1");
        Service qs2 = start("query-service", database, "qs2");
        for (Service s : List.of(cs1, cs2, qs1, qs2)) {
            awaitReady(s);
        }

        // Live streams on both query-services, before any command
        List<Long> liveOn1 = Collections.synchronizedList(new ArrayList<>());
        List<Long> liveOn2 = Collections.synchronizedList(new ArrayList<>());
        Map<Long, Long> receivedOn2 = new java.util.concurrent.ConcurrentHashMap<>();
        follow(qs1, "/api/applications/" + APP + "/membership", null, liveOn1, null);
        follow(qs2, "/api/applications/" + APP + "/membership", null, liveOn2, receivedOn2);
        Thread.sleep(1_000);

        // Commands alternate between the command-services; each retried on the other with the same key
        List<MunicipalityCode> codes = Municipalities.allCodes();
        String owner = "0191";
        Map<Long, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
        Answer opened = post(cs1, "/api/applications", owner, "open-" + APP, openBody(APP));
        assertThat(opened.status()).isEqualTo(201);
        sentAt.put(opened.position(), opened.at());
        assertThat(post(cs2, "/api/applications", owner, "open-" + APP, openBody(APP)))
                .as("retry of the open on the other command-service")
                .isEqualTo(opened.replayed());
        long last = opened.position();
        int n = 0;
        for (MunicipalityCode code : codes) {
            if (code.toString().equals(owner)) {
                continue;
            }
            Service first = n % 2 == 0 ? cs1 : cs2;
            Service other = n % 2 == 0 ? cs2 : cs1;
            String key = "join-" + code;
            String path = "/api/applications/" + APP + "/municipalities/" + code + "/join";
            Answer joined = post(first, path, code.toString(), key, JOIN);
            assertThat(joined.status()).as(path).isEqualTo(202);
            sentAt.put(joined.position(), joined.at());
            assertThat(post(other, path, code.toString(), key, JOIN))
                    .as("retry of " + path)
                    .isEqualTo(joined.replayed());
            // read-your-writes on either query-service
            Service reader = n % 2 == 0 ? qs2 : qs1;
            HttpResponse<String> view =
                    get(reader, "/api/applications/" + APP + "/membership?minPosition=" + joined.position(), "AUDITOR");
            assertThat(view.statusCode()).as("minPosition on " + reader.name()).isEqualTo(200);
            assertThat(view.body()).contains("\"joined\":" + (n + 1));
            last = joined.position();
            n++;
        }
        // A conflict (If-Match names an old version) answered 409, the retry on the other instance gets that 409
        String conflictPath = "/api/applications/" + APP + "/municipalities/0162/withdraw";
        Answer conflict = post(cs1, conflictPath, "0162", "withdraw-stale", WITHDRAW, "\"1\"");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body()).contains("VERSION_CONFLICT");
        assertThat(post(cs2, conflictPath, "0162", "withdraw-stale", WITHDRAW, "\"1\""))
                .isEqualTo(conflict.replayed());

        // Every change on both live streams, in order, whichever instance projected it
        long finalPosition = last;
        awaitTrue(
                () -> lastOf(liveOn1) == finalPosition && lastOf(liveOn2) == finalPosition,
                Duration.ofSeconds(20),
                "both live streams reach position " + finalPosition);
        assertThat(liveOn1).isSorted().doesNotHaveDuplicates().hasSize(n + 1);
        assertThat(liveOn2).isSorted().doesNotHaveDuplicates().hasSize(n + 1);
        assertThat(liveOn1).containsExactlyElementsOf(liveOn2);
        // Resumed with Last-Event-ID: nothing at or before it
        List<Long> resumed = Collections.synchronizedList(new ArrayList<>());
        long middle = liveOn1.get(liveOn1.size() / 2);
        follow(qs2, "/api/applications/" + APP + "/membership", middle, resumed, null);
        awaitTrue(() -> lastOf(resumed) == finalPosition, Duration.ofSeconds(10), "resumed stream");
        assertThat(resumed).allSatisfy(p -> assertThat(p).isGreaterThan(middle));

        // Segments split between the query-services
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoDatabase db = client.getDatabase(database);
            awaitTrue(() -> owners(db).size() == 2, Duration.ofSeconds(60), "segments held by both query-services");
            Map<String, String> split = segments(db);
            System.out.println("Segments by owner with two query-services: " + split);

            // A rebuild started on one query-service is not started again on the other
            HttpResponse<String> rebuild = postAs(qs1, "/api/operations/projections/membership/rebuild?maxRate=2");
            assertThat(rebuild.statusCode()).isEqualTo(202);
            HttpResponse<String> again = postAs(qs2, "/api/operations/projections/membership/rebuild");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.body()).contains("REBUILD_IN_PROGRESS");
            // while it replays, both serve the old view
            assertThat(get(qs2, "/api/applications/" + APP + "/membership", "AUDITOR")
                            .body())
                    .contains("\"joined\":" + n);
            // the progress stream (on the other instance, from the lease) ends when the rebuild has ended
            HttpResponse<String> progress = http.send(
                    HttpRequest.newBuilder(
                                    URI.create(qs2.api() + "/api/operations/projections/membership/rebuild/progress"))
                            .timeout(Duration.ofSeconds(90))
                            .header("Authorization", "Bearer " + token("OPERATOR"))
                            .header("Accept", "text/event-stream")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(progress.body()).contains("\"state\":\"DONE\"");

            // the rebuild gathered every segment of the view onto qs1; once it is done the two split them again
            awaitTrue(
                    () -> owners(db).size() == 2,
                    Duration.ofSeconds(60),
                    "both query-services hold segments again after the rebuild");
            // kill -9 of one query-service: the other takes its segments within the claim timeout
            String survivor = owners(db).stream()
                    .filter(o -> !o.contains(pid(qs1)))
                    .findFirst()
                    .orElseThrow();
            qs1.process().destroyForcibly().waitFor();
            long killed = System.nanoTime();
            awaitTrue(
                    () -> owners(db).equals(Set.of(survivor))
                            && segments(db).keySet().equals(allSegments(db)),
                    Duration.ofSeconds(40),
                    "query-service 2 holds every segment");
            Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
            System.out.println("Takeover after kill -9: " + takeover.toMillis() + " ms (claim timeout "
                    + CLAIM_TIMEOUT.toMillis() + " ms)");
            assertThat(takeover).isLessThan(CLAIM_TIMEOUT.plusSeconds(15));
            Answer after = post(
                    cs2,
                    "/api/applications/" + APP + "/municipalities/0162/withdraw",
                    "0162",
                    "withdraw-0162",
                    WITHDRAW);
            assertThat(after.status()).isEqualTo(202);
            assertThat(get(qs2, "/api/applications/" + APP + "/membership?minPosition=" + after.position(), "AUDITOR")
                            .statusCode())
                    .isEqualTo(200);
            awaitTrue(() -> lastOf(liveOn2) == after.position(), Duration.ofSeconds(10), "live after kill");

            // Views equal, document for document, those of one query-service projecting the same log
            awaitTrue(
                    () -> viewProgressAtLeast(db, after.position()),
                    Duration.ofSeconds(30),
                    "every processor of query-service 2 past the last event");
            stop(qs2);
            MongoDatabase single = client.getDatabase(database + "_single");
            for (String collection : List.of("events", "event_counters", "snapshots")) {
                List<Document> docs = db.getCollection(collection).find().into(new ArrayList<>());
                if (!docs.isEmpty()) {
                    single.getCollection(collection).insertMany(docs);
                }
            }
            Service one = start("query-service", database + "_single", "qs-single");
            awaitReady(one);
            assertThat(get(one, "/api/applications/" + APP + "/membership?minPosition=" + after.position(), "AUDITOR")
                            .statusCode())
                    .isEqualTo(200);
            awaitTrue(
                    () -> viewProgressAtLeast(single, after.position()),
                    Duration.ofSeconds(30),
                    "single instance caught up");
            stop(one);
            Set<String> views = viewCollections(db);
            assertThat(views)
                    .contains(
                            "view_membership",
                            "view_audit_trail",
                            "view_municipality_entries",
                            "view_municipality_index");
            List<String> differences = new ArrayList<>();
            for (String view : views) {
                differences.addAll(differences(view, documents(db, view), documents(single, view)));
            }
            assertThat(differences)
                    .as("documents that differ from a single instance's projection")
                    .isEmpty();
            System.out.println("Views compared with a single-instance projection: " + views);
        }

        // Delivery on query-service 2: from the command's answer to the stream's event (negative: the event came
        // first), for the changes before the kill (both query-services projecting)
        List<Long> latencies = new ArrayList<>();
        sentAt.forEach((position, answered) -> {
            Long received = receivedOn2.get(position);
            if (received != null) {
                latencies.add(received - answered);
            }
        });
        Collections.sort(latencies);
        assertThat(latencies).hasSizeGreaterThanOrEqualTo(n);
        System.out.println("SSE delivery on query-service 2 (command answered -> event received), "
                + latencies.size() + " changes: median " + latencies.get(latencies.size() / 2)
                + " ms, p90 " + latencies.get((int) (latencies.size() * 0.9))
                + " ms, max " + latencies.get(latencies.size() - 1) + " ms");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static final String JOIN = """
            {"decision":{"body":"Socialnämnden","meetingDate":"2026-11-20","paragraph":"§ 45",
             "immediateAdjustment":true,"announcementDate":"2026-11-20"}}""";
    private static final String WITHDRAW = """
            {"decision":{"body":"Socialnämnden","meetingDate":"2026-11-27","paragraph":"§ 52",
             "immediateAdjustment":true,"announcementDate":"2026-11-27"},"reason":"changed priorities"}""";

    private static String openBody(String id) {
        return """
                {"applicationId":"%s","ownerMunicipality":"0191","legalBasis":"SECTION_37",
                 "funderName":"Länsstyrelsen i Stockholms län","title":"Gemensam resurs",
                 "targetGroups":["nyanlända"],"periodStart":"2030-01-01","periodEnd":"2031-12-31",
                 "joiningDeadline":"2030-06-30","appliedAmountSek":2400000}""".formatted(id);
    }

    /** A command's answer; {@link #replayed()} is what a retry with the same key must answer. */
    record Answer(int status, String body, String etag, long position, long at) {
        Answer replayed() {
            return new Answer(status, body, etag, position, 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Answer a
                    && a.status == status
                    && a.body.equals(body)
                    && java.util.Objects.equals(a.etag, etag);
        }

        @Override
        public int hashCode() {
            return status;
        }
    }

    private Answer post(Service s, String path, String municipality, String key, String body) throws Exception {
        return post(s, path, municipality, key, body, null);
    }

    private Answer post(Service s, String path, String municipality, String key, String body, String ifMatch)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.api() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TestTokens.officer(municipality))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = POSITION.matcher(response.body());
        return new Answer(
                response.statusCode(),
                response.body(),
                response.headers().firstValue("ETag").orElse(null),
                m.find() ? Long.parseLong(m.group(1)) : -1,
                System.currentTimeMillis());
    }

    private HttpResponse<String> postAs(Service s, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(s.api() + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token("OPERATOR"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(Service s, String path, String role) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(s.api() + path))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token(role))
                            .header("Accept", "application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String token(String role) {
        return role.equals("AUDITOR")
                ? TestTokens.token("revisor", "Rut Revisor", "AUDITOR", null)
                : TestTokens.token("operator", "Olle Operatör", "OPERATOR", null);
    }

    /** Reads a live stream in the background: the {@code id:} of every event into {@code ids}. */
    private void follow(Service s, String path, Long lastEventId, List<Long> ids, Map<Long, Long> receivedAt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.api() + path))
                .header("Authorization", "Bearer " + token("AUDITOR"))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        CompletableFuture.runAsync(
                () -> {
                    try {
                        HttpResponse<java.io.InputStream> response =
                                http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                        try (BufferedReader lines =
                                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                                if (line.startsWith("id:")) {
                                    long id = Long.parseLong(line.substring(3).strip());
                                    if (receivedAt != null) {
                                        receivedAt.put(id, System.currentTimeMillis());
                                    }
                                    ids.add(id);
                                }
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        // the stream ends when its service stops
                    }
                },
                streams);
    }

    private static long lastOf(List<Long> ids) {
        synchronized (ids) {
            return ids.isEmpty() ? -1 : ids.get(ids.size() - 1);
        }
    }

    private Service start(String name, String database, String id) throws IOException {
        Path jar = Path.of("..", name, "target", name + "-exec.jar")
                .toAbsolutePath()
                .normalize();
        assertThat(jar).as("built service jar").isRegularFile();
        int api = freePort();
        int management = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java, "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx384m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(id + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("MONGODB_URI", store.connectionString());
        env.put("NORRORT_DATABASE", database);
        env.put(name.equals("command-service") ? "COMMAND_SERVICE_PORT" : "QUERY_SERVICE_PORT", Integer.toString(api));
        env.put("NORRORT_MANAGEMENT_PORT", Integer.toString(management));
        env.put("NORRORT_SECURITY_KEY_FILE", TestTokens.keyFile().toString());
        env.put("NORRORT_COMMANDS_PER_MINUTE", "0");
        env.put("NORRORT_PROCESSING_CLAIM_TIMEOUT", CLAIM_TIMEOUT.toSeconds() + "s");
        env.put("NORRORT_PROCESSING_BALANCE_INTERVAL", "2s");
        env.put("NORRORT_PROCESSING_RELEASE_FOR", "8s");
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        Process process = builder.start();
        processes.add(process);
        return new Service(id, process, "http://127.0.0.1:" + api, "http://127.0.0.1:" + management);
    }

    private void awaitReady(Service s) {
        await(s.name() + " ready")
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> ready(s));
    }

    /** Whether the service answers ready; an {@link AssertionError} (which ends the wait) when it has exited. */
    private boolean ready(Service s) throws InterruptedException, IOException {
        if (!s.process().isAlive()) {
            throw new AssertionError(s.name() + " exited: " + Files.readString(dir.resolve(s.name() + ".log")));
        }
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(s.management() + "/actuator/health/readiness"))
                                            .timeout(Duration.ofSeconds(3))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode()
                    == 200;
        } catch (IOException notYet) {
            return false; // starting
        }
    }

    private static void stop(Service s) throws InterruptedException {
        s.process().destroy();
        if (!s.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            s.process().destroyForcibly().waitFor();
        }
    }

    private static String pid(Service s) {
        return Long.toString(s.process().pid());
    }

    /** Segment -> owner of every claimed token ("processor/segment" -> owner). */
    private static Map<String, String> segments(MongoDatabase db) {
        Map<String, String> owners = new TreeMap<>();
        for (Document t : db.getCollection("trackingtokens").find()) {
            String owner = t.getString("owner");
            if (owner != null) {
                owners.put(t.getString("processorName") + "/" + t.get("segment"), owner);
            }
        }
        return owners;
    }

    /**
     * Every segment of every processor, claimed or not (a snapshot of the claimed ones can miss one that a balancer
     * has just released).
     */
    private static Set<String> allSegments(MongoDatabase db) {
        Set<String> segments = new TreeSet<>();
        for (Document t : db.getCollection("trackingtokens").find()) {
            segments.add(t.getString("processorName") + "/" + t.get("segment"));
        }
        return segments;
    }

    private static Set<String> owners(MongoDatabase db) {
        return new HashSet<>(segments(db).values());
    }

    private static boolean viewProgressAtLeast(MongoDatabase db, long position) {
        for (Document d : db.getCollection("view_progress").find()) {
            Number p = d.get("position", Number.class);
            if (p == null || p.longValue() < position) {
                return false;
            }
        }
        return true;
    }

    /** Collections holding view documents (view_*, not the instances' coordination or a rebuild's leftovers). */
    private static Set<String> viewCollections(MongoDatabase db) {
        Set<String> coordination = Set.of("view_changes", "view_change_origins", "view_progress", "view_rebuilds");
        Set<String> views = new java.util.TreeSet<>();
        for (String name : db.listCollectionNames()) {
            if (name.startsWith("view_") && !coordination.contains(name) && !name.endsWith("__rebuild")) {
                views.add(name);
            }
        }
        return views;
    }

    private static Map<Object, Document> documents(MongoDatabase db, String collection) {
        Map<Object, Document> docs = new LinkedHashMap<>();
        for (Document d : db.getCollection(collection).find().sort(new Document("_id", 1))) {
            docs.put(d.get("_id"), d);
        }
        return docs;
    }

    private static List<String> differences(String view, Map<Object, Document> multi, Map<Object, Document> one) {
        List<String> out = new ArrayList<>();
        Set<Object> ids = new java.util.TreeSet<>(java.util.Comparator.comparing(Object::toString));
        ids.addAll(multi.keySet());
        ids.addAll(one.keySet());
        for (Object id : ids) {
            Document a = multi.get(id);
            Document b = one.get(id);
            if (a == null || b == null) {
                out.add(view + "/" + id + (a == null ? " only in the single-instance run" : " only in the multi run"));
                continue;
            }
            Set<String> keys = new java.util.TreeSet<>(a.keySet());
            keys.addAll(b.keySet());
            for (String k : keys) {
                if (!java.util.Objects.equals(a.get(k), b.get(k))) {
                    out.add(view + "/" + id + "." + k + ": multi " + a.get(k) + " / single " + b.get(k));
                }
            }
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        await(what).atMost(timeout).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
    }
}
