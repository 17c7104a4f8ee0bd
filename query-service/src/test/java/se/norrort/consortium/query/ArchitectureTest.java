package se.norrort.consortium.query;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.architecture.ArchitectureRules.WEB_CODE;
import static se.norrort.consortium.architecture.ArchitectureRules.featureCycles;
import static se.norrort.consortium.architecture.ArchitectureRules.mainClassesOfThisModule;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.architecture.ArchitectureRules;

/**
 * The query-service's shape (doc/adr/0018): web code never touches the MongoDB driver; the top-level packages
 * (features) form no cycle. The rules name kinds of types, not packages (see ArchitectureRules), except the lists of
 * what was already there when the rules came, tolerated below until it is fixed.
 */
class ArchitectureTest {

    private static final String MODULE_PACKAGE = "se.norrort.consortium.query";
    private static final JavaClasses MODULE = mainClassesOfThisModule();

    /**
     * The controllers that still query their collections with the driver themselves (by simple name, so a package
     * move keeps them); each goes when its view gets a reader of its own (issue 11, typed read models). Never add one.
     */
    private static final Set<String> CONTROLLERS_STILL_ON_THE_DRIVER = Set.of(
            "MembershipController",
            "MunicipalityController",
            "FunderApplicationsController",
            "AuditTrailController",
            "ArchiveController",
            "DocumentContentController");

    /** The cycles there are (rebuild, support and cluster use each other); the test fails when one goes. Never add one. */
    private static final List<Set<String>> TOLERATED_CYCLES = List.of(Set.of("cluster", "rebuild", "support"));

    @Test
    void webCodeNeverTouchesTheMongoDbDriver() {
        ArchitectureRules.webCodeNeverTouchesTheMongoDbDriver(DescribedPredicate.describe(
                        "tolerated for now",
                        (JavaClass type) -> CONTROLLERS_STILL_ON_THE_DRIVER.contains(type.getSimpleName())))
                .check(MODULE);
    }

    @Test
    void theToleratedControllersStillExistAndStillUseTheDriver() {
        // so that the list above only shrinks: a fixed controller must leave it
        for (String name : CONTROLLERS_STILL_ON_THE_DRIVER) {
            JavaClass controller = MODULE.stream()
                    .filter(type -> type.getSimpleName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(name + " is gone: remove it from the list"));
            assertThat(WEB_CODE.test(controller)).as(name + " is web code").isTrue();
            assertThat(controller.getDirectDependenciesFromSelf())
                    .as(name + " no longer uses the driver: remove it from the list")
                    .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("com.mongodb"));
        }
    }

    @Test
    void theFeaturePackagesFormNoNewCycle() {
        assertThat(featureCycles(MODULE, MODULE_PACKAGE)).containsExactlyInAnyOrderElementsOf(TOLERATED_CYCLES);
    }
}
