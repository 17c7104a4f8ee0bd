package se.norrort.consortium.eventstore.chain;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * Commit seals with RSA keys (RS256: RSASSA-PKCS1-v1_5 with SHA-256), with the JDK's own crypto. The services build
 * them from their key file ({@code norrort.security.key-file}): the command-service a {@link #sealer} with the
 * private key, the query-service and the archive export a {@link #verifier} with the public key, chosen by the
 * seal's key id, so a verifier may hold the public keys of earlier periods too. A sealer and a verifier are distinct
 * objects, so that a service that only verifies never offers itself as a sealer.
 */
public final class RsaCommitSeals {

    private static final String ALGORITHM = "SHA256withRSA";

    private RsaCommitSeals() {}

    /** Seals with {@code privateKey}, naming it {@code keyId} in every seal. */
    public static CommitSealer sealer(String keyId, PrivateKey privateKey) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(privateKey, "privateKey");
        return (aggregateId, lastSequence, chainHash) -> {
            try {
                Signature signer = Signature.getInstance(ALGORITHM);
                signer.initSign(privateKey);
                signer.update(CommitSeal.statement(aggregateId, lastSequence, chainHash, keyId));
                return new CommitSeal(
                        keyId, Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot seal the commit", e);
            }
        };
    }

    /** Verifies seals made with any of these public keys, by key id. */
    public static SealVerifier verifier(Map<String, ? extends PublicKey> publicKeys) {
        Map<String, PublicKey> keys = Map.copyOf(publicKeys);
        return new SealVerifier() {
            @Override
            public Map<String, PublicKey> publicKeys() {
                return keys;
            }

            @Override
            public Verdict verify(String aggregateId, long lastSequence, String chainHash, CommitSeal seal) {
                return RsaCommitSeals.verify(keys, aggregateId, lastSequence, chainHash, seal);
            }
        };
    }

    private static SealVerifier.Verdict verify(
            Map<String, PublicKey> keys, String aggregateId, long lastSequence, String chainHash, CommitSeal seal) {
        PublicKey key = seal.keyId() == null ? null : keys.get(seal.keyId());
        if (key == null) {
            return SealVerifier.Verdict.UNKNOWN_KEY;
        }
        if (seal.signature() == null) {
            return SealVerifier.Verdict.INVALID;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(CommitSeal.statement(aggregateId, lastSequence, chainHash, seal.keyId()));
            return verifier.verify(Base64.getUrlDecoder().decode(seal.signature()))
                    ? SealVerifier.Verdict.VALID
                    : SealVerifier.Verdict.INVALID;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // not base64url, or not a signature of this key's size
            return SealVerifier.Verdict.INVALID;
        }
    }
}
