package se.norrort.consortium.command;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.architecture.ArchitectureRules.aggregatesReachNoFrameworkWebOrStoreTypes;
import static se.norrort.consortium.architecture.ArchitectureRules.featureCycles;
import static se.norrort.consortium.architecture.ArchitectureRules.mainClassesOfThisModule;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.architecture.ArchitectureRules;

/**
 * The command-service's shape (doc/adr/0017): the aggregate and what it uses see no Spring, web or MongoDB type; web
 * code never touches the driver; the top-level packages (features) form no cycle. The rules name kinds of types, not
 * packages (see ArchitectureRules), except the list of cycles tolerated below.
 */
class ArchitectureTest {

    private static final String MODULE_PACKAGE = "se.norrort.consortium.command";
    private static final JavaClasses MODULE = mainClassesOfThisModule();

    /**
     * The cycles there were when the rule came: the upload endpoint (web) and the upload handling (documents) use each
     * other. Tolerated until the package-by-feature move (issue 11) removes them; never add to this list.
     */
    private static final List<Set<String>> TOLERATED_CYCLES = List.of(Set.of("documents", "web"));

    @Test
    void theDomainUsesNoSpringWebOrMongoDbTypes() {
        aggregatesReachNoFrameworkWebOrStoreTypes(MODULE_PACKAGE).check(MODULE);
    }

    @Test
    void webCodeNeverTouchesTheMongoDbDriver() {
        ArchitectureRules.webCodeNeverTouchesTheMongoDbDriver(DescribedPredicate.alwaysFalse())
                .check(MODULE);
    }

    @Test
    void theFeaturePackagesFormNoNewCycle() {
        assertThat(featureCycles(MODULE, MODULE_PACKAGE)).isSubsetOf(TOLERATED_CYCLES);
    }
}
