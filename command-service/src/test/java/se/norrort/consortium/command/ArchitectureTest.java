package se.norrort.consortium.command;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.architecture.ArchitectureRules.aggregatesReachNoFrameworkWebOrStoreTypes;
import static se.norrort.consortium.architecture.ArchitectureRules.featureCycles;
import static se.norrort.consortium.architecture.ArchitectureRules.mainClassesOfThisModule;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.architecture.ArchitectureRules;

/**
 * The command-service's shape (doc/adr/0018): the aggregate and what it uses see no Spring, web or MongoDB type; web
 * code never touches the driver; the top-level packages (features) form no cycle; the use-case features do not use
 * each other (what two of them share lives in {@code aggregate}, {@code domain} or {@code web}), and every package is
 * one of the two. The rules are shared with the query-service (ArchitectureRules, whose own test shows each refuses
 * a planted violation); the kinds of types they name are not packages, the lists here name this module's.
 */
class ArchitectureTest {

    private static final String MODULE_PACKAGE = "se.norrort.consortium.command";
    private static final JavaClasses MODULE = mainClassesOfThisModule();

    /** The use cases (ADR 0017); each may use {@code aggregate}, {@code domain}, {@code web} and the shared modules. */
    static final Set<String> FEATURES =
            Set.of("opening", "membership", "signing", "submission", "documents", "funding");

    /**
     * What the use cases share: the aggregate and its state ({@code aggregate}), the domain's values and codes
     * ({@code domain}), the HTTP edge every endpoint goes through ({@code web}), deadlines, wiring and metrics.
     */
    static final Set<String> SHARED = Set.of("aggregate", "domain", "web", "deadlines", "config", "observability");

    @Test
    void theDomainUsesNoSpringWebOrMongoDbTypes() {
        aggregatesReachNoFrameworkWebOrStoreTypes(MODULE_PACKAGE).check(MODULE);
    }

    @Test
    void webCodeNeverTouchesTheMongoDbDriver() {
        ArchitectureRules.webCodeNeverTouchesTheMongoDbDriver().check(MODULE);
    }

    /** The package-by-feature move removed the one cycle there was (documents and web): none is tolerated. */
    @Test
    void theFeaturePackagesFormNoCycle() {
        assertThat(featureCycles(MODULE, MODULE_PACKAGE)).isEmpty();
    }

    @Test
    void theFeaturePackagesDoNotDependOnEachOther() {
        featuresDoNotDependOnEachOther(MODULE_PACKAGE).check(MODULE);
    }

    /** Nor do their tests: a feature's tests share support through {@code web} and {@code aggregate} only. */
    @Test
    void theFeaturesTestsDoNotDependOnEachOther() {
        JavaClasses tests = new ClassFileImporter().importPath(Path.of("target", "test-classes"));

        featuresDoNotDependOnEachOther(MODULE_PACKAGE).check(tests);
    }

    @Test
    void everyPackageIsAFeatureOrNamedShared() {
        ArchitectureRules.everyPackageIsAFeatureOrShared(MODULE_PACKAGE, FEATURES, SHARED)
                .check(MODULE);
    }

    /** Packages only the tests have, each named for what it holds: {@code security} the security headers and CORS. */
    static final Set<String> TEST_ONLY = Set.of("security");

    /** The tests follow the same layout: a test sits in its feature's or shared package, or in a named test package. */
    @Test
    void everyTestPackageIsAFeatureOrNamedShared() {
        ArchitectureRules.everyPackageIsAFeatureOrShared(MODULE_PACKAGE, FEATURES, union(SHARED, TEST_ONLY))
                .check(new ClassFileImporter().importPath(Path.of("target", "test-classes")));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static ArchRule featuresDoNotDependOnEachOther(String modulePackage) {
        return ArchitectureRules.featuresDoNotDependOnEachOther(modulePackage, FEATURES);
    }
}
