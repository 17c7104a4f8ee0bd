package se.norrort.consortium.security;

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
import java.text.ParseException;
import java.util.UUID;

/**
 * The embedded default's token signing key: an RSA key pair in a JWK file in the data folder, created on first use
 * with owner-only permissions. It is never committed (the data folder is ignored) and never logged.
 */
public final class LocalSigningKey {

    private LocalSigningKey() {
    }

    /** Reads the key, creating it first when the file does not exist. */
    public static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString())
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
}
