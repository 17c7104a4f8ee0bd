package se.norrort.consortium.api.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.events.ApplicationOpened;
import se.norrort.consortium.api.events.ConsortiumEvents;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.eventstore.axon.StableNameSerializer;

/** Upcasting stored revision-1 {@code ApplicationOpened} JSON (no legal basis) to revision 2. */
class ApplicationOpenedV1ToV2UpcasterTest {

    private static final String SAMPLE = "/upcasting/ApplicationOpened-rev1.json";

    private final Serializer serializer = StableNameSerializer.create(ConsortiumEvents.registry());
    private final ApplicationOpenedV1ToV2Upcaster upcaster = new ApplicationOpenedV1ToV2Upcaster();

    @Test
    void upcastsAStoredRevisionOneSampleToRevisionTwoWithSection37() throws IOException {
        IntermediateEventRepresentation stored = stored("ApplicationOpened", "1", sample());

        List<IntermediateEventRepresentation> upcast =
                upcaster.upcast(Stream.of(stored)).toList();

        assertThat(upcast).singleElement().satisfies(event -> {
            assertThat(event.getType().getName()).isEqualTo("ApplicationOpened");
            assertThat(event.getType().getRevision()).isEqualTo("2");
            JsonNode payload = event.getData(JsonNode.class).getData();
            assertThat(payload.get("legalBasis").textValue()).isEqualTo("SECTION_37");
            assertThat(payload.get("ownerMunicipality").textValue()).isEqualTo("0191");
        });
    }

    @Test
    void theUpcastPayloadDeserializesToTheCurrentEvent() throws IOException {
        IntermediateEventRepresentation upcast = upcaster.upcast(Stream.of(stored("ApplicationOpened", "1", sample())))
                .findFirst()
                .orElseThrow();

        ApplicationOpened opened = serializer.deserialize(upcast.getData());

        assertThat(opened.applicationId()).isEqualTo(new ApplicationId("norrort-gemensam-resurs-2023"));
        assertThat(opened.legalBasis()).isEqualTo(LegalBasis.SECTION_37);
        assertThat(opened.ownerMunicipality()).isEqualTo(MunicipalityCode.of("0191"));
        assertThat(opened.joiningDeadline()).isEqualTo(LocalDate.of(2023, 10, 31));
        assertThat(opened.appliedAmountSek()).isEqualTo(4_000_000);
        assertThat(opened.invitedMunicipalities()).hasSize(15);
    }

    @Test
    void upcastsApplicationOpenedStoredWithoutARevision() throws IOException {
        IntermediateEventRepresentation stored = stored("ApplicationOpened", null, sample());

        assertThat(upcaster.canUpcast(stored)).isTrue();
        assertThat(upcaster.upcast(Stream.of(stored))
                        .findFirst()
                        .orElseThrow()
                        .getType()
                        .getRevision())
                .isEqualTo("2");
    }

    @Test
    void leavesRevisionTwoAndOtherEventsAlone() throws IOException {
        String revisionTwo = serializer
                .serialize(
                        new ApplicationOpened(
                                new ApplicationId("a-1"),
                                MunicipalityCode.of("0191"),
                                LegalBasis.SECTION_37A,
                                "Länsstyrelsen i Stockholms län",
                                "Titel",
                                List.of(),
                                LocalDate.of(2024, 1, 1),
                                LocalDate.of(2024, 12, 31),
                                LocalDate.of(2023, 11, 30),
                                1,
                                List.of()),
                        String.class)
                .getData();
        IntermediateEventRepresentation current = stored("ApplicationOpened", "2", revisionTwo);
        IntermediateEventRepresentation other = stored("MunicipalityJoined", null, "{}");
        IntermediateEventRepresentation classNamed = stored(ApplicationOpened.class.getName(), "1", sample());

        assertThat(upcaster.canUpcast(current)).isFalse();
        assertThat(upcaster.canUpcast(other)).isFalse();
        assertThat(upcaster.canUpcast(classNamed)).isFalse();
        ApplicationOpened unchanged = serializer.deserialize(
                upcaster.upcast(Stream.of(current)).findFirst().orElseThrow().getData());
        assertThat(unchanged.legalBasis()).isEqualTo(LegalBasis.SECTION_37A);
    }

    @Test
    void keepsALegalBasisThatIsAlreadyThere() throws IOException {
        String withBasis = sample().replaceFirst("\\{", "{\"legalBasis\":\"SECTION_37A\",");

        JsonNode payload = upcaster.upcast(Stream.of(stored("ApplicationOpened", "1", withBasis)))
                .findFirst()
                .orElseThrow()
                .getData(JsonNode.class)
                .getData();

        assertThat(payload.get("legalBasis").textValue()).isEqualTo("SECTION_37A");
    }

    private IntermediateEventRepresentation stored(String type, String revision, String json) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(
                "ConsortiumApplication",
                "norrort-gemensam-resurs-2023",
                0,
                "event-1",
                Instant.parse("2023-09-01T08:00:00Z"),
                type,
                revision,
                json.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        return new InitialEventRepresentation(entry, serializer);
    }

    private static String sample() throws IOException {
        try (InputStream in = ApplicationOpenedV1ToV2UpcasterTest.class.getResourceAsStream(SAMPLE)) {
            assertThat(in).as("sample " + SAMPLE).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
