package se.norrort.consortium.query.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import se.norrort.consortium.security.ActorAuthenticationConverter;
import se.norrort.consortium.security.ResourceServerDefaults;

/**
 * Who may read what (roles here; which municipality or application in the views' {@link ReadRule}s):
 * <ul>
 * <li>{@code /api/municipalities/{code}}: officers and signatories of that municipality, auditors;</li>
 * <li>{@code /api/applications} (the funder's list) and one application's entry in it
 * ({@code /api/applications/{id}/funder-entry/provenance}): funder officers, auditors;</li>
 * <li>{@code /api/applications/{id}/...} (membership, audit trail, documents): officers and signatories of a
 * municipality invited to that application, funder officers, auditors;</li>
 * <li>the auditor's tools {@code /api/applications/{id}/history}, {@code /state}, {@code /changes}, {@code /verify}
 * (GET and POST), {@code POST .../checkpoints} and {@code /export} (the E-ARK package): auditors only;</li>
 * <li>{@code /api/operations/**} and actuator endpoints other than health: operators.</li>
 * </ul>
 * Every read needs a verified bearer token; the query API changes nothing except operators' dead-letter actions
 * (auditors' checkpoints and the access log they leave change no application).
 */
@Configuration
@EnableWebFluxSecurity
public class QuerySecurityConfiguration {

    @Bean
    public SecurityWebFilterChain querySecurity(
            ServerHttpSecurity http,
            org.springframework.core.env.Environment environment,
            ActorAuthenticationConverter actors,
            ServerAuthenticationEntryPoint entryPoint,
            ServerAccessDeniedHandler deniedHandler) {
        return ResourceServerDefaults.apply(http, actors, entryPoint, deniedHandler)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        // actuator is served on the management port only, which is not published (Prometheus)
                        .matchers(
                                se.norrort.consortium.security.ManagementPort.path(environment, "/actuator/prometheus"))
                        .permitAll()
                        .pathMatchers("/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**")
                        .permitAll()
                        .pathMatchers("/actuator/**", "/api/operations/**")
                        .hasRole("OPERATOR")
                        .pathMatchers(HttpMethod.GET, "/api/municipalities/**")
                        .hasAnyRole("MUNICIPALITY_OFFICER", "SIGNATORY", "AUDITOR")
                        .pathMatchers(
                                HttpMethod.GET,
                                "/api/applications",
                                "/api/applications/stream",
                                "/api/applications/*/funder-entry/**")
                        .hasAnyRole("FUNDER_OFFICER", "AUDITOR")
                        // The auditor's tools, before the generic application rule: auditors only.
                        .pathMatchers(
                                HttpMethod.GET,
                                "/api/applications/*/history",
                                "/api/applications/*/history/**",
                                "/api/applications/*/state",
                                "/api/applications/*/changes",
                                "/api/applications/*/verify",
                                "/api/applications/*/export")
                        .hasRole("AUDITOR")
                        .pathMatchers(HttpMethod.POST, "/api/applications/*/verify", "/api/applications/*/checkpoints")
                        .hasRole("AUDITOR")
                        .pathMatchers(HttpMethod.GET, "/api/applications/*/**")
                        .hasAnyRole("MUNICIPALITY_OFFICER", "SIGNATORY", "FUNDER_OFFICER", "AUDITOR")
                        .anyExchange()
                        .denyAll())
                .build();
    }
}
