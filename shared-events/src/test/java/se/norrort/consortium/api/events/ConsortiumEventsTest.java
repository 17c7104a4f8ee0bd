package se.norrort.consortium.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.EventTypes;
import se.norrort.consortium.api.values.ApplicationId;

class ConsortiumEventsTest {

    @Test
    void contractListsEveryEventOfTheDomain() {
        assertThat(ConsortiumEvents.types())
                .extracting(Class::getSimpleName)
                .containsExactlyInAnyOrder(
                        "ApplicationOpened",
                        "MunicipalityInvited",
                        "MunicipalityJoined",
                        "ParticipationDeclined",
                        "MunicipalityWithdrew",
                        "DecisionReferenceCorrected",
                        "SignatureDelegated",
                        "SignatureDelegationRevoked",
                        "CooperationFormSigned",
                        "BudgetLineSet",
                        "DocumentAttached",
                        "ApplicationSubmitted",
                        "JoiningClosed",
                        "AwardGranted",
                        "ApplicationRejected",
                        "FundsRequisitioned",
                        "InterimReportSubmitted",
                        "FinalReportSubmitted",
                        "ReportOverdue",
                        "RepaymentClaimed",
                        "ApplicationClosed");
    }

    @Test
    void everyEventTypeHasAUniqueStableName() {
        Set<String> names = new HashSet<>();
        for (Class<?> type : ConsortiumEvents.types()) {
            EventType annotation = type.getAnnotation(EventType.class);
            assertThat(annotation).as("@EventType on %s", type.getSimpleName()).isNotNull();
            assertThat(annotation.value()).isNotBlank();
            assertThat(names.add(annotation.value()))
                    .as("name %s is unique", annotation.value())
                    .isTrue();
        }
        assertThat(names).hasSize(ConsortiumEvents.types().size());
    }

    @Test
    void storedNamesAreTheSimpleClassNames() {
        // The names are frozen now; if a class is ever renamed, its @EventType value must keep the old name.
        for (Class<?> type : ConsortiumEvents.types()) {
            assertThat(type.getAnnotation(EventType.class).value()).isEqualTo(type.getSimpleName());
        }
    }

    @Test
    void everyEventIsARecordImplementingConsortiumEventWithTheApplicationIdFirst() {
        for (Class<?> type : ConsortiumEvents.types()) {
            assertThat(ConsortiumEvent.class).isAssignableFrom(type);
            assertThat(type.isRecord())
                    .as("%s is a record", type.getSimpleName())
                    .isTrue();
            RecordComponent first = type.getRecordComponents()[0];
            assertThat(first.getName()).isEqualTo("applicationId");
            assertThat(first.getType()).isEqualTo(ApplicationId.class);
        }
    }

    @Test
    void registryResolvesNamesBothWays() {
        EventTypes registry = ConsortiumEvents.registry();

        assertThat(registry.all()).hasSize(ConsortiumEvents.types().size());
        assertThat(registry.classOf("MunicipalityJoined")).contains(MunicipalityJoined.class);
        assertThat(registry.nameOf(AwardGranted.class)).contains("AwardGranted");
    }

    @Test
    void applicationOpenedIsAtRevisionTwo() {
        assertThat(ApplicationOpened.class.getAnnotation(Revision.class).value())
                .isEqualTo("2");
    }
}
