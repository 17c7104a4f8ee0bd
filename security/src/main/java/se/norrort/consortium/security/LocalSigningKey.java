package se.norrort.consortium.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The service's RSA key pair in a JWK file ({@code norrort.security.key-file}; the data folder on the embedded
 * default), created on first use with owner-only permissions. It is never committed (the data folder is ignored),
 * never logged, never stored in MongoDB. It signs local tokens, checkpoints and commit seals; the public keys of
 * earlier periods, kept after a rotation, are read with {@link #publicKeys}.
 */
public final class LocalSigningKey {

    private LocalSigningKey() {}

    /**
     * The service's key as a service uses it. In {@code local} mode (the embedded default) it is created on first
     * use. In {@code oidc} mode (production) it must already exist: both services must read the same key (the
     * command-service seals commits with it, the query-service verifies the seals), and a key a service created for
     * itself would only show later, as every commit "sealed with a key this service does not know".
     *
     * @throws IllegalStateException in {@code oidc} mode when the file does not exist
     */
    public static RSAKey forService(SecurityProperties properties) {
        Path file = properties.keyFile();
        if ("oidc".equals(properties.mode()) && !Files.exists(file)) {
            throw new IllegalStateException("The service key norrort.security.key-file (" + file.toAbsolutePath()
                    + ") does not exist. In oidc mode both services must read the same key file, created once and"
                    + " copied to every service host: see deploy/production/README.md.");
        }
        return loadOrCreate(file);
    }

    /** Reads the key, creating it first when the file does not exist. */
    public static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            Path temp = Files.createTempFile(parent, "key", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
            Files.writeString(temp, key.toJSONString(), StandardCharsets.UTF_8, StandardOpenOption.WRITE);
            try {
                Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                Files.deleteIfExists(temp);
            }
            return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the token signing key " + file, e);
        } catch (ParseException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("The token signing key " + file + " is not a valid RSA JWK", e);
        }
    }

    /** The key's id: its {@code kid}, else its RFC 7638 thumbprint (a key file written by hand may have no kid). */
    public static String keyId(RSAKey key) {
        if (key.getKeyID() != null && !key.getKeyID().isBlank()) {
            return key.getKeyID();
        }
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot compute the key's thumbprint", e);
        }
    }

    /**
     * The public keys to verify with, by key id: the current key's (if any) and the RSA keys of
     * {@code retiredKeys}, a JWK set file ({@code {"keys": [...]}}) holding the public halves of keys used before a
     * rotation (none when the path is {@code null}).
     */
    public static Map<String, RSAPublicKey> publicKeys(RSAKey current, Path retiredKeys) {
        Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
        try {
            if (retiredKeys != null) {
                for (JWK jwk : JWKSet.load(retiredKeys.toFile()).getKeys()) {
                    if (jwk instanceof RSAKey rsa) {
                        keys.put(keyId(rsa), rsa.toRSAPublicKey());
                    }
                }
            }
            if (current != null) {
                keys.put(keyId(current), current.toRSAPublicKey());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the retired public keys " + retiredKeys, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("The retired public keys " + retiredKeys + " are not a JWK set", e);
        }
        return keys;
    }
}
