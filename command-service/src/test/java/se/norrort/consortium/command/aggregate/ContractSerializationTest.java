package se.norrort.consortium.command.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.ConsortiumEvents;
import se.norrort.consortium.api.events.MunicipalityJoined;
import se.norrort.consortium.eventstore.axon.StableNameSerializer;

/** Every event of the contract goes through the store's serializer and back unchanged, under its stable name. */
class ContractSerializationTest {

    private final Serializer serializer = StableNameSerializer.create(ConsortiumEvents.registry());

    @Test
    void everyEventRoundTripsUnderItsStableName() {
        List<ConsortiumEvent> events = new ArrayList<>(Story.wholeLife());
        events.add(Story.rejectedEvent());

        for (ConsortiumEvent event : events) {
            SerializedObject<String> stored = serializer.serialize(event, String.class);

            assertThat(stored.getType().getName()).isEqualTo(event.getClass().getSimpleName());
            Object back = serializer.deserialize(stored);
            assertThat(back).isEqualTo(event);
        }
    }

    @Test
    void typedValuesAreStoredAsPlainJsonValues() {
        MunicipalityJoined joined = Story.joined(Story.DANDERYD);

        JsonNode json = serializer.serialize(joined, JsonNode.class).getData();

        assertThat(json.get("applicationId").textValue()).isEqualTo(Story.ID.value());
        assertThat(json.get("municipality").textValue()).isEqualTo("0162");
        assertThat(json.get("decision").get("municipality").textValue()).isEqualTo("0162");
        assertThat(json.get("decision").get("meetingDate").textValue()).isEqualTo("2023-09-12");
        assertThat(json.get("decision").get("paragraph").textValue()).isEqualTo("§ 45");
        assertThat(json.get("decision").has("appealDeadline")).isFalse();
        assertThat(json.get("appealDeadline").textValue()).isEqualTo("2023-10-04");
    }

    @Test
    void applicationOpenedIsStoredAtRevisionTwo() {
        assertThat(serializer.serialize(Story.opened(), String.class).getType().getRevision())
                .isEqualTo("2");
        assertThat(serializer
                        .serialize(Story.joined(Story.SIGTUNA), String.class)
                        .getType()
                        .getRevision())
                .isNull();
    }
}
