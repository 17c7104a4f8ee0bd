package se.norrort.consortium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pages' texts (static/i18n/sv.json and en.json): each file is one JSON object of texts, the two have the same
 * keys, and no text is empty. A refusal code without a text of its own would show the general message.
 */
class TextsTest {

    private static Map<String, String> texts(String language) throws IOException {
        try (InputStream in = TextsTest.class.getResourceAsStream("/static/i18n/" + language + ".json")) {
            assertThat(in).as(language + ".json on the classpath").isNotNull();
            JsonNode root = JsonMapper.builder().build().readTree(in);
            assertThat(root.isObject()).as(language + ".json is one object").isTrue();
            Map<String, String> texts = new TreeMap<>();
            root.properties().forEach(entry -> {
                assertThat(entry.getValue().isString())
                        .as(language + ": " + entry.getKey() + " is a text")
                        .isTrue();
                texts.put(entry.getKey(), entry.getValue().asString());
            });
            return texts;
        }
    }

    @Test
    void givenTheSwedishAndTheEnglishTexts_thenBothAreValidJsonWithTheSameKeysAndNoEmptyText() throws IOException {
        Map<String, String> swedish = texts("sv");
        Map<String, String> english = texts("en");

        assertThat(english.keySet()).as("en.json has the keys of sv.json").isEqualTo(swedish.keySet());
        List<String> empty = new ArrayList<>();
        swedish.forEach((key, text) -> {
            if (text.isBlank()) {
                empty.add("sv " + key);
            }
        });
        english.forEach((key, text) -> {
            if (text.isBlank()) {
                empty.add("en " + key);
            }
        });
        assertThat(empty).as("empty texts").isEmpty();
    }

    @Test
    void givenTheLimitsOfTheCommandService_thenEachHasItsOwnTextInBothLanguages() throws IOException {
        Map<String, String> swedish = texts("sv");
        Map<String, String> english = texts("en");
        List<String> limits = List.of(
                "problem.APPLICATION_LIMIT_REACHED",
                "problem.DOCUMENT_LIMIT_REACHED",
                "problem.DELEGATION_LIMIT_REACHED");

        for (Map<String, String> texts : List.of(swedish, english)) {
            assertThat(texts).containsKeys(limits.toArray(String[]::new));
            assertThat(limits.stream().map(texts::get).distinct())
                    .as("one message per limit")
                    .hasSize(limits.size());
        }
    }
}
