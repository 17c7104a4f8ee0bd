package se.norrort.consortium.security;

import com.nimbusds.jose.JOSEException;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * What both services share for security: token verification (local key or OIDC), problem+json answers for 401 and
 * 403, CORS from an allow-list (none by default), and the command rate limit. Each service declares its own
 * {@code SecurityWebFilterChain} with its own rules.
 */
@AutoConfiguration
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public ReactiveJwtDecoder jwtDecoder(SecurityProperties properties) throws JOSEException {
        NimbusReactiveJwtDecoder decoder;
        switch (properties.mode()) {
            case "local" ->
                decoder = NimbusReactiveJwtDecoder.withPublicKey(LocalSigningKey.loadOrCreate(properties.keyFile())
                                .toRSAPublicKey())
                        .signatureAlgorithm(SignatureAlgorithm.RS256)
                        .build();
            case "oidc" -> {
                if (properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank()) {
                    decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                            .jwsAlgorithm(SignatureAlgorithm.RS256)
                            .build();
                } else if (properties.issuerUri() != null
                        && !properties.issuerUri().isBlank()) {
                    decoder = NimbusReactiveJwtDecoder.withIssuerLocation(properties.issuerUri())
                            .jwsAlgorithm(SignatureAlgorithm.RS256)
                            .build();
                } else {
                    throw new IllegalStateException("norrort.security.mode=oidc needs norrort.security.issuer-uri"
                            + " or norrort.security.jwk-set-uri");
                }
            }
            default ->
                throw new IllegalStateException(
                        "Unknown norrort.security.mode " + properties.mode() + " (local or oidc)");
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()), audience(properties.audience())));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> audience(String audience) {
        OAuth2Error error = new OAuth2Error("invalid_token", "The token is not meant for this audience", null);
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(error);
    }

    @Bean
    public ServerAuthenticationEntryPoint problemAuthenticationEntryPoint() {
        return (exchange, e) -> {
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
            return CommonProblemCode.UNAUTHENTICATED.write(
                    exchange.getResponse(),
                    "Send a valid bearer token (missing, expired, wrongly signed or not for this" + " service).");
        };
    }

    @Bean
    public ServerAccessDeniedHandler problemAccessDeniedHandler() {
        return (exchange, e) -> CommonProblemCode.ROLE_NOT_ALLOWED.write(
                exchange.getResponse(), "Your role may not use this endpoint.");
    }

    @Bean
    public CorsConfigurationSource corsConfigurationSource(SecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!properties.corsAllowedOrigins().isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(properties.corsAllowedOrigins());
            cors.setAllowedMethods(List.of("GET", "POST"));
            cors.setAllowedHeaders(List.of(
                    "Authorization",
                    "Content-Type",
                    "Idempotency-Key",
                    "If-Match",
                    "X-Request-Id",
                    "X-Correlation-Id",
                    "Last-Event-ID"));
            cors.setExposedHeaders(List.of("Location", "ETag", "Retry-After", RequestCorrelation.HEADER));
            source.registerCorsConfiguration("/api/**", cors);
        }
        return source;
    }

    @Bean
    public ActorAuthenticationConverter actorAuthenticationConverter() {
        return new ActorAuthenticationConverter();
    }

    @Bean
    public CommandRateLimiter commandRateLimiter(SecurityProperties properties) {
        return new CommandRateLimiter(properties.commandsPerMinute());
    }

    /**
     * Spring Security's firewall refuses requests whose path or headers it finds unsafe ({@code //}, encoded
     * {@code %00}, ...) before any filter of ours runs; its own answer is an empty 400. Ours is a problem.
     */
    @Bean
    public ServerExchangeRejectedHandler problemExchangeRejectedHandler() {
        return (exchange, rejected) -> CommonProblemCode.INVALID_PATH.write(
                exchange.getResponse(),
                "The request's path, query or headers contain" + " characters or sequences that are not allowed.");
    }

    @Bean
    public PathGuard pathGuard() {
        return new PathGuard();
    }

    @Bean
    public RequestCorrelation requestCorrelation() {
        return new RequestCorrelation();
    }

    @Bean
    public ProblemExceptionHandler problemExceptionHandler() {
        return new ProblemExceptionHandler();
    }
}
