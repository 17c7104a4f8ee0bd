package se.norrort.consortium.command.config;

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
 * Who may call the command API: every command needs a verified bearer token of a role that decides
 * (municipality officer, signatory, funder officer); auditors and operators change nothing. Which municipality an
 * actor may act for, who is project owner and who is a named delegate is decided by the aggregate from the actor
 * the token names. Health and the API documentation are open; other actuator endpoints are for operators.
 */
@Configuration
@EnableWebFluxSecurity
public class CommandSecurityConfiguration {

    @Bean
    public SecurityWebFilterChain commandSecurity(
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
                        .pathMatchers("/actuator/**")
                        .hasRole("OPERATOR")
                        .pathMatchers(HttpMethod.POST, "/api/**")
                        .hasAnyRole("MUNICIPALITY_OFFICER", "SIGNATORY", "FUNDER_OFFICER")
                        .anyExchange()
                        .denyAll())
                .build();
    }
}
