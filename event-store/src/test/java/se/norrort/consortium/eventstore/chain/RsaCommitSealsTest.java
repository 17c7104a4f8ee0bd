package se.norrort.consortium.eventstore.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RsaCommitSealsTest {

    private static final String HASH = "a".repeat(64);

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final KeyPair KEY = rsa();
    private static final CommitSealer SEALER = RsaCommitSeals.sealer("k1", KEY.getPrivate());
    private static final SealVerifier SEALS = RsaCommitSeals.verifier(Map.of("k1", KEY.getPublic()));

    @Test
    void theStatementIsTheCanonicalJsonOfTheCommitsLastEvent() {
        assertThat(new String(CommitSeal.statement("app-1", 7, HASH, "k1"), StandardCharsets.UTF_8))
                .isEqualTo("{\"aggregateId\":\"app-1\",\"chainHash\":\"" + HASH
                        + "\",\"kid\":\"k1\",\"sequence\":7,\"type\":\"norrort-commit-seal\"}");
    }

    @Test
    void givenASeal_thenItIsAnRs256SignatureOverTheStatement_thatAnyoneWithThePublicKeyCanCheck() throws Exception {
        CommitSeal seal = SEALER.seal("app-1", 7, HASH);

        assertThat(seal.keyId()).isEqualTo("k1");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(KEY.getPublic());
        rs256.update(CommitSeal.statement("app-1", 7, HASH, "k1"));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(seal.signature())))
                .isTrue();
        assertThat(SEALS.verify("app-1", 7, HASH, seal)).isEqualTo(SealVerifier.Verdict.VALID);
    }

    @Test
    void givenASealOfAnotherStatement_thenItDoesNotVerify() {
        CommitSeal seal = SEALER.seal("app-1", 7, HASH);

        assertThat(SEALS.verify("app-2", 7, HASH, seal)).isEqualTo(SealVerifier.Verdict.INVALID);
        assertThat(SEALS.verify("app-1", 8, HASH, seal)).isEqualTo(SealVerifier.Verdict.INVALID);
        assertThat(SEALS.verify("app-1", 7, "b".repeat(64), seal)).isEqualTo(SealVerifier.Verdict.INVALID);
        assertThat(SEALS.verify("app-1", 7, HASH, new CommitSeal("k1", "not base64!")))
                .isEqualTo(SealVerifier.Verdict.INVALID);
        assertThat(SEALS.verify("app-1", 7, HASH, new CommitSeal("k1", null))).isEqualTo(SealVerifier.Verdict.INVALID);
    }

    @Test
    void givenASealOfAnotherKey_thenItIsUnknownOrInvalid() {
        KeyPair other = rsa();
        CommitSeal elsewhere = RsaCommitSeals.sealer("k2", other.getPrivate()).seal("app-1", 7, HASH);
        assertThat(SEALS.verify("app-1", 7, HASH, elsewhere)).isEqualTo(SealVerifier.Verdict.UNKNOWN_KEY);

        // the same key id on another key (e.g. a key file replaced without a new kid)
        CommitSeal sameIdOtherKey =
                RsaCommitSeals.sealer("k1", other.getPrivate()).seal("app-1", 7, HASH);
        assertThat(SEALS.verify("app-1", 7, HASH, sameIdOtherKey)).isEqualTo(SealVerifier.Verdict.INVALID);

        // a verifier that kept the earlier public key still accepts seals made with it
        SealVerifier both = RsaCommitSeals.verifier(Map.of("k1", KEY.getPublic(), "k2", other.getPublic()));
        assertThat(both.verify("app-1", 7, HASH, elsewhere)).isEqualTo(SealVerifier.Verdict.VALID);
        assertThat(both).isNotInstanceOf(CommitSealer.class);
    }
}
