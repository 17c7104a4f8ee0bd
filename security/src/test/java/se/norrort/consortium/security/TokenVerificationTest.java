package se.norrort.consortium.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.test.StepVerifier;
import se.norrort.consortium.api.values.Role;

/** The local-mode decoder accepts exactly the tokens it should. */
class TokenVerificationTest {

    @TempDir
    Path dir;

    private ReactiveJwtDecoder decoder(Path keyFile) throws Exception {
        return new SecurityAutoConfiguration()
                .jwtDecoder(new SecurityProperties(
                        "local", keyFile, "norrort-local", "norrort-consortium", null, null, null, null, null));
    }

    @Test
    void givenAFreshDataFolder_whenLoadingTheKey_thenItIsCreatedOwnerOnlyAndReadBackTheSame() throws Exception {
        Path file = dir.resolve("keys/token-signing.jwk.json");
        RSAKey created = LocalSigningKey.loadOrCreate(file);
        assertThat(Files.getPosixFilePermissions(file).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        assertThat(LocalSigningKey.loadOrCreate(file).getKeyID()).isEqualTo(created.getKeyID());
    }

    @Test
    void givenAValidToken_thenItDecodesToTheActor() throws Exception {
        Path file = dir.resolve("k.json");
        ReactiveJwtDecoder decoder = decoder(file);
        String token = new TokenMinter(LocalSigningKey.loadOrCreate(file), "norrort-local", "norrort-consortium")
                .mint("lina", "Lina Rönnerblad", "MUNICIPALITY_OFFICER", "0162", Duration.ofMinutes(5));

        StepVerifier.create(decoder.decode(token).map(ActorClaims::actorOf))
                .assertNext(actor -> {
                    assertThat(actor.personId().toString()).isEqualTo("lina");
                    assertThat(actor.role()).isEqualTo(Role.MUNICIPALITY_OFFICER);
                    assertThat(actor.municipality().toString()).isEqualTo("0162");
                    assertThat(actor.displayName()).isEqualTo("Lina Rönnerblad");
                })
                .verifyComplete();
    }

    @Test
    void givenBadTokens_thenEachIsRejected() throws Exception {
        Path file = dir.resolve("k.json");
        ReactiveJwtDecoder decoder = decoder(file);
        RSAKey key = LocalSigningKey.loadOrCreate(file);
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("other").generate();
        TokenMinter minter = new TokenMinter(key, "norrort-local", "norrort-consortium");

        List<String> bad = List.of(
                minter.mint("a", "A", "AUDITOR", null, Duration.ofSeconds(-120)), // expired
                new TokenMinter(otherKey, "norrort-local", "norrort-consortium")
                        .mint("a", "A", "AUDITOR", null, Duration.ofMinutes(5)), // wrong key
                new TokenMinter(key, "someone-else", "norrort-consortium")
                        .mint("a", "A", "AUDITOR", null, Duration.ofMinutes(5)), // issuer
                new TokenMinter(key, "norrort-local", "another-service")
                        .mint("a", "A", "AUDITOR", null, Duration.ofMinutes(5)), // audience
                unsigned(), // alg none
                hs256(), // alg HS256
                "not-a-token");
        for (String token : bad) {
            StepVerifier.create(decoder.decode(token)).expectError().verify(Duration.ofSeconds(5));
        }
    }

    @Test
    void givenClaimsThatMakeNoActor_thenTheyAreRefused() throws Exception {
        Path file = dir.resolve("k.json");
        ReactiveJwtDecoder decoder = decoder(file);
        TokenMinter minter = new TokenMinter(LocalSigningKey.loadOrCreate(file), "norrort-local", "norrort-consortium");
        var officerWithoutMunicipality = decoder.decode(
                        minter.mint("a", "A", "MUNICIPALITY_OFFICER", null, Duration.ofMinutes(5)))
                .block();
        var system = decoder.decode(minter.mint("a", "A", "SYSTEM", null, Duration.ofMinutes(5)))
                .block();
        assertThatThrownBy(() -> ActorClaims.actorOf(officerWithoutMunicipality))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ActorClaims.actorOf(system)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String unsigned() {
        return new PlainJWT(new PlainHeader(), claims()).serialize();
    }

    private static String hs256() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims());
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(new byte[32]));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims() {
        return new JWTClaimsSet.Builder()
                .subject("a")
                .issuer("norrort-local")
                .audience("norrort-consortium")
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("norrort_role", "AUDITOR")
                .build();
    }
}
