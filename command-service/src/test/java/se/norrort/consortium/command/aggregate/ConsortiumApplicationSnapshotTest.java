package se.norrort.consortium.command.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.ConsortiumEvents;
import se.norrort.consortium.eventstore.axon.StableNameSerializer;

/** A snapshot of the aggregate (the aggregate object, serialized by the store's serializer) restores the same state. */
class ConsortiumApplicationSnapshotTest {

    private final Serializer serializer = StableNameSerializer.create(ConsortiumEvents.registry());

    @Test
    void givenTheWholeLife_whenSnapshottedAndRestored_thenTheStateIsTheSame() {
        assertRoundTrip(Story.wholeLife());
    }

    @Test
    void givenASubmittedApplication_whenSnapshottedAndRestored_thenTheStateIsTheSame() {
        assertRoundTrip(Story.wholeLife().subList(0, 17));
    }

    private void assertRoundTrip(List<ConsortiumEvent> events) {
        ConsortiumApplication original = new ConsortiumApplication();
        events.forEach(original::on);

        SerializedObject<String> snapshot = serializer.serialize(original, String.class);
        ConsortiumApplication restored = serializer.deserialize(snapshot);

        assertThat(restored).usingRecursiveComparison().isEqualTo(original);
        assertThat(restored.state().status()).isEqualTo(original.state().status());
        assertThat(restored.state().memberships()).isEqualTo(original.state().memberships());
        assertThat(restored.state().budgetLines()).isEqualTo(original.state().budgetLines());
        assertThat(restored.state().reports()).isEqualTo(original.state().reports());
    }
}
