package se.norrort.consortium.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** NORRORT_STARTUP_TIMEOUT: 90 s when unset, whole seconds above 0 otherwise, a clear error naming it else. */
class StartupTimeoutTest {

    @Test
    void unsetIsNinetySecondsAndAWholeNumberIsSeconds() {
        assertThat(LocalStack.startupTimeout(null)).isEqualTo(Duration.ofSeconds(90));
        assertThat(LocalStack.startupTimeout(" ")).isEqualTo(Duration.ofSeconds(90));
        assertThat(LocalStack.startupTimeout("240")).isEqualTo(Duration.ofSeconds(240));
    }

    @Test
    void anythingElseIsRefusedNamingTheVariable() {
        for (String bad : new String[] {"0", "-5", "2m", "abc"}) {
            assertThatThrownBy(() -> LocalStack.startupTimeout(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NORRORT_STARTUP_TIMEOUT");
        }
    }
}
