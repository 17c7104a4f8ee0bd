package se.norrort.consortium.model;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static se.norrort.consortium.architecture.ArchitectureRules.mainClassesOfThisModule;
import static se.norrort.consortium.architecture.ArchitectureRules.moduleUsesNoFrameworkWebOrStoreTypes;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The pure fold of an application is domain: no Spring, web or MongoDB types, no package cycles (doc/adr/0018). */
class ArchitectureTest {

    private static final JavaClasses MODULE = mainClassesOfThisModule();

    @Test
    void usesNoSpringWebOrMongoDbTypes() {
        moduleUsesNoFrameworkWebOrStoreTypes().check(MODULE);
    }

    @Test
    void hasNoPackageCycles() {
        slices().matching("se.norrort.consortium.(**)")
                .should()
                .beFreeOfCycles()
                .check(MODULE);
    }
}
