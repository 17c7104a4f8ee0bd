package se.norrort.consortium.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/** The OpenAPI document lists every command endpoint, each with an example body where it takes one. */
class OpenApiDocumentTest extends CommandApiTestBase {

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void givenTheRunningService_whenReadingTheOpenApiDocument_thenEveryCommandEndpointIsListedWithExamples()
            throws Exception {
        byte[] document = apiDocs();
        JsonNode paths = new ObjectMapper().readTree(document).get("paths");

        Set<String> commandPaths = new HashSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (method.hasMethodAnnotation(PostMapping.class)) {
                info.getPatternsCondition().getPatterns().forEach(p -> commandPaths.add(p.getPatternString()));
            }
        });
        assertThat(commandPaths).hasSizeGreaterThanOrEqualTo(19);
        for (String path : commandPaths) {
            assertThat(paths.has(path)).as("documented: " + path).isTrue();
            JsonNode post = paths.get(path).get("post");
            assertThat(post.get("responses").has("409"))
                    .as("problems of " + path)
                    .isTrue();
            JsonNode body = post.get("requestBody");
            if (body != null) {
                assertThat(body.toString()).as("example for " + path).contains("seed-story");
            }
        }
    }

    @Test
    void givenTheRunningService_whenReadingTheProblemsItDocuments_thenEveryCodeNamedIsOneItAnswers() throws Exception {
        byte[] document = apiDocs();
        Set<String> known = new HashSet<>();
        for (Enum<?> code : se.norrort.consortium.command.domain.ErrorCode.values()) {
            known.add(code.name());
        }
        for (Enum<?> code : EdgeErrorCode.values()) {
            known.add(code.name());
        }
        for (Enum<?> code : se.norrort.consortium.security.CommonProblemCode.values()) {
            known.add(code.name());
        }
        Set<String> named = new HashSet<>();
        new ObjectMapper()
                .readTree(document)
                .get("paths")
                .forEach(path -> path.forEach(operation -> {
                    JsonNode responses = operation.get("responses");
                    if (responses != null) {
                        responses.forEach(response -> {
                            java.util.regex.Matcher codes = java.util.regex.Pattern.compile(
                                            "\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b")
                                    .matcher(response.path("description").asText());
                            while (codes.find()) {
                                named.add(codes.group());
                            }
                        });
                    }
                }));
        assertThat(named).contains("APPLICATION_LIMIT_REACHED", "DOCUMENT_LIMIT_REACHED", "DELEGATION_LIMIT_REACHED");
        assertThat(known).as("codes the OpenAPI document names").containsAll(named);
    }

    private byte[] apiDocs() {
        return web.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
    }
}
