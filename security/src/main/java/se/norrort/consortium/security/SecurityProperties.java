package se.norrort.consortium.security;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token verification and hardening settings ({@code norrort.security.*}).
 *
 * @param mode                 {@code local}: tokens signed with the local key in {@code keyFile} (embedded default);
 *                             {@code oidc}: tokens from an OIDC provider ({@code issuerUri} or {@code jwkSetUri})
 * @param keyFile              the service's RSA key (JWK JSON, created by the launcher on first start): signs local
 *                             tokens, checkpoints and commit seals; both services need the same file
 * @param retiredPublicKeys    optional JWK set file with the public halves of keys used before a rotation, so that
 *                             seals (and their {@code kid}) made with them still verify
 * @param issuer               the expected {@code iss}
 * @param audience             the expected {@code aud}
 * @param issuerUri            OIDC issuer location (discovery), for mode {@code oidc}
 * @param jwkSetUri            JWK set location, for mode {@code oidc} without discovery
 * @param corsAllowedOrigins   origins allowed by CORS; none by default
 * @param commandsPerMinute    commands one client (token subject) may send per minute; 0 turns the limit off
 */
@ConfigurationProperties(prefix = "norrort.security")
public record SecurityProperties(
        String mode,
        Path keyFile,
        String issuer,
        String audience,
        String issuerUri,
        String jwkSetUri,
        List<String> corsAllowedOrigins,
        Integer commandsPerMinute,
        Path retiredPublicKeys) {

    public SecurityProperties {
        mode = mode == null || mode.isBlank() ? "local" : mode;
        keyFile = keyFile == null ? Path.of("data", "keys", "token-signing.jwk.json") : keyFile;
        issuer = issuer == null || issuer.isBlank() ? "norrort-local" : issuer;
        audience = audience == null || audience.isBlank() ? "norrort-consortium" : audience;
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
        commandsPerMinute = commandsPerMinute == null ? 120 : commandsPerMinute;
        retiredPublicKeys =
                retiredPublicKeys == null || retiredPublicKeys.toString().isBlank() ? null : retiredPublicKeys;
    }
}
