package se.norrort.consortium.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Test tokens, signed with a test key in a temporary file: services under test verify with the same file
 * ({@code norrort.security.key-file=TestTokens.keyFile()}), so tests never disable security.
 */
public final class TestTokens {

    private static Path keyFile;
    private static TokenMinter minter;

    private TestTokens() {}

    public static synchronized Path keyFile() {
        if (keyFile == null) {
            try {
                keyFile = Files.createTempDirectory("norrort-test-keys").resolve("token-signing.jwk.json");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            minter = new TokenMinter(LocalSigningKey.loadOrCreate(keyFile), "norrort-local", "norrort-consortium");
        }
        return keyFile;
    }

    public static String officer(String municipality) {
        return token("officer-" + municipality, "Officer " + municipality, "MUNICIPALITY_OFFICER", municipality);
    }

    public static String token(String subject, String name, String role, String municipality) {
        keyFile();
        return minter.mint(subject, name, role, municipality, Duration.ofMinutes(30));
    }

    public static TokenMinter minter() {
        keyFile();
        return minter;
    }
}
