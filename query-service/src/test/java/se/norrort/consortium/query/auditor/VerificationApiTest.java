package se.norrort.consortium.query.auditor;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.requisitioned;

import com.mongodb.client.model.Filters;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.eventstore.chain.HashChain;
import se.norrort.consortium.eventstore.spring.EventStoreProperties;
import se.norrort.consortium.security.LocalSigningKey;
import se.norrort.consortium.security.TestTokens;

/**
 * Tampers with the {@code events} collection, so it runs in a database (and application context) of its own: other
 * test classes share one database, and readers that start from the beginning there (e.g. view rebuilds) must not
 * see these forged, edited and deleted commits.
 */
@Import(VerificationApiTest.OwnDatabase.class)
class VerificationApiTest extends AuditorApiTestBase {

    private static final String OWN_DATABASE = TestMongo.freshDatabaseName();

    /** Every store bean (event log, views, tokens) takes its database from these properties. */
    @TestConfiguration(proxyBeanMethods = false)
    static class OwnDatabase {

        @Bean
        @Primary
        EventStoreProperties ownDatabase() {
            return new EventStoreProperties(TestMongo.connectionString(), OWN_DATABASE, null, null);
        }
    }

    @BeforeEach
    void tamperOnlyInOwnDatabase() {
        assertThat(database.getName()).isEqualTo(OWN_DATABASE);
    }

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final String HASH_MISMATCH =
            "the stored hash does not match the event's content and the previous event's hash";
    private static final String NOT_SEALED =
            "the commit is not sealed by the command-service: it was stored outside it";
    private static final String SEAL_MISMATCH = "the commit's seal does not match its last event (application,"
            + " sequence, chain hash): it was made for another commit, or the commit was altered";

