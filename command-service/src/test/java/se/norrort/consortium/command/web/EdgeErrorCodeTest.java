package se.norrort.consortium.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import se.norrort.consortium.command.domain.ErrorCode;

/** The command edge's codes: each answered as a problem with its status, and each in the error-code table. */
class EdgeErrorCodeTest {

    @Test
    void givenEveryEdgeErrorCode_whenAnswered_thenTheProblemCarriesTheCodeStatusTitleAndType() {
        for (EdgeErrorCode code : EdgeErrorCode.values()) {
            var answer = code.answer("detail");

            assertThat(answer.getStatusCode()).isEqualTo(code.status());
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(answer.getBody().getProperties()).containsEntry("code", code.name());
            assertThat(answer.getBody().getTitle()).isEqualTo(code.title());
            assertThat(answer.getBody().getType().toString())
                    .endsWith("/" + code.name().toLowerCase().replace('_', '-'));
        }
    }

    @Test
    void givenEveryEdgeErrorCode_whenReadingTheErrorCodeTable_thenARowListsItWithItsStatus() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("..", "doc", "error-codes.md")).stream()
                .filter(line -> line.startsWith("| "))
                .toList();

        for (EdgeErrorCode code : EdgeErrorCode.values()) {
            assertThat(rows)
                    .as("doc/error-codes.md lists " + code + " with status "
                            + code.status().value())
                    .anyMatch(row -> row.startsWith("| " + code.status().value() + " |")
                            && row.contains("`" + code.name() + "`"));
        }
    }

    @Test
    void givenADomainCodeDecidedAtTheEdge_whenRefused_thenItIsAnsweredAsTheDomainAnswersIt() {
        ApiProblem quota = ApiProblem.refusal(ErrorCode.APPLICATION_LIMIT_REACHED, "full");

        assertThat(quota.status()).isEqualTo(RefusalStatus.of(ErrorCode.APPLICATION_LIMIT_REACHED));
        assertThat(quota.code()).isEqualTo("APPLICATION_LIMIT_REACHED");
        assertThat(quota.title()).isEqualTo(ErrorCode.APPLICATION_LIMIT_REACHED.title());
        assertThat(quota.is(ErrorCode.APPLICATION_LIMIT_REACHED)).isTrue();
        assertThat(quota.is(ErrorCode.DOCUMENT_ALREADY_ATTACHED)).isFalse();
    }
}
