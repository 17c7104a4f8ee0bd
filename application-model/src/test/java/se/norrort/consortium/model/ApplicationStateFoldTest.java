package se.norrort.consortium.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.events.ConsortiumEvent;

/** The fold's table has a step for every event type the sealed contract permits, and for nothing else. */
class ApplicationStateFoldTest {

    @Test
    void givenTheSealedEventContract_whenListingTheFoldSteps_thenEveryPermittedEventTypeHasExactlyOne() {
        Class<?>[] permitted = ConsortiumEvent.class.getPermittedSubclasses();

        assertThat(permitted).isNotEmpty();
        assertThat(ApplicationState.foldedEventTypes())
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(permitted).stream()
                        .<Class<? extends ConsortiumEvent>>map(type -> type.asSubclass(ConsortiumEvent.class))
                        .toList());
    }
}
