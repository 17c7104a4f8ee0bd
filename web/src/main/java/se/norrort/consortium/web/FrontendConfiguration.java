package se.norrort.consortium.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

/**
 * The frontend's own two concerns beside the static files: its sign-in settings ({@code /config.json}), and the
 * security headers of every page (everything from this origin, nothing from the internet, no referrer, no framing).
 */
@Configuration(proxyBeanMethods = false)
class FrontendConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'%s; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'; object-src 'none'";

    @Bean
    RouterFunction<ServerResponse> frontendConfig(WebProperties properties) {
        Map<String, String> config = Map.of(
                "authMode", properties.authMode(),
                "oidcIssuer", properties.oidcIssuer(),
                "oidcClientId", properties.oidcClientId());
        return RouterFunctions.route(
                GET("/config.json"),
                request -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noStore())
                        .bodyValue(config));
    }

    /** Pages and their files (not the proxied API, whose headers are the services' own). */
    @Bean
    WebFilter pageSecurityHeaders(WebProperties properties) {
        String oidc =
                properties.authMode().equals("oidc") && !properties.oidcIssuer().isBlank()
                        ? " " + originOf(properties.oidcIssuer())
                        : "";
        String policy = CONTENT_SECURITY_POLICY.formatted(oidc);
        return (exchange, chain) -> {
            if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
                HttpHeaders headers = exchange.getResponse().getHeaders();
                headers.set("Content-Security-Policy", policy);
                headers.set("Referrer-Policy", "no-referrer");
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("X-Frame-Options", "DENY");
            }
            return chain.filter(exchange);
        };
    }

    private static String originOf(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
