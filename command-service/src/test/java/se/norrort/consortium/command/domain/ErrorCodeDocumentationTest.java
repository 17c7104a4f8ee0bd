package se.norrort.consortium.command.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every refusal code is in the error-code table clients read, and the web pages have a Swedish and an English text. */
class ErrorCodeDocumentationTest {

    private static final Path REPO = Path.of("..");

    @Test
    void givenEveryErrorCode_whenReadingTheErrorCodeTableAndTheSwedishTexts_thenEachCodeIsInBoth() throws IOException {
        String table = Files.readString(REPO.resolve("doc/error-codes.md"));
        String swedish = Files.readString(REPO.resolve("web/src/main/resources/static/i18n/sv.json"));
        String english = Files.readString(REPO.resolve("web/src/main/resources/static/i18n/en.json"));

        for (ErrorCode code : ErrorCode.values()) {
            assertThat(table).as("doc/error-codes.md lists " + code).contains("`" + code.name() + "`");
            assertThat(swedish).as("sv.json has a text for " + code).contains("\"problem." + code.name() + "\"");
            assertThat(english).as("en.json has a text for " + code).contains("\"problem." + code.name() + "\"");
        }
    }
}
