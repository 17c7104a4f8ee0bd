package se.norrort.consortium.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.GenericEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.api.values.BusinessZone;
import se.norrort.consortium.archive.SipValidation;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.eventstore.chain.HashChain;
import se.norrort.consortium.eventstore.mongo.StoredCommits;
import se.norrort.consortium.security.TestTokens;

/**
 * The auditor's tools on the seeded story itself: the very {@link SeedStory} that {@code ./run.sh --seed} records,
 * sent over HTTP to a command-service, and read back over HTTP from a query-service, both running for real on one
 * store (embedded, or {@code MONGODB_URI}).
 * <p>
 * So that "the state as of a date" has dates to tell apart, the story is told over four days: the events' clock
 * (Axon stamps every event with {@link GenericEventMessage#clock}) stands at 09:00 Stockholm three days ago while
 * Sigtuna opens, two days ago while the first seven municipalities join, yesterday while the rest join, decline,
 * delegate and sign, and is the real clock again for the submission and the award. Only the timestamps move; the
 * services check the story's dates against their own (real) clocks, as in {@code ./run.sh --seed}.
 * <p>
 * The application's archive package (an E-ARK SIP) is fetched over HTTP too and checked with commons-ip2's validator.
 * <p>
 * Tampering is done directly in MongoDB, one kind at a time, and each stored commit is put back afterwards (and the
 * chain verified whole again), so every case starts from the untouched seeded store.
 */
class SeededStoryAuditTest {

    private static final ZoneId STOCKHOLM = BusinessZone.ZONE;
    private static final String ID = SeedStory.APPLICATION_ID;
    private static final String HASH_MISMATCH =
            "the stored hash does not match the event's content and the previous event's hash";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final LocalDate TODAY = LocalDate.now(STOCKHOLM);
    private static final LocalDate OPENING_DAY = TODAY.minusDays(3);
    private static final LocalDate FIRST_JOINS_DAY = TODAY.minusDays(2);

    private static BothServices services;
    private static WebTestClient queries;
    private static Clock realEventClock;

    /** The events' clock: a given day at 09:00 Stockholm plus a millisecond per reading, or the real clock. */
    private static final class StoryClock extends Clock {

        private volatile Instant day;
        private final AtomicLong readings = new AtomicLong();

        void moveTo(LocalDate date) {
            day = date.atTime(LocalTime.of(9, 0)).atZone(STOCKHOLM).toInstant();
        }

        void real() {
            day = null;
        }

        @Override
        public Instant instant() {
            Instant at = day;
            return at == null ? Instant.now() : at.plusMillis(readings.incrementAndGet());
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @BeforeAll
    static void recordTheSeedStory() throws Exception {
        services = BothServices.start("--norrort.security.key-file=" + TestTokens.keyFile());
        queries = services.queries()
                .defaultHeaders(h -> h.setBearerAuth(TestTokens.token("revisor.eva", "Eva Revisor", "AUDITOR", null)))
                .build();

        StoryClock clock = new StoryClock();
        realEventClock = GenericEventMessage.clock;
        GenericEventMessage.clock = clock;
        try {
            clock.moveTo(OPENING_DAY);
            new SeedStory(services.commandUrl(), TestTokens.minter(), chapter -> {
                        switch (chapter) {
                            case OPENED -> clock.moveTo(FIRST_JOINS_DAY);
                            case HALF_JOINED -> clock.moveTo(TODAY.minusDays(1));
                            case ALL_SIGNED -> clock.real();
                            default -> throw new IllegalStateException("unknown chapter " + chapter);
                        }
                    })
                    .run();
        } finally {
            GenericEventMessage.clock = realEventClock;
        }
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @AfterEach
    void theStoreIsUntouchedAgain() {
        JsonNode verified = get("/api/applications/" + ID + "/verify");
        assertThat(verified.path("ok").asBoolean()).as(verified.toString()).isTrue();
    }

    // --- the history -------------------------------------------------------------------------------------------

    @Test
    void theHistory_listsEveryStoredEventInOrder_withWhoDecidedOnWhichDecisionAndUnderWhichDelegation() {
        List<JsonNode> history = ndjson("/api/applications/" + ID + "/history");
        List<Document> stored = storedEvents();

        assertThat(history).hasSize(stored.size());
        // 1 opening, 14 joins, 1 decline, 14 delegations and 14 signatures, the submission and the award
        assertThat(history).hasSize(46);
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).path("sequence").asLong()).isEqualTo(i);
            assertThat(history.get(i).path("eventId").asText())
                    .isEqualTo(stored.get(i).getString("id"));
            assertThat(history.get(i).path("chainHash").asText())
                    .isEqualTo(Document.parse(stored.get(i).getString("m")).getString("chainHash"));
        }

