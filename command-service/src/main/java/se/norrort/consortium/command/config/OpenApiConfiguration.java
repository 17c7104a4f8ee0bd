package se.norrort.consortium.command.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the command API ({@code /v3/api-docs}, UI at {@code /swagger-ui.html}): every command
 * endpoint with an example body from the seed story, the headers every command takes, and the problem answers.
 */
@Configuration
public class OpenApiConfiguration {

    private static final String DECISION = """
            {"body":"Socialnämnden","meetingDate":"2023-09-20","paragraph":"§ 45","immediateAdjustment":true,\
            "announcementDate":"2023-09-20"}""";

    /** Example request bodies by path suffix (longest match wins). */
    static final Map<String, String> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("/api/applications", """
                {"applicationId":"norrort-gemensam-resurs","ownerMunicipality":"0191","legalBasis":"SECTION_37",\
                "funderName":"Länsstyrelsen i Stockholms län",\
                "title":"Gemensam resurs i Norrort för rådgivning och ansökan om externa medel",\
                "targetGroups":["nyanlända"],"periodStart":"2024-01-01","periodEnd":"2025-12-31",\
                "joiningDeadline":"2023-12-31","appliedAmountSek":2400000}""");
        EXAMPLES.put("/join", "{\"decision\":" + DECISION + "}");
        EXAMPLES.put("/decline", "{\"reason\":\"No capacity this year\",\"decision\":" + DECISION + "}");
        EXAMPLES.put("/withdraw", "{\"reason\":\"The committee reversed its decision\",\"decision\":" + DECISION + "}");
        EXAMPLES.put(
                "/decision-corrections",
                "{\"correctedReference\":" + DECISION + ",\"newReference\":" + DECISION.replace("§ 45", "§ 46")
                        + ",\"reason\":\"Wrong paragraph in the first record\"}");
        EXAMPLES.put(
                "/delegations",
                "{\"decision\":" + DECISION + ",\"delegate\":\"danderyd-socialdirektor\","
                        + "\"delegateName\":\"Britt-Marie Ekström\",\"delegateRole\":\"socialdirektör\","
                        + "\"scope\":\"Underteckna samverkansblankett\",\"validUntil\":\"2024-06-30\"}");
        EXAMPLES.put("/revoke", "{\"reason\":\"The delegate has left the post\"}");
        EXAMPLES.put("/signature", "{\"delegationId\":\"del-0162\"}");
        EXAMPLES.put("/budget-lines", "{\"year\":2024,\"amountSek\":160000}");
        EXAMPLES.put("/documents", "(multipart/form-data: file, kind=TJANSTEUTLATANDE, municipality=0162)");
        EXAMPLES.put("/award", """
                {"amountSek":1800000,"caseNumber":"851-41235-2023","decisionDate":"2023-11-30",\
                "conditions":"Redovisning enligt villkor","reportDueDates":[{"report":"INTERIM","dueDate":"2024-12-31"},\
                {"report":"FINAL","dueDate":"2026-03-31"}]}""");
        EXAMPLES.put(
                "/rejection",
                "{\"caseNumber\":\"851-41235-2023\",\"decisionDate\":\"2023-11-30\","
                        + "\"reason\":\"Outside the call's priorities\"}");
        EXAMPLES.put("/requisitions", "{\"amountSek\":900000}");
        EXAMPLES.put("/interim-report", "{\"usedAmountSek\":850000,\"reportDocumentId\":\"doc-interim\"}");
        EXAMPLES.put("/final-report", "{\"usedAmountSek\":1750000,\"reportDocumentId\":\"doc-final\"}");
        EXAMPLES.put("/repayment-claims", "{\"amountSek\":50000,\"reason\":\"Unused funds\"}");
        EXAMPLES.put("/closure", "{\"reason\":\"Final report approved\"}");
    }

    @Bean
    public OpenAPI commandApi() {
        return new OpenAPI()
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description(
                                                "Claims: sub, name, norrort_role, municipality; see doc/security.md")))
                .info(new Info()
                        .title("Norrort Consortium — command API")
                        .version("v1")
                        .description("""
                                                  One endpoint per decision on a consortium application. \
                                                  Successful commands answer {applicationId, version, position}; \
                                                  pass position as minPosition to the query API to read your \
                                                  write. Refusals are RFC 9457 problem+json with a stable code \
                                                  and store nothing. Amounts are whole Swedish kronor."""));
    }

    @Bean
    public OpenApiCustomizer commandExamplesAndProblems() {
        return openApi -> openApi.getPaths()
                .forEach((path, item) -> item.readOperations().forEach(operation -> {
                    addHeaders(path, operation);
                    addExample(path, operation);
                    addProblems(operation);
                }));
    }

    private static void addHeaders(String path, Operation operation) {
        operation.addSecurityItem(new SecurityRequirement().addList("bearer"));
        operation.addParametersItem(header("Idempotency-Key", "Retries with the same key get the first answer", false));
        operation.addParametersItem(header("X-Request-Id", "The client's request id, kept in event metadata", false));
        if (!path.equals("/api/applications")) {
            operation.addParametersItem(header(
                    "If-Match",
                    "Decide only on this version: the ETag an earlier command"
                            + " answered, e.g. \"12\" (409 VERSION_CONFLICT if anything was recorded since)",
                    false));
        }
    }

    private static HeaderParameter header(String name, String description, boolean required) {
        HeaderParameter parameter = new HeaderParameter();
        parameter.setName(name);
        parameter.setDescription(description);
        parameter.setRequired(required);
        parameter.setSchema(new StringSchema());
        return parameter;
    }

    private static void addExample(String path, Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        String example = EXAMPLES.entrySet().stream()
                .filter(e -> path.endsWith(e.getKey()))
                .max(java.util.Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue)
                .orElse(null);
        if (example != null) {
            operation
                    .getRequestBody()
                    .getContent()
                    .values()
                    .forEach(media -> media.addExamples("seed-story", new Example().value(example)));
        }
    }

    private static void addProblems(Operation operation) {
        Map<String, String> problems = Map.ofEntries(
                Map.entry(
                        "400",
                        "Invalid input (INVALID_REQUEST, e.g. a text over its length cap, or a domain code);"
                                + " INVALID_PATH for an ambiguous path (encoded '/', '\\', dot segments, double encoding,"
                                + " ';'); INVALID_CORRELATION_ID; INVALID_IDEMPOTENCY_KEY"),
                Map.entry("401", "Missing or invalid bearer token (UNAUTHENTICATED)"),
                Map.entry(
                        "403",
                        "Not allowed (e.g. NOT_PROJECT_OWNER, NOT_OFFICER_OF_MUNICIPALITY,"
                                + " SELF_DELEGATION_NOT_ALLOWED, NOT_SIGNATORY_OF_MUNICIPALITY, ROLE_NOT_ALLOWED)"),
                Map.entry(
                        "404",
                        "Unknown application or delegation (APPLICATION_NOT_FOUND, DELEGATION_NOT_FOUND);"
                                + " NOT_FOUND for an unknown path"),
                Map.entry("406", "The Accept header names nothing this endpoint answers (NOT_ACCEPTABLE)"),
                Map.entry(
                        "409",
                        "Conflict or wrong state (e.g. MUNICIPALITY_ALREADY_JOINED, VERSION_CONFLICT,"
                                + " CONCURRENT_MODIFICATION, REQUEST_IN_PROGRESS); a limit reached, each with its own"
                                + " code: APPLICATION_LIMIT_REACHED (an owner's applications),"
                                + " DOCUMENT_LIMIT_REACHED (an application's documents),"
                                + " DELEGATION_LIMIT_REACHED (a municipality's delegations)"),
                Map.entry("413", "Body over the limit (PAYLOAD_TOO_LARGE; DOCUMENT_TOO_LARGE for uploads)"),
                Map.entry("415", "Content-Type not accepted (UNSUPPORTED_MEDIA_TYPE)"),
                Map.entry("422", "Idempotency-Key reused for a different request (IDEMPOTENCY_KEY_REUSED)"),
                Map.entry("429", "Over the command rate limit (TOO_MANY_REQUESTS, with Retry-After)"),
                Map.entry(
                        "503",
                        "Too many large keyed requests buffered at once (SERVER_BUSY, with Retry-After);"
                                + " the command was not decided in time (TIMEOUT; with an Idempotency-Key a retry gets its eventual"
                                + " answer)"));
        problems.forEach((status, description) -> operation
                .getResponses()
                .addApiResponse(
                        status,
                        new ApiResponse()
                                .description(description)
                                .content(new Content()
                                        .addMediaType(
                                                "application/problem+json",
                                                new MediaType().schema(new ObjectSchema())))));
    }
}
