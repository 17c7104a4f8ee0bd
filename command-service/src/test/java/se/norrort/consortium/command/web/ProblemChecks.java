package se.norrort.consortium.command.web;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The check every refusal test of the command API makes of its answer. */
public final class ProblemChecks {

    private ProblemChecks() {}

    /**
     * The answer is {@code status} as {@code application/problem+json} whose document carries {@code code} and that
     * status; the body, for further checks.
     */
    public static WebTestClient.BodyContentSpec expectProblem(
            WebTestClient.ResponseSpec response, int status, String code) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code)
                .jsonPath("$.status")
                .isEqualTo(status);
    }
}
