package se.norrort.consortium.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.norrort.consortium.security.LocalSigningKey;

/**
 * The {@code links} subcommand: one sign-in link per demo person of the seed story, to the pages' address, each with a
 * token in the fragment signed by the local key, carrying the person's role and municipality.
 */
class SignInLinksTest {

    @TempDir
    Path data;

    @Test
    void printsOneSignedLinkPerDemoPersonWithTheTokenInTheFragment() throws Exception {
        Path keyFile = data.resolve("keys").resolve("token-signing.jwk.json");
        RSAKey key = LocalSigningKey.loadOrCreate(keyFile);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SignInLinks.run(
                new String[] {"links", "--minutes", "30"},
                Map.of("WEB_PORT", "18080"),
                keyFile,
                LocalStack.ISSUER,
                LocalStack.AUDIENCE,
                new PrintStream(out, true, StandardCharsets.UTF_8));

        List<String> links = out.toString(StandardCharsets.UTF_8)
                .lines()
                .map(String::strip)
                .filter(line -> line.startsWith("http"))
                .toList();
        assertThat(links).hasSize(7).allMatch(link -> link.startsWith("http://127.0.0.1:18080/#token="));
        List<SignedJWT> tokens = links.stream()
                .map(link -> parse(link.substring(link.indexOf("#token=") + 7)))
                .toList();
        for (SignedJWT token : tokens) {
            assertThat(token.verify(new RSASSAVerifier(key.toRSAPublicKey()))).isTrue();
            assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(LocalStack.ISSUER);
            assertThat(token.getJWTClaimsSet().getExpirationTime().toInstant())
                    .isBetween(
                            Instant.now().plus(Duration.ofMinutes(29)),
                            Instant.now().plus(Duration.ofMinutes(31)));
        }
        assertThat(tokens)
                .extracting(t -> t.getJWTClaimsSet().getSubject() + " "
                        + t.getJWTClaimsSet().getStringClaim("norrort_role")
                        + " " + t.getJWTClaimsSet().getStringClaim("municipality"))
                .containsExactly(
                        "sigtuna.officer MUNICIPALITY_OFFICER 0191",
                        "danderyd.officer MUNICIPALITY_OFFICER 0162",
                        "britt-marie.ekstrom SIGNATORY 0162",
                        "taby.officer MUNICIPALITY_OFFICER 0160",
                        "lansstyrelsen.handlaggare FUNDER_OFFICER null",
                        "revisor AUDITOR null",
                        "operator OPERATOR null");
    }

    private static SignedJWT parse(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
