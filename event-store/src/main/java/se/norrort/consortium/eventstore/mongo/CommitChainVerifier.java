package se.norrort.consortium.eventstore.mongo;

import org.bson.Document;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.chain.HashChain;
import se.norrort.consortium.eventstore.chain.HashChain.BrokenLink;

import java.util.List;
import java.util.Optional;

/**
 * Recomputes a stream's hash chain over its stored commit documents, fed one by one in stream order (read with
 * {@link StoredCommits#ofStream} and {@link StoredCommits#streamOrder}), with the rules of {@link HashChain.Verifier}
 * and in constant memory. A document that cannot be read as a commit breaks the chain at its position. Once broken,
 * the verifier stays broken; a reader that only wants the verdict stops reading then ({@link #broken()}), a reader
 * that wants every stored event (the archive export) goes on and still gets each commit's events from
 * {@link #accept}.
 * <p>
 * The query-service's {@code GET /verify} feeds it from the reactive driver, the archive export from the sync driver:
 * one set of rules for both.
 */
public final class CommitChainVerifier {

    private final HashChain.Verifier verifier = new HashChain.Verifier();
    private final long checkpointCount;
    private String atCheckpoint;
    private BrokenLink malformed;

    /** A verifier of the whole chain. */
    public CommitChainVerifier() {
        this(-1);
    }

    /** A verifier that also notes the chain hash after the first {@code checkpointCount} events. */
    public CommitChainVerifier(long checkpointCount) {
        this.checkpointCount = checkpointCount;
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
    public record Outcome(int events, String headHash, Optional<BrokenLink> brokenAt,
                          Optional<String> hashAtCheckpoint) {

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
                malformed = new BrokenLink(verifier.count(), -1, id instanceof Number n ? n.longValue() : -1, null,
                                           "the commit stored at position " + id + " cannot be read as events ("
                                                   + e.getMessage() + ")");
            }
            return List.of();
        }
        for (StoredEvent event : events) {
            if (!broken() && verifier.accept(event).isEmpty() && verifier.count() == checkpointCount) {
                atCheckpoint = verifier.head();
            }
        }
        return events;
    }

    /** Whether the chain is broken by what was fed so far. */
    public boolean broken() {
        return malformed != null || verifier.broken().isPresent();
    }

    /** The verdict over what was fed so far. */
    public Outcome outcome() {
        return new Outcome(verifier.count(), verifier.head(),
                           malformed != null ? Optional.of(malformed) : verifier.broken(),
                           Optional.ofNullable(atCheckpoint));
    }
}
