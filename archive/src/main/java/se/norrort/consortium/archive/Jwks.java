package se.norrort.consortium.archive;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Public keys as JSON Web Keys (RFC 7517/7518), for a package that must be checkable without this system. */
final class Jwks {

    private Jwks() {}

    /** A sealing key as a reader compares it with the service's published key: its id and RFC 7638 thumbprint. */
    record KeyFingerprint(String kid, String thumbprint) {}

    /** The RSA keys among {@code keys} with their RFC 7638 SHA-256 thumbprints, sorted by key id. */
    static List<KeyFingerprint> fingerprints(Map<String, ? extends PublicKey> keys) {
        List<KeyFingerprint> fingerprints = new ArrayList<>();
        new TreeMap<>(keys).forEach((kid, key) -> {
            if (key instanceof RSAPublicKey rsa) {
                // RFC 7638: the required members in lexicographic order, no whitespace
                String canonical = "{\"e\":\"" + unsigned(rsa.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                        + unsigned(rsa.getModulus()) + "\"}";
                try {
                    byte[] digest =
                            MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
                    fingerprints.add(new KeyFingerprint(
                            kid, Base64.getUrlEncoder().withoutPadding().encodeToString(digest)));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        return fingerprints;
    }

    /** The RSA keys among {@code keys}, each as a public JWK object with its key id, sorted by key id. */
    static List<Map<String, Object>> publicRsaKeys(Map<String, ? extends PublicKey> keys) {
        List<Map<String, Object>> jwks = new ArrayList<>();
        new TreeMap<>(keys).forEach((kid, key) -> {
            if (key instanceof RSAPublicKey rsa) {
                Map<String, Object> jwk = new LinkedHashMap<>();
                jwk.put("kty", "RSA");
                jwk.put("kid", kid);
                jwk.put("use", "sig");
                jwk.put("alg", "RS256");
                jwk.put("n", unsigned(rsa.getModulus()));
                jwk.put("e", unsigned(rsa.getPublicExponent()));
                jwks.add(jwk);
            }
        });
        return jwks;
    }

    /** base64url without padding of the number's big-endian bytes, without a leading sign byte (RFC 7518 §6.3.1). */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
