package se.norrort.consortium.eventstore.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.TestEvents;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.eventstore.chain.HashChain;
import se.norrort.consortium.eventstore.chain.RsaCommitSeals;
import se.norrort.consortium.eventstore.chain.SealVerifier;

/**
 * Sealed commits in the real store (embedded server), verified over the stored documents as the auditor's
 * {@code /verify} and the archive export read them.
 */
class SealedCommitsTest {

    private final MongoDatabase database = TestMongo.freshDatabase();
    private final MongoCollection<Document> events = database.getCollection(StoredCommits.COLLECTION);
    private final KeyPair key = rsa();
    private final SealVerifier seals = RsaCommitSeals.verifier(Map.of("service-key", key.getPublic()));
    private final MongoEventLog sealing = new MongoEventLog(
            database,
            Duration.ofSeconds(10),
            Clock.systemUTC(),
            RsaCommitSeals.sealer("service-key", key.getPrivate()));

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends the stream's commits of {@code sizes} events each, with the sealing log. */
    private void append(String stream, int... sizes) {
        long sequence = 0;
        for (int size : sizes) {
            List<StoredEvent> commit = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                commit.add(TestEvents.event(stream, sequence++));
            }
            sealing.append(commit);
        }
    }

    private CommitChainVerifier.Outcome verify(String stream) {
        CommitChainVerifier verifier = new CommitChainVerifier(-1, seals);
        events.find(StoredCommits.ofStream(stream))
                .sort(StoredCommits.streamOrder())
                .forEach(verifier::accept);
        return verifier.outcome();
    }

    private Document commit(String stream, long first) {
        return events.find(new Document("a", stream).append("f", first)).first();
    }

    @Test
    void givenCommitsAppendedBySealingLog_thenEachCarriesASealOverItsLastEvent_andTheStreamVerifies() {
        append("sealed", 1, 3, 1);

        Document second = commit("sealed", 1);
        assertThat(second.getString("kid")).isEqualTo("service-key");
        StoredEvent last = StoredCommits.eventsOf(second).get(2);
        assertThat(seals.verify(
                        "sealed",
                        3,
                        HashChain.storedHash(last).orElseThrow(),
                        StoredCommits.sealOf(second).orElseThrow()))
                .isEqualTo(SealVerifier.Verdict.VALID);
        CommitChainVerifier.Outcome outcome = verify("sealed");
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.events()).isEqualTo(5);
    }

    @Test
    void givenACommitAppendedWithoutTheKey_thenItIsTheBrokenLink_andNoneOfItsEventsCount() {
        append("appended", 2, 1);
        // someone with database access appends with the public chain rules, but without the key
        new MongoEventLog(database).append(List.of(TestEvents.event("appended", 3), TestEvents.event("appended", 4)));

        CommitChainVerifier.Outcome outcome = verify("appended");

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.events()).isEqualTo(3);
        assertThat(outcome.headHash())
                .isEqualTo(HashChain.storedHash(
                                StoredCommits.eventsOf(commit("appended", 2)).get(0))
                        .orElseThrow());
        HashChain.BrokenLink broken = outcome.brokenAt().orElseThrow();
        assertThat(broken.index()).isEqualTo(3);
        assertThat(broken.sequence()).isEqualTo(3);
        assertThat(broken.reason()).isEqualTo(CommitChainVerifier.NOT_SEALED);
        // without a seal verifier, the chain alone cannot tell
        CommitChainVerifier chainOnly = new CommitChainVerifier();
        events.find(StoredCommits.ofStream("appended"))
                .sort(StoredCommits.streamOrder())
                .forEach(chainOnly::accept);
        assertThat(chainOnly.outcome().ok()).isTrue();
    }

    @Test
    void givenASealCopiedFromAnotherCommit_orAnotherKey_thenItIsRefusedWithTheReason() {
        append("copied", 1, 1, 1);
        Document first = commit("copied", 0);
        Document last = commit("copied", 2);
        last.put("sig", first.getString("sig"));
        events.replaceOne(Filters.eq("_id", last.get("_id")), last);

        HashChain.BrokenLink broken = verify("copied").brokenAt().orElseThrow();
        assertThat(broken.index()).isEqualTo(2);
        assertThat(broken.reason()).isEqualTo(CommitChainVerifier.SEAL_MISMATCH);

        var foreign = RsaCommitSeals.sealer("other-key", rsa().getPrivate())
                .seal(
                        "copied",
                        2,
                        HashChain.storedHash(StoredCommits.eventsOf(last).get(0))
                                .orElseThrow());
        last.put("kid", foreign.keyId());
        last.put("sig", foreign.signature());
        events.replaceOne(Filters.eq("_id", last.get("_id")), last);
        assertThat(verify("copied").brokenAt().orElseThrow().reason())
                .isEqualTo(String.format(CommitChainVerifier.UNKNOWN_KEY, "other-key"));
    }

    @Test
    void givenAnEditedPayloadInASealedCommit_thenTheHashMismatchIsReportedFirst() {
        append("edited", 1, 1);
        Document commit = commit("edited", 1);
        Document event = commit.getList("e", Document.class).get(0);
        event.put("p", event.getString("p").replace("edited", "EDITED"));
        events.replaceOne(Filters.eq("_id", commit.get("_id")), commit);

        assertThat(verify("edited").brokenAt().orElseThrow().reason()).startsWith("the stored hash does not match");
    }

    @Test
    void givenAForgedCommitThatBreaksItsOwnLastEvent_thenNoneOfItsEventsCountAsVerified() {
        append("self-broken", 2);
        String sealedHead = HashChain.storedHash(
                        StoredCommits.eventsOf(commit("self-broken", 0)).get(1))
                .orElseThrow();
        // a forged commit [A, B]: A with a correctly recomputed hash, B's hash spoiled on purpose, so that the chain
        // breaks inside the commit before its (missing) seal would be looked at
        new MongoEventLog(database)
                .append(List.of(TestEvents.event("self-broken", 2), TestEvents.event("self-broken", 3)));
        Document forged = commit("self-broken", 2);
        Document b = forged.getList("e", Document.class).get(1);
        b.put("p", b.getString("p").replace("self-broken", "SELF-BROKEN"));
        events.replaceOne(Filters.eq("_id", forged.get("_id")), forged);

        CommitChainVerifier.Outcome outcome = verify("self-broken");

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.brokenAt().orElseThrow().sequence()).isEqualTo(3);
        // A is not vouched for by any seal: the verified part ends before the forged commit
        assertThat(outcome.events()).isEqualTo(2);
        assertThat(outcome.headHash()).isEqualTo(sealedHead);
    }

    @Test
    void givenACheckpointCountInsideAnUnsealedCommit_thenNoHashIsNotedThere() {
        append("checkpoint", 1, 1);
        new MongoEventLog(database).append(List.of(TestEvents.event("checkpoint", 2)));

        CommitChainVerifier atTwo = new CommitChainVerifier(2, seals);
        CommitChainVerifier atThree = new CommitChainVerifier(3, seals);
        events.find(StoredCommits.ofStream("checkpoint"))
                .sort(StoredCommits.streamOrder())
                .forEach(commit -> {
                    atTwo.accept(commit);
                    atThree.accept(commit);
                });
        assertThat(atTwo.outcome().hashAtCheckpoint()).isPresent();
        assertThat(atThree.outcome().hashAtCheckpoint()).isEmpty();
    }
}
