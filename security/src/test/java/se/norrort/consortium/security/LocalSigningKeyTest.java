package se.norrort.consortium.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void givenRetiredPublicKeys_thenTheyVerifyBesideTheCurrentKey_byKeyId() throws Exception {
        RSAKey current = LocalSigningKey.loadOrCreate(dir.resolve("key.jwk.json"));
        RSAKey retired = new RSAKeyGenerator(2048).keyID("2025").generate();
        Path retiredFile = dir.resolve("retired.jwks.json");
        Files.writeString(retiredFile, new JWKSet(retired.toPublicJWK()).toString());

        var keys = LocalSigningKey.publicKeys(current, retiredFile);

        assertThat(keys).containsOnlyKeys(current.getKeyID(), "2025");
        assertThat(keys.get("2025")).isEqualTo(retired.toRSAPublicKey());
        assertThat(LocalSigningKey.publicKeys(current, null)).containsOnlyKeys(current.getKeyID());
    }

    @Test
    void givenNoKeyFile_thenLocalModeCreatesOne_butOidcModeRefusesToStart() {
        Path missing = dir.resolve("keys").resolve("service.jwk.json");
        SecurityProperties oidc =
                new SecurityProperties("oidc", missing, null, null, "http://idp", null, null, null, null);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalSigningKey.forService(oidc))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("norrort.security.key-file")
                .hasMessageContaining("deploy/production/README.md");
        assertThat(missing).doesNotExist();

        RSAKey created = LocalSigningKey.forService(
                new SecurityProperties("local", missing, null, null, null, null, null, null, null));
        assertThat(missing).exists();
        assertThat(LocalSigningKey.forService(oidc)).isEqualTo(created);
    }

    @Test
    void givenAKeyWithoutKid_thenItsIdIsItsThumbprint() throws Exception {
        RSAKey noKid = new RSAKeyGenerator(2048).generate();

        assertThat(LocalSigningKey.keyId(noKid))
                .isEqualTo(noKid.computeThumbprint().toString());
    }
}
