package se.norrort.consortium.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.architecture.fixture.cycle.a.A;
import se.norrort.consortium.architecture.fixture.cycle.b.B;
import se.norrort.consortium.architecture.fixture.domain.Shared;
import se.norrort.consortium.architecture.fixture.funding.Used;
import se.norrort.consortium.architecture.fixture.opening.UsesFunding;
import se.norrort.consortium.architecture.fixture.stray.Stray;

/**
 * The shape rules the services' ArchitectureTests apply are not empty: each refuses a planted violation in the
 * fixture packages and accepts the same classes when the violation is declared away.
 */
class ArchitectureRulesTest {

    private static final String FIXTURE = "se.norrort.consortium.architecture.fixture";

    private static final JavaClasses FEATURES =
            new ClassFileImporter().importClasses(UsesFunding.class, Used.class, Shared.class);

    @Test
    void givenAFeatureThatUsesAnother_whenChecked_thenTheFeatureRuleFails() {
        assertThatThrownBy(() -> ArchitectureRules.featuresDoNotDependOnEachOther(FIXTURE, Set.of("opening", "funding"))
                        .check(FEATURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("UsesFunding")
                .hasMessageContaining("Used")
                .hasMessageNotContaining("Shared");
    }

    @Test
    void givenFeaturesThatUseOnlyASharedPackage_whenChecked_thenTheFeatureRulePasses() {
        // funding uses domain, and domain is no feature: allowed
        assertThatCode(() -> ArchitectureRules.featuresDoNotDependOnEachOther(FIXTURE, Set.of("funding"))
                        .check(new ClassFileImporter().importClasses(Used.class, Shared.class)))
                .doesNotThrowAnyException();
    }

    @Test
    void givenAPackageNeitherFeatureNorShared_whenChecked_thenThePackageRuleFails() {
        JavaClasses classes = new ClassFileImporter().importClasses(Used.class, Shared.class, Stray.class);

        assertThatThrownBy(() -> ArchitectureRules.everyPackageIsAFeatureOrShared(
                                FIXTURE, Set.of("funding"), Set.of("domain"))
                        .check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Stray is in stray")
                .hasMessageNotContaining("Used is in");
        assertThatCode(() -> ArchitectureRules.everyPackageIsAFeatureOrShared(
                                FIXTURE, Set.of("funding", "stray"), Set.of("domain"))
                        .check(classes))
                .doesNotThrowAnyException();
    }

    @Test
    void givenTwoPackagesThatUseEachOther_whenSearched_thenTheCycleIsFound() {
        JavaClasses cycle = new ClassFileImporter().importClasses(A.class, B.class);

        assertThat(ArchitectureRules.featureCycles(cycle, FIXTURE + ".cycle")).containsExactly(Set.of("a", "b"));
        assertThat(ArchitectureRules.featureCycles(FEATURES, FIXTURE)).isEqualTo(List.of());
    }
}