        JsonNode opened = history.get(0);
        assertThat(opened.path("type").asText()).isEqualTo("ApplicationOpened");
        assertThat(opened.path("actorId").asText()).isEqualTo("officer.0191");
        assertThat(opened.path("actorMunicipality").asText()).isEqualTo("0191");
        assertThat(localDate(opened)).isEqualTo(OPENING_DAY);

        JsonNode danderydSigned = only(history, "CooperationFormSigned", "0162");
        assertThat(danderydSigned.path("actorName").asText()).isEqualTo("Britt-Marie Ekström");
        assertThat(danderydSigned.path("actorRole").asText()).isEqualTo("SIGNATORY");
        assertThat(danderydSigned.path("delegationId").asText()).isEqualTo("danderyd-socialdirektor");
        assertThat(danderydSigned.path("description").asText()).isNotBlank();

        JsonNode danderydJoined = only(history, "MunicipalityJoined", "0162");
        assertThat(danderydJoined.path("decision").path("body").asText()).isEqualTo("Socialnämnden");
        assertThat(danderydJoined.path("decision").path("paragraph").asText()).isEqualTo("§ 48");
        assertThat(danderydJoined.path("decision").path("immediateAdjustment").asBoolean())
                .isTrue();
        assertThat(danderydJoined.path("decision").path("meetingDate").asText())
                .isEqualTo(TODAY.minusDays(14).toString());
        JsonNode delegated = only(history, "SignatureDelegated", "0162");
        assertThat(delegated.path("decision").path("paragraph").asText()).isEqualTo("§ 48");

        JsonNode award = history.get(history.size() - 1);
        assertThat(award.path("type").asText()).isEqualTo("AwardGranted");
        assertThat(award.path("actorRole").asText()).isEqualTo("FUNDER_OFFICER");
        assertThat(award.path("payload").path("amountSek").asLong()).isEqualTo(SeedStory.GRANTED_SEK);
    }

