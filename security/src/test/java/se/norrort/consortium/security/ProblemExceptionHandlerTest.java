package se.norrort.consortium.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The last-word handler answers a service's own problem with its code, and Spring's errors with the generic one. */
class ProblemExceptionHandlerTest {

    private final ProblemExceptionHandler handler = new ProblemExceptionHandler();

    @Test
    void givenAnErrorResponseWhoseProblemCarriesACode_whenHandled_thenThatCodeTitleAndDetailAreAnswered() {
        var refusal = new ErrorResponseException(
                HttpStatus.BAD_REQUEST,
                Problems.body(
                        HttpStatus.BAD_REQUEST,
                        "INVALID_MUNICIPALITY_CODE",
                        "Invalid municipality code",
                        "Municipality code must be exactly four digits."),
                null);

        JsonNode answer = handle(refusal, HttpStatus.BAD_REQUEST);

        assertThat(answer.get("code").asString()).isEqualTo("INVALID_MUNICIPALITY_CODE");
        assertThat(answer.get("title").asString()).isEqualTo("Invalid municipality code");
        assertThat(answer.get("detail").asString()).isEqualTo("Municipality code must be exactly four digits.");
        assertThat(answer.get("type").asString())
                .isEqualTo("https://norrort.example/problems/invalid-municipality-code");
    }

    @Test
    void givenTheCodedErrorResponseAsTheCauseOfAnother_whenHandled_thenItsCodeIsAnswered() {
        var refusal = new ErrorResponseException(
                HttpStatus.NOT_FOUND,
                Problems.body(HttpStatus.NOT_FOUND, "UNKNOWN_VIEW", "Unknown view", "No rebuildable view is named x."),
                null);

        JsonNode answer = handle(new IllegalStateException("wrapped", refusal), HttpStatus.NOT_FOUND);

        assertThat(answer.get("code").asString()).isEqualTo("UNKNOWN_VIEW");
    }

    @Test
    void givenSpringsOwnErrorWithoutACode_whenHandled_thenThePlainStatusCodeAndGenericDetailAreAnswered() {
        JsonNode answer = handle(
                new ResponseStatusException(HttpStatus.BAD_REQUEST, "internal.Class rejected field x"),
                HttpStatus.BAD_REQUEST);

        assertThat(answer.get("code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(answer.get("detail").asString()).isEqualTo(ProblemCodes.detail(HttpStatus.BAD_REQUEST));
        assertThat(answer.toString()).doesNotContain("internal.Class");
    }

    private JsonNode handle(Throwable error, HttpStatus expected) {
        BufferedResponse response = new BufferedResponse(DefaultDataBufferFactory.sharedInstance);
        ServerWebExchange exchange = (ServerWebExchange) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ServerWebExchange.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getResponse")) {
                        return response;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });

        handler.handle(exchange, error).block();

        assertThat(response.getStatusCode()).isEqualTo(expected);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return new JsonMapper().readTree(new String(response.body(), StandardCharsets.UTF_8));
    }
}
