package se.norrort.consortium.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every {@code norrort.*} setting the code reads ({@code @Value("${norrort....}")} and the components of the
 * {@code @ConfigurationProperties} records, in any module's main code) has its row in {@code doc/configuration.md}, so
 * the reference cannot fall behind the code.
 */
class ConfigurationDocTest {

    private static final Pattern SETTING = Pattern.compile("\\$\\{(norrort\\.[a-z0-9.-]+)[:}]");
    /** A settings record: {@code @ConfigurationProperties(prefix = "p") public record Name(Type a, Type b) {}. */
    private static final Pattern PROPERTIES_RECORD = Pattern.compile(
            "@ConfigurationProperties\\(prefix = \"([a-z0-9.-]+)\"\\)\\s*public record \\w+\\((.*?)\\)\\s*\\{",
            Pattern.DOTALL);

    @Test
    void everySettingTheCodeReadsIsDocumented() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String doc = Files.readString(root.resolve("doc/configuration.md"));
        Set<String> read = new TreeSet<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return Set.of("target", "node_modules", ".git", "data").contains(name)
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (file.toString().endsWith(".java") && file.toString().contains("/src/main/")) {
                    String source = read(file);
                    Matcher m = SETTING.matcher(source);
                    while (m.find()) {
                        read.add(m.group(1));
                    }
                    Matcher record = PROPERTIES_RECORD.matcher(source);
                    while (record.find()) {
                        for (String component : record.group(2).split(",")) {
                            String[] words = component.strip().split("\\s+");
                            read.add(record.group(1) + "." + kebab(words[words.length - 1]));
                        }
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        assertThat(read).as("settings read by the code").hasSizeGreaterThan(40).contains("norrort.web.auth-mode");
        assertThat(read)
                .allSatisfy(setting -> assertThat(doc)
                        .as("doc/configuration.md documents " + setting)
                        .contains("`" + setting + "`"));
    }

    /** {@code oidcClientId} as its property name: {@code oidc-client-id}. */
    private static String kebab(String name) {
        return name.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