    private Map<String, Object> verify(String id) {
        return web.get()
                .uri("/api/applications/" + id + "/verify")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private Map<String, Object> brokenAt(String id) {
        Map<String, Object> answer = verify(id);
        assertThat(answer).containsEntry("ok", false).doesNotContainKey("headHash");
        return map(answer.get("brokenAt"));
    }

    private static void assertBrokenAt(
            Map<String, Object> brokenAt, int index, long sequence, StoredEvent event, String reason) {
        assertThat(brokenAt)
                .containsEntry("index", index)
                .containsEntry("sequence", (int) sequence)
                .containsEntry("eventId", event.eventId())
                .containsEntry("reason", reason);
        assertThat(((Number) brokenAt.get("position")).longValue()).isEqualTo(event.position());
    }

    @Test
    void givenAnUntouchedStore_thenTheChainVerifies_withItsHeadHash() {
        List<StoredEvent> stored = story("ve-ok");

        assertThat(verify("ve-ok"))
                .containsEntry("applicationId", "ve-ok")
                .containsEntry("ok", true)
                .containsEntry("events", 10)
                .containsEntry("headHash", chainHash(stored.get(9)))
                .doesNotContainKey("brokenAt");
        assertThat(commit("ve-ok", 9).getString("sig")).as("sealed as appended").isNotBlank();
        web.get()
                .uri("/api/applications/ve-unknown/verify")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("APPLICATION_NOT_FOUND");
    }

    @Test
    void givenAPayloadEditedInTheDatabase_thenTheEditedEventIsTheBrokenLink() {
        List<StoredEvent> stored = story("ve-edit");
        Document commit = commit("ve-edit", 1);
        Document event = firstEvent(commit);
        event.put("p", event.getString("p").replace("§ 45", "§ 46"));
        replace(commit);

        assertBrokenAt(brokenAt("ve-edit"), 1, 1, stored.get(1), HASH_MISMATCH);
    }

    @Test
    void givenACommitDeletedInTheMiddle_thenTheSequenceHoleIsTheBrokenLink() {
        List<StoredEvent> stored = story("ve-delete");
        events().deleteOne(Filters.eq("_id", commit("ve-delete", 4).get("_id")));

        assertBrokenAt(
                brokenAt("ve-delete"),
                4,
                5,
                stored.get(5),
                "expected sequence 4 but found 5 (an event is missing, inserted or moved)");
    }

    @Test
    void givenAForgedCommitInserted_thenTheForgedEventIsTheBrokenLink() {
        List<StoredEvent> stored = story("ve-forge");
        // A copy of the grant with a new id, a bigger amount and a made-up hash, stored after the real events at a
        // position far beyond any the log will allocate in this test.
        Document forged = Document.parse(commit("ve-forge", 9).toJson());
        long forgedPosition = 9_000_000_000L;
        forged.put("_id", forgedPosition);
        forged.put("f", 10L);
        forged.put("l", 10L);
        Document event = firstEvent(forged);
        event.put("id", "forged-event");
        event.put("s", 10L);
        event.put("p", event.getString("p").replace("3200000", "4000000"));
        Document metadata = Document.parse(event.getString("m"));
        metadata.put("chainHash", "f".repeat(64));
        event.put("m", metadata.toJson());
        events().insertOne(forged);

        Map<String, Object> brokenAt = brokenAt("ve-forge");

        assertThat(brokenAt)
                .containsEntry("index", 10)
                .containsEntry("sequence", 10)
                .containsEntry("eventId", "forged-event")
                .containsEntry("reason", HASH_MISMATCH);
        assertThat(((Number) brokenAt.get("position")).longValue()).isEqualTo(forgedPosition);
        assertThat(verify("ve-forge")).containsEntry("events", 10);
        assertThat(stored).hasSize(10);
    }

    /**
     * The attack the chain alone cannot see: someone with write access to the database appends a commit at the end,
     * with the chain hash recomputed by the public rules; the returned commit document is stored as the log would
     * store it, without the seal only the command-service's key can make, or with a seal taken from another commit.
     */
    private Document forgedAtTheEnd(String id, StoredEvent last, long position) {
        Document forged = Document.parse(commit(id, 9).toJson());
        forged.put("_id", position);
        forged.put("f", 10L);
        forged.put("l", 10L);
        Document event = firstEvent(forged);
        StoredEvent recomputed = HashChain.sealed(
                chainHash(last),
                new StoredEvent(
                        position,
                        "forged-" + id,
                        last.aggregateType(),
                        last.aggregateId(),
                        10,
                        last.timestamp(),
                        last.payloadType(),
                        last.payloadRevision(),
                        last.payload().replace("3200000", "4000000"),
                        last.metadata()));
        event.put("id", recomputed.eventId());
        event.put("s", 10L);
        event.put("p", recomputed.payload());
        event.put("m", recomputed.metadata());
        return forged;
    }

    @Test
    void givenAForgedCommitAppendedAtTheEndWithARecomputedHash_thenItIsTheBrokenLink_forItIsNotSealed() {
        List<StoredEvent> stored = story("ve-append");
        long position = 9_000_000_100L;
        Document forged = forgedAtTheEnd("ve-append", stored.get(9), position);
        forged.remove("sig");
        forged.remove("kid");
        events().insertOne(forged);

        Map<String, Object> answer = verify("ve-append");

        assertThat(answer).containsEntry("ok", false).containsEntry("events", 10);
        assertThat(map(answer.get("brokenAt")))
                .containsEntry("index", 10)
                .containsEntry("sequence", 10)
                .containsEntry("eventId", "forged-ve-append")
                .containsEntry("position", position)
                .containsEntry("reason", NOT_SEALED);
    }

    @Test
    void givenAForgedCommitAtTheEndCarryingASealCopiedFromAnotherCommit_thenTheSealIsRefused() {
        List<StoredEvent> stored = story("ve-copy");
        // the copy of the last commit keeps that commit's seal (kid and sig)
        events().insertOne(forgedAtTheEnd("ve-copy", stored.get(9), 9_000_000_200L));

        Map<String, Object> brokenAt = brokenAt("ve-copy");

        assertThat(brokenAt)
                .containsEntry("index", 10)
                .containsEntry("eventId", "forged-ve-copy")
                .containsEntry("reason", SEAL_MISMATCH);
    }

    @Test
    void givenTwoCommitsWhoseSequenceNumbersWereSwapped_thenTheFirstMovedEventIsTheBrokenLink() {
        List<StoredEvent> stored = story("ve-swap");
        Document second = commit("ve-swap", 2);
        Document third = commit("ve-swap", 3);
        // (a, f) and (a, l) are unique: park the first one out of the way while the other takes its place.
        renumber(second, -2);
        renumber(third, 2);
        renumber(second, 3);

        assertBrokenAt(brokenAt("ve-swap"), 2, 2, stored.get(3), HASH_MISMATCH);
    }

    private void renumber(Document commit, long sequence) {
        commit.put("f", sequence);
        commit.put("l", sequence);
        firstEvent(commit).put("s", sequence);
        replace(commit);
    }

    @Test
    void givenAVerifiedHistory_whenCheckpointing_thenASignedCheckpointThatTheHistoryLaterExtends() throws Exception {
        List<StoredEvent> stored = story("cp-1");

        Map<String, Object> checkpoint = checkpoint("cp-1");

        assertThat(checkpoint)
                .containsEntry("applicationId", "cp-1")
                .containsEntry("eventCount", 10)
                .containsEntry("headHash", chainHash(stored.get(9)));
        assertThat(Instant.parse((String) checkpoint.get("createdAt")))
                .isAfter(Instant.now().minusSeconds(60));
        JWSObject jws = JWSObject.parse((String) checkpoint.get("signature"));
        assertThat(jws.verify(new RSASSAVerifier(
                        LocalSigningKey.loadOrCreate(TestTokens.keyFile()).toRSAPublicKey())))
                .isTrue();
        assertThat(jws.getPayload().toJSONObject())
                .containsEntry("applicationId", "cp-1")
                .containsEntry("eventCount", 10L)
                .containsEntry("headHash", chainHash(stored.get(9)));

        assertThat(verifyAgainst("cp-1", checkpoint))
                .containsEntry("ok", true)
                .containsEntry("events", 10)
                .containsEntry("eventsSinceCheckpoint", 0);

        StoredEvent later =
                appendAt(10, Instant.parse("2024-02-01T09:00:00Z"), ANNA, requisitioned("cp-1", 1_000_000, 1_000_000));
        assertThat(verifyAgainst("cp-1", checkpoint))
                .containsEntry("ok", true)
                .containsEntry("events", 11)
                .containsEntry("headHash", chainHash(later))
                .containsEntry("eventsSinceCheckpoint", 1);
    }

    @Test
    void givenTheLastCommitDeletedAfterACheckpoint_thenTheChainStillVerifies_butNotAgainstTheCheckpoint() {
        story("cp-truncate");
        Map<String, Object> checkpoint = checkpoint("cp-truncate");

        events().deleteOne(Filters.eq("_id", commit("cp-truncate", 9).get("_id")));

        // Deleting at the end leaves a shorter chain that is valid in itself...
        assertThat(verify("cp-truncate")).containsEntry("ok", true).containsEntry("events", 9);
        // ...which only the checkpoint held outside the system reveals.
        assertThat(verifyAgainst("cp-truncate", checkpoint))
                .containsEntry("ok", false)
                .containsEntry("reason", "TRUNCATED")
                .containsEntry("events", 9)
                .containsEntry(
                        "detail",
                        "The history has 9 events,"
                                + " fewer than the 10 of the checkpoint: events"
                                + " were removed at its end.");
    }

    @Test
    void givenAHistoryRewrittenWithRecomputedHashes_thenTheFirstRewrittenCommitsSealIsTheBrokenLink() {
        List<StoredEvent> stored = story("cp-rewrite");
        Map<String, Object> checkpoint = checkpoint("cp-rewrite");

        // Someone who knows the (public) chain rules edits Solna's reason and seals every later event again; the
        // commits keep their seals, which sign the old hashes.
        String previous = chainHash(stored.get(3));
        for (long sequence = 4; sequence < 10; sequence++) {
            Document commit = commit("cp-rewrite", sequence);
            Document event = firstEvent(commit);
            StoredEvent original = stored.get((int) sequence);
            String payload = sequence == 4
                    ? original.payload().replace("Ingen kapacitet i år", "Changed our mind")
                    : original.payload();
            StoredEvent resealed = HashChain.sealed(
                    previous,
                    new StoredEvent(
                            original.position(),
                            original.eventId(),
                            original.aggregateType(),
                            original.aggregateId(),
                            original.sequence(),
                            original.timestamp(),
                            original.payloadType(),
                            original.payloadRevision(),
                            payload,
                            original.metadata()));
            event.put("p", resealed.payload());
            event.put("m", resealed.metadata());
            replace(commit);
            previous = chainHash(resealed);
        }

        assertBrokenAt(brokenAt("cp-rewrite"), 4, 4, stored.get(4), SEAL_MISMATCH);
        assertThat(verifyAgainst("cp-rewrite", checkpoint))
                .containsEntry("ok", false)
                .containsEntry("reason", "CHAIN_BROKEN")
                .containsEntry("events", 4);
    }

    @Test
    void givenAnAlteredOrForeignCheckpoint_thenItIsRefusedWithTheReason() {
        story("cp-alter");
        story("cp-other");
        Map<String, Object> checkpoint = checkpoint("cp-alter");

        Map<String, Object> fewer = new LinkedHashMap<>(checkpoint);
        fewer.put("eventCount", 5);
        assertThat(verifyAgainst("cp-alter", fewer))
                .containsEntry("ok", false)
                .containsEntry("reason", "CHECKPOINT_ALTERED");

        Map<String, Object> badSignature = new LinkedHashMap<>(checkpoint);
        String signature = (String) checkpoint.get("signature");
        String[] parts = signature.split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("{\"applicationId\":\"cp-alter\",\"eventCount\":5,\"headHash\":\"x\",\"createdAt\":\""
                                + checkpoint.get("createdAt") + "\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        badSignature.put("signature", parts[0] + "." + forgedPayload + "." + parts[2]);
        badSignature.remove("eventCount");
        badSignature.remove("headHash");
        assertThat(verifyAgainst("cp-alter", badSignature))
                .containsEntry("ok", false)
                .containsEntry("reason", "SIGNATURE_INVALID");

        assertThat(verifyAgainst("cp-other", checkpoint))
                .containsEntry("ok", false)
                .containsEntry("reason", "OTHER_APPLICATION");

        web.post()
                .uri("/api/applications/cp-alter/verify")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"eventCount\":10}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");
    }

    @Test
    void givenABrokenChain_thenNoCheckpointIsSigned() {
        story("cp-broken");
        events().deleteOne(Filters.eq("_id", commit("cp-broken", 2).get("_id")));

        web.post()
                .uri("/api/applications/cp-broken/checkpoints")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("HISTORY_BROKEN")
                .jsonPath("$.brokenAt.index")
                .isEqualTo(2)
                .jsonPath("$.brokenAt.sequence")
                .isEqualTo(3);

        List<Document> records = database.getCollection(AccessLog.COLLECTION)
                .find(new Document("applicationId", "cp-broken"))
                .into(new ArrayList<>());
        assertThat(records).extracting(r -> r.getString("action")).containsExactly("checkpoint");
    }

    private Map<String, Object> checkpoint(String id) {
        return web.post()
                .uri("/api/applications/" + id + "/checkpoints")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private Map<String, Object> verifyAgainst(String id, Map<String, Object> checkpoint) {
        return web.post()
                .uri("/api/applications/" + id + "/verify")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(checkpoint)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }
}
