package se.norrort.consortium.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * Mints tokens with the local signing key, for trying the system on the embedded default and for tests. There is
 * no HTTP endpoint that mints tokens: only the command line ({@code norrort-local.jar token ...}) and test code.
 */
public final class TokenMinter {

    private final RSAKey key;
    private final String issuer;
    private final String audience;

    public TokenMinter(RSAKey key, String issuer, String audience) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
    }

    public String mint(String subject, String name, String role, String municipality, Duration validity) {
        return mint(subject, name, role, municipality, validity, Map.of());
    }

    public String mint(
            String subject,
            String name,
            String role,
            String municipality,
            Duration validity,
            Map<String, Object> extraClaims) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(validity)))
                .jwtID(UUID.randomUUID().toString())
                .claim(ActorClaims.NAME, name)
                .claim(ActorClaims.ROLE, role);
        if (municipality != null) {
            claims.claim(ActorClaims.MUNICIPALITY, municipality);
        }
        extraClaims.forEach(claims::claim);
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign the token", e);
        }
    }
}
