package se.norrort.consortium.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.command.web.ProblemChecks.expectProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.security.CommonProblemCode;
import se.norrort.consortium.security.TestTokens;

/**
 * {@code ROLE_NOT_ALLOWED} is one refusal, "your role may not do this", wherever it is decided (ADR 0030): the
 * security filter for an endpoint the role may not call, the domain for the one rule that depends on the role alone
 * (a signatory attaching a document). Both answer the same code, status and title.
 */
class RoleNotAllowedApiTest extends CommandApiScenarioBase {

    @Test
    void givenAnEndpointTheRoleMayNotCallAndTheAttachRule_whenRefused_thenTheSameCodeStatusAndTitle()
            throws IOException {
        open("app-role");
        int before = allEvents().size();

        JsonNode atTheEdge = problem(web.post()
                .uri("/api/applications/app-role/submission")
                .headers(h -> h.setBearerAuth(TestTokens.token("revisor", "Rut Revisor", "AUDITOR", null)))
                .exchange());
        JsonNode inTheDomain = problem(asSignatory("/api/applications/app-role/documents", DANDERYD)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue(DocumentUploadSupport.upload(
                        DocumentUploadSupport.PDF,
                        "a.pdf",
                        MediaType.APPLICATION_PDF,
                        "kind",
                        "OTHER",
                        "municipality",
                        DANDERYD))
                .exchange());

        assertThat(atTheEdge.get("title").asText()).isEqualTo(CommonProblemCode.ROLE_NOT_ALLOWED.title());
        assertThat(inTheDomain.get("title").asText()).isEqualTo(ErrorCode.ROLE_NOT_ALLOWED.title());
        assertThat(inTheDomain.get("title").asText())
                .isEqualTo(atTheEdge.get("title").asText());
        assertThat(inTheDomain.get("type").asText())
                .isEqualTo(atTheEdge.get("type").asText());
        // the details say what each rule is about
        assertThat(atTheEdge.get("detail").asText()).isEqualTo("Your role may not use this endpoint.");
        assertThat(inTheDomain.get("detail").asText())
                .isEqualTo("Only municipality officers and the funder's officers may attach documents.");
        assertThat(allEvents()).as("events after the refusals").hasSize(before);
    }

    private static JsonNode problem(WebTestClient.ResponseSpec response) throws IOException {
        byte[] body =
                expectProblem(response, 403, "ROLE_NOT_ALLOWED").returnResult().getResponseBody();
        return new ObjectMapper().readTree(body);
    }
}
