package se.norrort.consortium.command;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.norrort.consortium.architecture.ArchitectureRules.aggregatesReachNoFrameworkWebOrStoreTypes;
import static se.norrort.consortium.architecture.ArchitectureRules.featureCycles;
import static se.norrort.consortium.architecture.ArchitectureRules.mainClassesOfThisModule;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.architecture.ArchitectureRules;

/**
 * The command-service's shape (doc/adr/0018): the aggregate and what it uses see no Spring, web or MongoDB type; web
 * code never touches the driver; the top-level packages (features) form no cycle; the use-case features do not use
 * each other (what two of them share lives in {@code aggregate}, {@code domain} or {@code web}). The first rules name
 * kinds of types, not packages (see ArchitectureRules); the last names the features.
 */
class ArchitectureTest {

    private static final String MODULE_PACKAGE = "se.norrort.consortium.command";
    private static final JavaClasses MODULE = mainClassesOfThisModule();

    /** The use cases (ADR 0017); each may use {@code aggregate}, {@code domain}, {@code web} and the shared modules. */
    static final List<String> FEATURES =
            List.of("opening", "membership", "signing", "submission", "documents", "funding");

    @Test
    void theDomainUsesNoSpringWebOrMongoDbTypes() {
        aggregatesReachNoFrameworkWebOrStoreTypes(MODULE_PACKAGE).check(MODULE);
    }

    @Test
    void webCodeNeverTouchesTheMongoDbDriver() {
        ArchitectureRules.webCodeNeverTouchesTheMongoDbDriver(DescribedPredicate.alwaysFalse())
                .check(MODULE);
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
        JavaClasses tests = new ClassFileImporter()
                .withImportOption(location -> !location.contains("/architecturefixture/"))
                .importPath(Path.of("target", "test-classes"));

        featuresDoNotDependOnEachOther(MODULE_PACKAGE).check(tests);
    }

    /** The rule is not empty: it refuses a feature that uses another (the fixture's opening uses its funding). */
    @Test
    void givenAFeatureThatUsesAnother_whenChecked_thenTheRuleFails() {
        JavaClasses fixture = new ClassFileImporter()
                .importClasses(
                        se.norrort.consortium.command.architecturefixture.opening.UsesFunding.class,
                        se.norrort.consortium.command.architecturefixture.funding.Used.class,
                        se.norrort.consortium.command.architecturefixture.domain.Shared.class);
        ArchRule rule = featuresDoNotDependOnEachOther("se.norrort.consortium.command.architecturefixture");

        assertThatThrownBy(() -> rule.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("UsesFunding")
                .hasMessageContaining("Used")
                .hasMessageNotContaining("Shared");
    }

    static ArchRule featuresDoNotDependOnEachOther(String modulePackage) {
        return slices().matching(modulePackage + ".(*)..")
                .that(DescribedPredicate.describe(
                        "are the features " + FEATURES, slice -> FEATURES.contains(slice.getNamePart(1))))
                .should()
                .notDependOnEachOther()
                .because("a reader finds a use case in one folder; what two features share belongs in aggregate,"
                        + " domain or web");
    }
}
