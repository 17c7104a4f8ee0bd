package se.norrort.consortium.query.auditor;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import java.text.ParseException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import se.norrort.consortium.security.LocalSigningKey;
import se.norrort.consortium.security.SecurityProperties;

/**
 * Signed checkpoints of an application's history: "at {@code createdAt}, the application had {@code eventCount}
 * events and the chain hash of the last one was {@code headHash}". The auditor keeps the checkpoint outside the
 * system; later, {@code POST /verify} with it proves the current history extends it, which the hash chain alone
 * cannot prove for events deleted at the end.
 * <p>
 * The signature is a compact JWS (RS256, {@code typ} {@value #TYPE}) over the JSON of the four fields, made with the
 * service's RSA key ({@link LocalSigningKey}, the file {@code norrort.security.key-file}). The explicit type keeps a
 * checkpoint from ever passing as an access token (it has no issuer, audience or expiry either).
 */
@Component
public class Checkpoints {

    /** The JWS {@code typ} of a checkpoint. */
    public static final String TYPE = "norrort-checkpoint+jws";

    private final RSAKey key;

    public Checkpoints(SecurityProperties properties) {
        this.key = LocalSigningKey.forService(properties);
    }

    /** A checkpoint as handed out and sent back: the four fields and the JWS that signs them. */
    public record Checkpoint(
            String applicationId, Long eventCount, String headHash, String createdAt, String signature) {}

    /** Signs a checkpoint of the application's history. */
    public Checkpoint sign(String applicationId, long eventCount, String headHash, Instant createdAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("applicationId", applicationId);
        claims.put("eventCount", eventCount);
        claims.put("headHash", headHash);
        claims.put("createdAt", createdAt.toString());
        JWSObject jws = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(new JOSEObjectType(TYPE))
                        .build(),
                new Payload(claims));
        try {
            jws.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign the checkpoint", e);
        }
        return new Checkpoint(applicationId, eventCount, headHash, createdAt.toString(), jws.serialize());
    }

    /** The fields a valid signature vouches for, or why the signature is not valid. */
    public record Signed(Checkpoint checkpoint, String invalid) {

        public boolean valid() {
            return invalid == null;
        }
    }

    /** Checks the signature and reads the fields it signs (those, not the ones beside it, are trusted). */
    public Signed read(String signature) {
        if (signature == null || signature.isBlank()) {
            return new Signed(null, "the checkpoint carries no signature");
        }
        try {
            JWSObject jws = JWSObject.parse(signature.strip());
            if (!JWSAlgorithm.RS256.equals(jws.getHeader().getAlgorithm())
                    || !new JOSEObjectType(TYPE).equals(jws.getHeader().getType())) {
                return new Signed(null, "the signature is not a checkpoint signature (RS256, typ " + TYPE + ")");
            }
            if (!jws.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
                return new Signed(
                        null,
                        "the signature does not verify with this service's key: the checkpoint was"
                                + " altered or not issued here");
            }
            Map<String, Object> claims = jws.getPayload().toJSONObject();
            if (claims == null
                    || !(claims.get("eventCount") instanceof Number count)
                    || !(claims.get("applicationId") instanceof String applicationId)
                    || !(claims.get("headHash") instanceof String headHash)
                    || !(claims.get("createdAt") instanceof String createdAt)) {
                return new Signed(null, "the signed content is not a checkpoint");
            }
            Instant.parse(createdAt);
            return new Signed(
                    new Checkpoint(applicationId, count.longValue(), headHash, createdAt, signature.strip()), null);
        } catch (ParseException | DateTimeParseException e) {
            return new Signed(null, "the signature is not a well-formed checkpoint JWS");
        } catch (JOSEException e) {
            return new Signed(null, "the signature cannot be checked: " + e.getMessage());
        }
    }
}
