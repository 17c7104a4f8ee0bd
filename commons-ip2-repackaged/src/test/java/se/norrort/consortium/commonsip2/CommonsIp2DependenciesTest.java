package se.norrort.consortium.commonsip2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The repackaged library is commons-ip2 less its logging configuration, and this module declares what the library
 * needs at run time: every compile or runtime dependency commons-ip2's own POM (inside its jar) declares is either
 * declared in this module's POM or one of those left out on purpose (ADR 0029). A new version of commons-ip2 that
 * needs another library fails here, not at an auditor's export.
 */
class CommonsIp2DependenciesTest {

    private static final String LIBRARY_POM = "META-INF/maven/org.roda-community/commons-ip2/pom.xml";

    /** Left out with their reasons in the root POM: logging backend, command line, BagIt and PyIP support. */
    private static final Set<String> LEFT_OUT = Set.of(
            "ch.qos.logback:logback-classic",
            "info.picocli:picocli",
            "gov.loc:bagit",
            "com.github.joschi.jackson:jackson-datatype-threetenbp",
            "javax.activation:activation");

    @Test
    void theLibraryIsThereWithoutItsLoggingConfiguration() throws Exception {
        assertThat(Class.forName("org.roda_project.commons_ip2.model.impl.eark.EARKSIP"))
                .isNotNull();
        assertThat(getClass().getClassLoader().getResource("schemas2/mets1_12.xsd"))
                .isNotNull();
        assertThat(Collections.list(getClass().getClassLoader().getResources("logback.xml")))
                .isEmpty();
        assertThat(Files.exists(Path.of("target", "classes", "logback.xml"))).isFalse();
    }

    @Test
    void everyRuntimeDependencyOfTheLibraryIsDeclaredHereOrLeftOutOnPurpose() throws Exception {
        Set<String> needed;
        try (InputStream pom = getClass().getClassLoader().getResourceAsStream(LIBRARY_POM)) {
            assertThat(pom).as(LIBRARY_POM).isNotNull();
            needed = dependencies(pom, true);
        }
        Set<String> declared;
        try (InputStream pom = Files.newInputStream(Path.of("pom.xml"))) {
            declared = dependencies(pom, false);
        }

        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(declared);
        missing.removeAll(LEFT_OUT);
        assertThat(missing)
                .as("commons-ip2's runtime dependencies not declared here")
                .isEmpty();
        // and nothing is left out that the library no longer declares (the list stays true)
        assertThat(needed).containsAll(LEFT_OUT);
    }

    /** The {@code groupId:artifactId} of the project's direct dependencies, only those needed at run time if asked. */
    private static Set<String> dependencies(InputStream pom, boolean runtimeOnly) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element project = factory.newDocumentBuilder().parse(pom).getDocumentElement();
        Set<String> found = new TreeSet<>();
        NodeList children = project.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element dependencies
                    && dependencies.getTagName().equals("dependencies")) {
                NodeList list = dependencies.getElementsByTagName("dependency");
                for (int j = 0; j < list.getLength(); j++) {
                    Element dependency = (Element) list.item(j);
                    String scope = text(dependency, "scope");
                    boolean runtime = scope == null || scope.equals("compile") || scope.equals("runtime");
                    if (!runtimeOnly || (runtime && !"true".equals(text(dependency, "optional")))) {
                        found.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
                    }
                }
            }
        }
        return found;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(tag)) {
                return element.getTextContent().strip();
            }
        }
        return null;
    }
}
