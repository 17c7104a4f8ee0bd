package se.norrort.consortium.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The query side's codes: each answered as a problem with its status, and each in the error-code table. */
class QueryErrorCodeTest {

    @Test
    void givenEveryQueryErrorCode_whenAnswered_thenTheProblemCarriesTheCodeStatusAndType() {
        for (QueryErrorCode code : QueryErrorCode.values()) {
            var answer = code.answer("detail");

            assertThat(answer.getStatusCode()).isEqualTo(code.status());
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(answer.getBody().getProperties()).containsEntry("code", code.name());
            assertThat(answer.getBody().getType().toString())
                    .endsWith("/" + code.name().toLowerCase().replace('_', '-'));
        }
    }

    @Test
    void givenEveryQueryErrorCode_whenReadingTheErrorCodeTable_thenEachIsListed() throws IOException {
        String table = Files.readString(Path.of("..", "doc", "error-codes.md"));

        for (QueryErrorCode code : QueryErrorCode.values()) {
            assertThat(table).as("doc/error-codes.md lists " + code).contains("`" + code.name() + "`");
        }
    }
}