    @Test
    void theHistoryFilters_byMunicipality_byKind_andByTime() {
        List<JsonNode> danderyd = ndjson("/api/applications/" + ID + "/history?municipality=0162");
        assertThat(danderyd)
                .extracting(e -> e.path("type").asText())
                .containsExactly("MunicipalityJoined", "SignatureDelegated", "CooperationFormSigned");

        List<JsonNode> declines = ndjson("/api/applications/" + ID + "/history?type=ParticipationDeclined");
        assertThat(declines)
                .singleElement()
                .satisfies(e -> assertThat(e.path("municipality").asText()).isEqualTo("0187"));

        Instant startOfFirstJoins = FIRST_JOINS_DAY.atStartOfDay(STOCKHOLM).toInstant();
        Instant endOfFirstJoins =
                FIRST_JOINS_DAY.plusDays(1).atStartOfDay(STOCKHOLM).toInstant();
        List<JsonNode> secondDay =
                ndjson("/api/applications/" + ID + "/history?from=" + startOfFirstJoins + "&to=" + endOfFirstJoins);
        assertThat(secondDay).hasSize(7).allSatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("MunicipalityJoined");
            assertThat(localDate(e)).isEqualTo(FIRST_JOINS_DAY);
        });
    }

    @Test
    void theHistoryAsServerSentEvents_carriesTheSameEvents() {
        List<String> ids = queries.get()
                .uri("/api/applications/" + ID + "/history/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody()
                .map(data -> read(data).path("eventId").asText())
                .collectList()
                .block(Duration.ofSeconds(30));
        assertThat(ids)
                .containsExactlyElementsOf(
                        storedEvents().stream().map(e -> e.getString("id")).toList());
    }

    // --- state as of three dates -------------------------------------------------------------------------------

    @Test
    void theStateAsOfTheOpeningDay_isBeforeAnyJoin() {
        JsonNode state = get("/api/applications/" + ID + "/state?asOfDate=" + OPENING_DAY);

        assertThat(state.path("eventsApplied").asInt()).isEqualTo(1);
        assertThat(state.path("status").asText()).isEqualTo("OPEN");
        assertThat(state.path("memberships")).hasSize(15);
        assertThat(statuses(state)).containsOnly("INVITED");
        assertThat(state.path("signatures")).isEmpty();
        assertThat(state.path("amounts").path("grantedSek").asLong()).isZero();
    }

    @Test
    void theStateAsOfTheFirstJoiningDay_hasSevenJoined_andNobodySigned() {
        JsonNode state = get("/api/applications/" + ID + "/state?asOfDate=" + FIRST_JOINS_DAY);

        assertThat(state.path("eventsApplied").asInt()).isEqualTo(8);
        assertThat(state.path("status").asText()).isEqualTo("OPEN");
        assertThat(statuses(state).stream().filter("JOINED"::equals).count()).isEqualTo(7);
        assertThat(statuses(state).stream().filter("INVITED"::equals).count()).isEqualTo(8);
        assertThat(state.path("delegations")).isEmpty();
        assertThat(state.path("signatures")).isEmpty();
    }

    @Test
    void theStateAsOfToday_isAfterTheAward() {
        JsonNode state = get("/api/applications/" + ID + "/state?asOfDate=" + TODAY);

        assertThat(state.path("eventsApplied").asInt()).isEqualTo(46);
        assertThat(state.path("status").asText()).isEqualTo("GRANTED");
        assertThat(state.path("amounts").path("grantedSek").asLong()).isEqualTo(SeedStory.GRANTED_SEK);
        assertThat(statuses(state).stream().filter("JOINED"::equals).count()).isEqualTo(14);
        assertThat(statuses(state)).contains("DECLINED");
        assertThat(state.path("signatures")).hasSize(14);
        JsonNode danderyd = StreamSupport.stream(state.path("signatures").spliterator(), false)
                .filter(s -> s.path("municipality").asText().equals("0162"))
                .findFirst()
                .orElseThrow();
        assertThat(danderyd.path("signatoryName").asText()).isEqualTo("Britt-Marie Ekström");
        assertThat(danderyd.path("delegationId").asText()).isEqualTo("danderyd-socialdirektor");
    }

    @Test
    void whatChangedOnTheFirstJoiningDay_isSevenJoins() {
        Instant from = OPENING_DAY.plusDays(1).atStartOfDay(STOCKHOLM).toInstant();
        Instant to = FIRST_JOINS_DAY.plusDays(1).atStartOfDay(STOCKHOLM).toInstant();
        JsonNode changes = get("/api/applications/" + ID + "/changes?from=" + from + "&to=" + to);

        assertThat(changes.path("eventCount").asInt()).isEqualTo(7);
    }

    // --- tamper evidence ---------------------------------------------------------------------------------------

    @Test
    void anUntouchedStore_verifies_withTheLastEventsHashAsHead() {
        List<Document> stored = storedEvents();
        JsonNode verified = get("/api/applications/" + ID + "/verify");

        assertThat(verified.path("ok").asBoolean()).isTrue();
        assertThat(verified.path("events").asInt()).isEqualTo(46);
        assertThat(verified.path("headHash").asText()).isEqualTo(hash(stored.get(45)));
    }

    @Test
    void anEditedDecisionParagraph_isTheBrokenLink() {
        Document commit = commitAt(joinOf("0162"));
        long sequence = ((Number) commit.get("f")).longValue();
        Document original = Document.parse(commit.toJson());
        try {
            Document event = commit.getList("e", Document.class).get(0);
            event.put("p", event.getString("p").replace("§ 48", "§ 49"));
            replace(commit);

            assertBrokenAt(sequence, sequence, original, HASH_MISMATCH);
        } finally {
            replace(original);
        }
    }

    @Test
    void aDeletedSignature_isTheBrokenLink_atTheEventAfterIt() {
        Document commit = commitAt(signatureOf("0162"));
        long sequence = ((Number) commit.get("f")).longValue();
        Document next = commitAt(sequence + 1);
        try {
            events().deleteOne(new Document("_id", commit.get("_id")));

            assertBrokenAt(
                    sequence,
                    sequence + 1,
                    next,
                    "expected sequence " + sequence + " but found " + (sequence + 1)
                            + " (an event is missing, inserted or moved)");
        } finally {
            events().insertOne(commit);
        }
    }

    @Test
    void aForgedSignatureInserted_isTheBrokenLink() {
        // Vaxholm, which declined, "signs": a copy of Danderyd's signature moved to the end of the history.
        Document forged = Document.parse(commitAt(signatureOf("0162")).toJson());
        long end = storedEvents().size();
        forged.put("_id", 9_000_000_000L);
        forged.put("f", end);
        forged.put("l", end);
        Document event = forged.getList("e", Document.class).get(0);
        event.put("id", "forged-signature");
        event.put("s", end);
        event.put("p", event.getString("p").replace("0162", "0187"));
        try {
            events().insertOne(forged);

            JsonNode brokenAt = brokenAt();
            assertThat(brokenAt.path("index").asLong()).isEqualTo(end);
            assertThat(brokenAt.path("sequence").asLong()).isEqualTo(end);
            assertThat(brokenAt.path("eventId").asText()).isEqualTo("forged-signature");
            assertThat(brokenAt.path("position").asLong()).isEqualTo(9_000_000_000L);
            assertThat(brokenAt.path("reason").asText()).isEqualTo(HASH_MISMATCH);
        } finally {
            events().deleteOne(new Document("_id", 9_000_000_000L));
        }
    }

    @Test
    void aForgedSignatureAppendedWithARecomputedHash_isTheBrokenLink_forTheCommandServiceDidNotSealIt() {
        // The same forgery by someone who knows the public chain rules: the hash after the real head is recomputed.
        // What they cannot make without the services' key file is the commit's seal.
        List<Document> stored = storedEvents();
        long end = stored.size();
        Document forged = Document.parse(commitAt(signatureOf("0162")).toJson());
        forged.put("_id", 9_000_000_001L);
        forged.put("f", end);
        forged.put("l", end);
        Document event = forged.getList("e", Document.class).get(0);
        StoredEvent copy = StoredCommits.eventsOf(forged).get(0);
        StoredEvent recomputed = HashChain.sealed(
                hash(stored.get((int) end - 1)),
                new StoredEvent(
                        9_000_000_001L,
                        "forged-sealed-signature",
                        copy.aggregateType(),
                        copy.aggregateId(),
                        end,
                        copy.timestamp(),
                        copy.payloadType(),
                        copy.payloadRevision(),
                        copy.payload().replace("0162", "0187"),
                        copy.metadata()));
        event.put("id", recomputed.eventId());
        event.put("s", end);
        event.put("p", recomputed.payload());
        event.put("m", recomputed.metadata());
        try {
            // with Danderyd's seal still on the copy
            events().insertOne(forged);
            assertThat(brokenAt().path("reason").asText())
                    .startsWith("the commit's seal does not match its last" + " event");
            // without a seal
            forged.remove("kid");
            forged.remove("sig");
            replace(forged);
            JsonNode brokenAt = brokenAt();
            assertThat(brokenAt.path("index").asLong()).isEqualTo(end);
            assertThat(brokenAt.path("eventId").asText()).isEqualTo("forged-sealed-signature");
            assertThat(brokenAt.path("reason").asText())
                    .isEqualTo("the commit is not sealed by the command-service: it was stored outside it");
        } finally {
            events().deleteOne(new Document("_id", 9_000_000_001L));
        }
        assertThat(get("/api/applications/" + ID + "/verify").path("ok").asBoolean())
                .isTrue();
    }

    @Test
    void twoJoinsSwapped_theFirstMovedEventIsTheBrokenLink() {
        Document first = commitAt(joinOf("0114"));
        Document second = commitAt(joinOf("0115"));
        long a = ((Number) first.get("f")).longValue();
        long b = ((Number) second.get("f")).longValue();
        assertThat(b).isEqualTo(a + 1);
        Document firstOriginal = Document.parse(first.toJson());
        Document secondOriginal = Document.parse(second.toJson());
        try {
            // (a, f) and (a, l) are unique: park one out of the way while the other takes its place.
            renumber(first, -1);
            renumber(second, a);
            renumber(first, b);

            assertBrokenAt(a, a, secondOriginal, HASH_MISMATCH);
        } finally {
            renumber(first, -1);
            replace(secondOriginal);
            replace(firstOriginal);
        }
    }

    // --- checkpoints -------------------------------------------------------------------------------------------

    @Test
    void aCheckpointHeldOutside_verifiesTheUntouchedHistory_andRevealsATruncatedOne() {
        JsonNode checkpoint = post("/api/applications/" + ID + "/checkpoints", null, 201);
        assertThat(checkpoint.path("eventCount").asInt()).isEqualTo(46);
        assertThat(checkpoint.path("headHash").asText())
                .isEqualTo(hash(storedEvents().get(45)));

        JsonNode extends_ = post("/api/applications/" + ID + "/verify", checkpoint, 200);
        assertThat(extends_.path("ok").asBoolean()).isTrue();
        assertThat(extends_.path("eventsSinceCheckpoint").asInt()).isZero();

        // Removing the award leaves a chain that is valid in itself; only the checkpoint tells.
        Document award = commitAt(45);
        try {
            events().deleteOne(new Document("_id", award.get("_id")));
            assertThat(get("/api/applications/" + ID + "/verify").path("ok").asBoolean())
                    .isTrue();

            JsonNode truncated = post("/api/applications/" + ID + "/verify", checkpoint, 200);
            assertThat(truncated.path("ok").asBoolean()).isFalse();
            assertThat(truncated.path("reason").asText()).isEqualTo("TRUNCATED");
            assertThat(truncated.path("events").asInt()).isEqualTo(45);
        } finally {
            events().insertOne(award);
        }
        assertThat(post("/api/applications/" + ID + "/verify", checkpoint, 200)
                        .path("ok")
                        .asBoolean())
                .isTrue();
    }

    // --- the archive package --------------------------------------------------------------------------------------

    @Test
    void theSeededApplicationsArchivePackage_passesTheEArkValidator_andHoldsEveryStoredEvent() throws Exception {
        byte[] zip = queries.get()
                .uri("/api/applications/" + ID + "/export")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/zip")
                .expectBody()
                .returnResult()
                .getResponseBodyContent();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("seeded", ".sip.zip");
        try {
            java.nio.file.Files.write(file, zip);

            SipValidation.Verdict verdict = SipValidation.validate(file);
            assertThat(verdict.valid()).as(verdict.summary()).isTrue();
            assertThat(verdict.errors()).isZero();
            List<String> lines = new ArrayList<>();
            try (java.util.zip.ZipFile archive = new java.util.zip.ZipFile(file.toFile())) {
                java.util.zip.ZipEntry events = archive.stream()
                        .filter(e -> e.getName().endsWith("/data/events.jsonl"))
                        .findFirst()
                        .orElseThrow();
                try (var in = archive.getInputStream(events)) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .forEach(lines::add);
                }
            }
            assertThat(lines).hasSize(46);
            assertThat(lines.get(45)).contains(hash(storedEvents().get(45)));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private static JsonNode get(String path) {
        return read(new String(
                queries.get()
                        .uri(path)
                        .accept(MediaType.APPLICATION_JSON)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBodyContent(),
                StandardCharsets.UTF_8));
    }

    private static JsonNode post(String path, JsonNode body, int status) {
        WebTestClient.RequestBodySpec request = queries.post().uri(path);
        WebTestClient.RequestHeadersSpec<?> sent = body == null
                ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body.toString());
        return read(new String(
                sent.exchange()
                        .expectStatus()
                        .isEqualTo(status)
                        .expectBody()
                        .returnResult()
                        .getResponseBodyContent(),
                StandardCharsets.UTF_8));
    }

    private static List<JsonNode> ndjson(String path) {
        String body = new String(
                queries.get()
                        .uri(path)
                        .accept(MediaType.APPLICATION_NDJSON)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBodyContent(),
                StandardCharsets.UTF_8);
        return body.lines()
                .filter(line -> !line.isBlank())
                .map(SeededStoryAuditTest::read)
                .toList();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static LocalDate localDate(JsonNode entry) {
        return Instant.parse(entry.path("time").asText()).atZone(STOCKHOLM).toLocalDate();
    }

    private static JsonNode only(List<JsonNode> history, String type, String municipality) {
        List<JsonNode> found = history.stream()
                .filter(e -> e.path("type").asText().equals(type)
                        && e.path("municipality").asText().equals(municipality))
                .toList();
        assertThat(found).as(type + " of " + municipality).hasSize(1);
        return found.get(0);
    }

    private static List<String> statuses(JsonNode state) {
        List<String> statuses = new ArrayList<>();
        state.path("memberships").forEach(m -> statuses.add(m.path("status").asText()));
        return statuses;
    }

    private static JsonNode brokenAt() {
        JsonNode verified = get("/api/applications/" + ID + "/verify");
        assertThat(verified.path("ok").asBoolean()).as(verified.toString()).isFalse();
        assertThat(verified.has("headHash")).isFalse();
        return verified.path("brokenAt");
    }

    /** The verify answer names the link at {@code index} holding the stored event of {@code commit}. */
    private static void assertBrokenAt(long index, long sequence, Document commit, String reason) {
        JsonNode brokenAt = brokenAt();
        assertThat(brokenAt.path("index").asLong()).isEqualTo(index);
        assertThat(brokenAt.path("sequence").asLong()).isEqualTo(sequence);
        assertThat(brokenAt.path("eventId").asText())
                .isEqualTo(commit.getList("e", Document.class).get(0).getString("id"));
        assertThat(brokenAt.path("position").asLong()).isEqualTo(((Number) commit.get("_id")).longValue());
        assertThat(brokenAt.path("reason").asText()).isEqualTo(reason);
    }

    private static MongoCollection<Document> events() {
        return TestMongo.client().getDatabase(services.database()).getCollection("events");
    }

    /** The stored events of the seeded application in sequence order (one event per commit in this story). */
    private static List<Document> storedEvents() {
        List<Document> commits = events().find(new Document("a", ID)).into(new ArrayList<>());
        commits.sort((x, y) -> Long.compare(((Number) x.get("f")).longValue(), ((Number) y.get("f")).longValue()));
        List<Document> events = new ArrayList<>();
        commits.forEach(c -> events.addAll(c.getList("e", Document.class)));
        return events;
    }

    private static String hash(Document event) {
        return Document.parse(event.getString("m")).getString("chainHash");
    }

    private static Document commitAt(long sequence) {
        return events().find(new Document("a", ID).append("f", sequence)).first();
    }

    private static long sequenceOf(String type, String municipality) {
        return storedEvents().stream()
                .filter(e -> e.getString("pt").equals(type)
                        && Document.parse(e.getString("p"))
                                .getString("municipality")
                                .equals(municipality))
                .mapToLong(e -> ((Number) e.get("s")).longValue())
                .findFirst()
                .orElseThrow();
    }

    private static long joinOf(String municipality) {
        return sequenceOf("MunicipalityJoined", municipality);
    }

    private static long signatureOf(String municipality) {
        return sequenceOf("CooperationFormSigned", municipality);
    }

    private static void replace(Document commit) {
        events().replaceOne(new Document("_id", commit.get("_id")), commit);
    }

    private static void renumber(Document commit, long sequence) {
        commit.put("f", sequence);
        commit.put("l", sequence);
        commit.getList("e", Document.class).get(0).put("s", sequence);
        replace(commit);
    }
}
