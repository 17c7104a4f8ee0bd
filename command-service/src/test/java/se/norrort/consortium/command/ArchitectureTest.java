package se.norrort.consortium.command;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.architecture.ArchitectureRules.aggregatesReachNoFrameworkWebOrStoreTypes;
import static se.norrort.consortium.architecture.ArchitectureRules.featureCycles;
import static se.norrort.consortium.architecture.ArchitectureRules.mainClassesOfThisModule;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.architecture.ArchitectureRules;

/**
 * The command-service's shape (doc/adr/0018): the aggregate and what it uses see no Spring, web or MongoDB type; web
 * code never touches the driver; the top-level packages (features) form no cycle. The rules name kinds of types, not
 * packages (see ArchitectureRules), except the list of cycles tolerated below.
 */
class ArchitectureTest {

    private static final String MODULE_PACKAGE = "se.norrort.consortium.command";
    private static final JavaClasses MODULE = mainClassesOfThisModule();

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
}
