package se.norrort.consortium.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.architecture.ArchitectureRules.featureCycles;
import static se.norrort.consortium.architecture.ArchitectureRules.mainClassesOfThisModule;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.architecture.ArchitectureRules;

/**
 * The query-service's shape (doc/adr/0018, 0021, 0026): one package per view or tool (fold, projection, endpoints, read
 * rule), beside a few shared packages named for what they are; no layer packages; the features do not use each
 * other; web code never touches the MongoDB driver; the top-level packages form no cycle. The rules are shared with
 * the command-service (ArchitectureRules, whose own test shows each refuses a planted violation); the lists here name
 * this module's features and shared packages. Nothing is tolerated: the last controllers that queried the store
 * themselves got readers of their own (ADRs 0026, 0028).
 */
class ArchitectureTest {

    private static final String MODULE_PACKAGE = "se.norrort.consortium.query";
    private static final JavaClasses MODULE = mainClassesOfThisModule();

    /**
     * The features: one package per view (fold, projection, endpoints, read rule and their tests) or per tool. A
     * feature uses only the shared packages, never another feature.
     */
    private static final Set<String> FEATURES =
            Set.of("membership", "municipality", "funder", "audittrail", "documents", "auditor", "operations");

    /**
     * What the features share, each named for what it is: the projection machinery ({@code projection}, with
     * {@code projection.rebuild}), what the endpoints share ({@code api}: problem codes, view answers, provenance
     * answers, the stored history), live changes, read rules and stream limits, metrics, segment balancing.
     */
    private static final Set<String> SHARED =
            Set.of("projection", "api", "live", "security", "observability", "cluster");

    /** Layer packages that gather unrelated code: they are gone and must not come back. */
    private static final String[] LAYER_PACKAGES = {
        MODULE_PACKAGE + ".web..",
        MODULE_PACKAGE + ".support..",
        MODULE_PACKAGE + ".util..",
        MODULE_PACKAGE + ".common.."
    };

    @Test
    void noLayerPackagesComeBack() {
        noClasses()
                .should()
                .resideInAnyPackage(LAYER_PACKAGES)
                .because("a reader finds a view in one folder: its endpoint goes beside its fold and projection, "
                        + "shared code into a package named for what it is (doc/adr/0021)")
                .check(MODULE);
    }

    @Test
    void everyPackageIsAFeatureOrNamedShared() {
        ArchitectureRules.everyPackageIsAFeatureOrShared(MODULE_PACKAGE, FEATURES, SHARED)
                .check(MODULE);
    }

    /** Packages only the tests have, each named for what it holds: {@code bench} the projection benchmark. */
    private static final Set<String> TEST_ONLY = Set.of("bench");

    /** The tests follow the same layout: a test sits in its feature's or shared package, or in a named test package. */
    @Test
    void everyTestPackageIsAFeatureOrNamedShared() {
        Set<String> shared = new java.util.TreeSet<>(SHARED);
        shared.addAll(TEST_ONLY);
        ArchitectureRules.everyPackageIsAFeatureOrShared(MODULE_PACKAGE, FEATURES, shared)
                .check(new ClassFileImporter().importPath(Path.of("target", "test-classes")));
    }

    @Test
    void theFeaturesDoNotDependOnEachOther() {
        ArchitectureRules.featuresDoNotDependOnEachOther(MODULE_PACKAGE, FEATURES)
                .check(MODULE);
    }

    /** Nor do their tests: what a feature's tests share goes into the root test package or a shared one. */
    @Test
    void theFeaturesTestsDoNotDependOnEachOther() {
        ArchitectureRules.featuresDoNotDependOnEachOther(MODULE_PACKAGE, FEATURES)
                .check(new ClassFileImporter().importPath(Path.of("target", "test-classes")));
    }

    @Test
    void webCodeNeverTouchesTheMongoDbDriver() {
        ArchitectureRules.webCodeNeverTouchesTheMongoDbDriver().check(MODULE);
    }

    /** The package-by-feature move removed the one cycle there was (rebuild, support and cluster): none is tolerated. */
    @Test
    void theTopLevelPackagesFormNoCycle() {
        assertThat(featureCycles(MODULE, MODULE_PACKAGE)).isEmpty();
    }
}
