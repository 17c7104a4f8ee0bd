package se.norrort.consortium.command.security;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import se.norrort.consortium.command.web.CommandApiTestBase;

/** Security headers on every answer; CORS allows no origin that is not on the (empty by default) allow-list. */
class HardeningTest extends CommandApiTestBase {

    @Test
    void givenAnyAnswer_thenSecurityHeadersAreSet() {
        // an open path of the API port (actuator is on the management port)
        web.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY")
                .expectHeader()
                .exists(HttpHeaders.CACHE_CONTROL);
    }

    @Test
    void givenAnOriginNotAllowed_whenAPreflightArrives_thenItIsRefused() {
        web.method(HttpMethod.OPTIONS)
                .uri("/api/applications")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                // no Access-Control-Allow-Origin: the browser refuses the cross-origin call
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS);
    }

    @Test
    void givenAnUnknownPath_thenDeniedWithoutInternals() {
        web.get()
                .uri("/api/applications/x/whatever")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHENTICATED")
                .jsonPath("$.trace")
                .doesNotExist();
    }
}
