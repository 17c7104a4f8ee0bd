package se.norrort.consortium.eventstore.mongo;

import java.util.List;
import java.util.Optional;
import org.bson.Document;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.chain.CommitSeal;
import se.norrort.consortium.eventstore.chain.HashChain;
import se.norrort.consortium.eventstore.chain.HashChain.BrokenLink;
import se.norrort.consortium.eventstore.chain.SealVerifier;

/**
 * Recomputes a stream's hash chain over its stored commit documents, fed one by one in stream order (read with
 * {@link StoredCommits#ofStream} and {@link StoredCommits#streamOrder}), with the rules of {@link HashChain.Verifier}
 * and in constant memory. A document that cannot be read as a commit breaks the chain at its position. Once broken,
 * the verifier stays broken; a reader that only wants the verdict stops reading then ({@link #broken()}), a reader
 * that wants every stored event (the archive export) goes on and still gets each commit's events from
 * {@link #accept}.
 * <p>
 * Given a {@link SealVerifier}, every commit must also carry a valid {@linkplain CommitSeal seal} over its last
 * event's chain hash: a commit that is not sealed, is sealed with an unknown key, or whose seal signs another
 * statement (e.g. copied from another commit) is the broken link, at its first event, and none of its events count
 * as verified. The chain's own reasons (sequence, hash) are checked first.
 * <p>
 * The query-service's {@code GET /verify} feeds it from the reactive driver, the archive export from the sync driver:
 * one set of rules for both.
 */
public final class CommitChainVerifier {

    static final String NOT_SEALED = "the commit is not sealed by the command-service: it was stored outside it";
    static final String UNKNOWN_KEY = "the commit is sealed with a key this service does not know (kid %s): it was"
            + " sealed elsewhere, or with a key whose public half was not kept";
    static final String SEAL_MISMATCH = "the commit's seal does not match its last event (application, sequence,"
            + " chain hash): it was made for another commit, or the commit was altered";

    private final HashChain.Verifier verifier = new HashChain.Verifier();
    private final long checkpointCount;
    private final SealVerifier seals;
    private String atCheckpoint;
    /** A break found at the level of a whole commit (unreadable, unsealed), with the verified part before it. */
    private BrokenLink commitBroken;

    private int countBeforeBreak;
    private String headBeforeBreak;

    /** A verifier of the whole chain, without seals. */
    public CommitChainVerifier() {
        this(-1, null);
    }

    /**
     * A verifier that also notes the chain hash after the first {@code checkpointCount} events (-1: none).
     *
     * @param seals checks every commit's seal; {@code null} verifies the hash chain only
     */
    public CommitChainVerifier(long checkpointCount, SealVerifier seals) {
        this.checkpointCount = checkpointCount;
        this.seals = seals;
        this.atCheckpoint = checkpointCount == 0 ? HashChain.GENESIS : null;
    }

    /**
     * What verification found.
     *
     * @param events           how many events verified before the end or the first broken link
     * @param headHash         the chain hash of the last verified event ({@code ""} for none)
     * @param brokenAt         the first broken link, if any
     * @param hashAtCheckpoint the chain hash after the first {@code checkpointCount} events, if the chain reached
     *                         that far unbroken
     */
    public record Outcome(
            int events, String headHash, Optional<BrokenLink> brokenAt, Optional<String> hashAtCheckpoint) {

        public boolean ok() {
            return brokenAt.isEmpty();
        }

        /** Whether nothing at all is stored for the stream (no commit, not even an unreadable one). */
        public boolean empty() {
            return ok() && events == 0;
        }
    }

    /**
     * Checks the next commit document of the stream.
     *
     * @return the commit's events (each verified while the chain holds), or none when the document cannot be read
     *         as a commit
     */
    public List<StoredEvent> accept(Document commit) {
        List<StoredEvent> events;
        try {
            events = StoredCommits.eventsOf(commit);
        } catch (IllegalArgumentException e) {
            if (!broken()) {
                Object id = commit.get("_id");
                breakCommit(
                        new BrokenLink(
                                verifier.count(),
                                -1,
                                id instanceof Number n ? n.longValue() : -1,
                                null,
                                "the commit stored at position " + id + " cannot be read as events (" + e.getMessage()
                                        + ")"),
                        verifier.count(),
                        verifier.head());
            }
            return List.of();
        }
        if (broken()) {
            return events;
        }
        int countBefore = verifier.count();
        String headBefore = verifier.head();
        String hashAtCheckpoint = null;
        for (StoredEvent event : events) {
            if (!broken() && verifier.accept(event).isEmpty() && verifier.count() == checkpointCount) {
                hashAtCheckpoint = verifier.head();
            }
        }
        if (seals != null && verifier.broken().isPresent()) {
            // The chain breaks inside this commit, so its seal (over the commit's last hash) cannot vouch for any of
            // its events, not even those before the break: none of them count as verified.
            breakCommit(verifier.broken().get(), countBefore, headBefore);
        } else if (seals != null) {
            unsealedReason(commit, events.get(events.size() - 1)).ifPresent(reason -> {
                StoredEvent first = events.get(0);
                breakCommit(
                        new BrokenLink(countBefore, first.sequence(), first.position(), first.eventId(), reason),
                        countBefore,
                        headBefore);
            });
        }
        if (commitBroken == null && hashAtCheckpoint != null) {
            atCheckpoint = hashAtCheckpoint;
        }
        return events;
    }

    /** Why the commit's seal does not vouch for its last event, if it does not. */
    private Optional<String> unsealedReason(Document commit, StoredEvent last) {
        Optional<CommitSeal> seal = StoredCommits.sealOf(commit);
        if (seal.isEmpty()) {
            return Optional.of(NOT_SEALED);
        }
        String stream = StoredCommits.streamOf(commit).orElse("");
        String hash = HashChain.storedHash(last).orElse(HashChain.GENESIS);
        switch (seals.verify(stream, last.sequence(), hash, seal.get())) {
            case VALID:
                return Optional.empty();
            case UNKNOWN_KEY:
                return Optional.of(String.format(UNKNOWN_KEY, seal.get().keyId()));
            default:
                return Optional.of(SEAL_MISMATCH);
        }
    }

    private void breakCommit(BrokenLink link, int countBefore, String headBefore) {
        commitBroken = link;
        countBeforeBreak = countBefore;
        headBeforeBreak = headBefore;
    }

    /** Whether the chain is broken by what was fed so far. */
    public boolean broken() {
        return commitBroken != null || verifier.broken().isPresent();
    }

    /** The verdict over what was fed so far. */
    public Outcome outcome() {
        if (commitBroken != null) {
            return new Outcome(
                    countBeforeBreak, headBeforeBreak, Optional.of(commitBroken), Optional.ofNullable(atCheckpoint));
        }
        return new Outcome(verifier.count(), verifier.head(), verifier.broken(), Optional.ofNullable(atCheckpoint));
    }
}
