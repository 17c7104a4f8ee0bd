package se.norrort.consortium.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the page needs to know to sign a person in ({@code norrort.web.*}), served as {@code /config.json}.
 *
 * @param authMode     {@code local}: the person opens a sign-in link printed by the launcher (token in the URL
 *                     fragment); {@code oidc}: Authorization Code with PKCE against {@code oidcIssuer}
 * @param oidcIssuer   the OIDC issuer (e.g. Keycloak's realm URL), for mode {@code oidc}
 * @param oidcClientId the public client of the web in that realm
 */
@ConfigurationProperties(prefix = "norrort.web")
public record WebProperties(String authMode, String oidcIssuer, String oidcClientId) {

    public WebProperties {
        authMode = authMode == null || authMode.isBlank() ? "local" : authMode;
        oidcIssuer = oidcIssuer == null ? "" : oidcIssuer;
        oidcClientId = oidcClientId == null || oidcClientId.isBlank() ? "norrort-web" : oidcClientId;
    }
}
