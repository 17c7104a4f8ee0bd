package se.norrort.consortium.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The problem writer's JSON is valid whatever text a detail or title carries. */
class ProblemsTest {

    private static final String HOSTILE =
            "He said \"no\" \\ then\nleft\r\tand \u0000\u001f \u2028 å \uD83D\uDE00 </script>";

    @Test
    void givenADetailWithQuotesBackslashesAndNewlines_whenWritingItsJson_thenItIsValidJsonWithTheSameText() {
        byte[] json = Problems.json(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "Title \"quoted\"\n", HOSTILE);

        JsonNode parsed = new JsonMapper().readTree(json);
        assertThat(parsed.get("detail").asString()).isEqualTo(HOSTILE);
        assertThat(parsed.get("title").asString()).isEqualTo("Title \"quoted\"\n");
        assertThat(parsed.get("status").asInt()).isEqualTo(400);
        assertThat(parsed.get("code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(parsed.get("type").asString()).isEqualTo("https://norrort.example/problems/invalid-request");
    }

    @Test
    void givenAFilterAnsweringAProblem_whenWritten_thenTheResponseIsProblemJsonWithTheStatusAndAValidBody() {
        BufferedResponse response = new BufferedResponse(DefaultDataBufferFactory.sharedInstance);

        Problems.write(response, HttpStatus.CONFLICT, "REQUEST_IN_PROGRESS", "Request in progress", HOSTILE)
                .block();

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode parsed = new JsonMapper().readTree(new String(response.body(), StandardCharsets.UTF_8));
        assertThat(parsed.get("detail").asString()).isEqualTo(HOSTILE);
        assertThat(parsed.get("code").asString()).isEqualTo("REQUEST_IN_PROGRESS");
    }

    @Test
    void givenAProblemWithoutDetail_whenWritingItsJson_thenTheDetailIsLeftOutAndTheRestIsValid() {
        JsonNode parsed =
                new JsonMapper().readTree(Problems.json(HttpStatus.FORBIDDEN, "ROLE_NOT_ALLOWED", null, null));

        assertThat(parsed.has("detail")).isFalse();
        assertThat(parsed.has("title")).isFalse();
        assertThat(parsed.get("code").asString()).isEqualTo("ROLE_NOT_ALLOWED");
    }

    @Test
    void givenAController_whenBuildingTheProblemDocument_thenItHasTheSameTypeTitleStatusDetailAndCode() {
        var body = Problems.answer(HttpStatus.NOT_FOUND, "APPLICATION_NOT_FOUND", "Application not found", "x")
                .getBody();

        assertThat(body.getType().toString()).isEqualTo("https://norrort.example/problems/application-not-found");
        assertThat(body.getTitle()).isEqualTo("Application not found");
        assertThat(body.getStatus()).isEqualTo(404);
        assertThat(body.getDetail()).isEqualTo("x");
        assertThat(body.getProperties()).containsEntry("code", "APPLICATION_NOT_FOUND");
    }
}
