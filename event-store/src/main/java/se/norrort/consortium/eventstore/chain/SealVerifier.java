package se.norrort.consortium.eventstore.chain;

import java.security.PublicKey;
import java.util.Map;

/**
 * Checks commit seals (port; the services implement it with the public half of the key that seals). Verification
 * of a stored chain with a seal verifier requires every commit to carry a valid seal.
 */
public interface SealVerifier {

    /** What a seal proves. */
    enum Verdict {
        /** Made with a known key over exactly this statement. */
        VALID,
        /** Made with a key this verifier does not know (another key file, or a rotated key not kept). */
        UNKNOWN_KEY,
        /** Not a signature over this statement with the key it names. */
        INVALID
    }

    /** Whether {@code seal} signs "the last event of this commit is {@code lastSequence} with {@code chainHash}". */
    Verdict verify(String aggregateId, long lastSequence, String chainHash, CommitSeal seal);

    /**
     * The public keys this verifier checks seals with, by key id, for whoever must check them without this system
     * (the archive package carries them); none when it cannot say.
     */
    default Map<String, PublicKey> publicKeys() {
        return Map.of();
    }
}
