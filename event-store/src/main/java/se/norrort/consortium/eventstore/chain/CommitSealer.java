package se.norrort.consortium.eventstore.chain;

/**
 * Seals commits as they are appended (port; the command-service implements it with its private key, which never
 * lives in the store). The event log asks for a seal once the chain hashes of a commit are computed; without a
 * sealer, commits are stored unsealed.
 */
public interface CommitSealer {

    /** The seal of a commit whose last event is {@code lastSequence} of {@code aggregateId}, with that chain hash. */
    CommitSeal seal(String aggregateId, long lastSequence, String chainHash);
}
