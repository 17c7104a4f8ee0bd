package se.norrort.consortium.security;

import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;

/**
 * What both services' security chains share: bearer tokens only (no CSRF, sessions, basic or form login), CORS
 * from the allow-list, tokens verified and mapped to actors, and problem+json for 401 and 403. Each service adds
 * its own {@code authorizeExchange} rules.
 */
public final class ResourceServerDefaults {

    private ResourceServerDefaults() {}

    public static ServerHttpSecurity apply(
            ServerHttpSecurity http,
            ActorAuthenticationConverter actors,
            ServerAuthenticationEntryPoint entryPoint,
            ServerAccessDeniedHandler deniedHandler) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable) // bearer tokens only, no cookies
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .cors(cors -> {})
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.jwtAuthenticationConverter(actors))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler));
    }
}
