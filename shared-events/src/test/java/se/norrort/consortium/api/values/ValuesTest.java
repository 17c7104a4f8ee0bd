package se.norrort.consortium.api.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

    @Nested
    class ApplicationIds {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "a",
                    "norrort-2023-1",
                    "A.b_c-9",
                    "0123456789012345678901234567890123456789012345678901234567890123"
                })
        void acceptsOpaqueIds(String value) {
            ApplicationId id = new ApplicationId(value);

            assertThat(id.value()).isEqualTo(value);
            assertThat(id).hasToString(value);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(
                strings = {
                    "  ",
                    "with space",
                    "slash/inside",
                    "åäö",
                    ".",
                    "..",
                    "...",
                    "01234567890123456789012345678901234567890123456789012345678901234"
                })
        void refusesBadIds(String value) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new ApplicationId(value))
                    .withMessageStartingWith("Application id");
        }

        @Test
        void otherIdsFollowTheSameShape() {
            assertThat(new PersonId("p-1")).hasToString("p-1");
            assertThat(new DelegationId("d-1")).hasToString("d-1");
            assertThat(new DocumentId("doc.1")).hasToString("doc.1");
            assertThatIllegalArgumentException().isThrownBy(() -> new PersonId("19121212-1212 x"));
            assertThatIllegalArgumentException().isThrownBy(() -> new DelegationId(""));
            assertThatIllegalArgumentException().isThrownBy(() -> new DocumentId(null));
            // a document id names a folder in the archive package: ".." would climb out of it
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new DocumentId(".."))
                    .withMessageContaining("dots only");
        }
    }

    @Nested
    class MunicipalityCodes {

        @Test
        void acceptsFourDigits() {
            assertThat(MunicipalityCode.of("0162")).hasToString("0162");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"162", "01620", "01a2", " 0162"})
        void refusesAnythingElse(String value) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new MunicipalityCode(value))
                    .withMessageContaining("four digits");
        }

        @Test
        void listsTheFifteenNorrortMunicipalitiesWithOfficialCodesAndNames() {
            assertThat(Municipalities.allCodes()).hasSize(15).doesNotHaveDuplicates();
            assertThat(Municipalities.byCode(MunicipalityCode.of("0162"))).contains(Municipalities.DANDERYD);
            assertThat(Municipalities.DANDERYD.officialName()).isEqualTo("Danderyd");
            assertThat(Municipalities.SIGTUNA.code()).isEqualTo(MunicipalityCode.of("0191"));
            assertThat(Municipalities.UPPLANDS_VASBY.officialName()).isEqualTo("Upplands Väsby");
            assertThat(Municipalities.OSTERAKER.code()).isEqualTo(MunicipalityCode.of("0117"));
            assertThat(Municipalities.isKoordinationNorrort(MunicipalityCode.of("0187")))
                    .isTrue();
            assertThat(Municipalities.isKoordinationNorrort(MunicipalityCode.of("0180")))
                    .isFalse(); // Stockholm
            assertThat(Municipalities.byCode(MunicipalityCode.of("1480"))).isEmpty(); // Göteborg
        }
    }

    @Nested
    class DecisionReferences {

        static final MunicipalityCode DANDERYD = MunicipalityCode.of("0162");
        static final LocalDate MEETING = LocalDate.of(2023, 9, 14);

        @Test
        void appealDeadlineIsThreeWeeksAfterTheAnnouncement() {
            DecisionReference reference =
                    new DecisionReference(DANDERYD, "Socialnämnden", MEETING, "§ 45", true, LocalDate.of(2023, 9, 15));

            assertThat(reference.appealDeadline()).isEqualTo(LocalDate.of(2023, 10, 6));
        }

        @Test
        void appealDeadlineCrossesMonthAndYearBoundaries() {
            DecisionReference reference = new DecisionReference(
                    DANDERYD, "Socialnämnden", MEETING, "§ 45", false, LocalDate.of(2023, 12, 20));

            assertThat(reference.appealDeadline()).isEqualTo(LocalDate.of(2024, 1, 10));
        }

        @Test
        void trimsTheBodyAndParagraph() {
            DecisionReference reference =
                    new DecisionReference(DANDERYD, " Socialnämnden ", MEETING, " § 45 ", true, MEETING);

            assertThat(reference.body()).isEqualTo("Socialnämnden");
            assertThat(reference.paragraph()).isEqualTo("§ 45");
        }

        @Test
        void refusesAnIncompleteReference() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new DecisionReference(null, "Socialnämnden", MEETING, "§ 45", true, MEETING))
                    .withMessage("Decision reference municipality is required");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new DecisionReference(DANDERYD, " ", MEETING, "§ 45", true, MEETING))
                    .withMessage("Decision reference body must not be blank");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new DecisionReference(DANDERYD, "Socialnämnden", null, "§ 45", true, MEETING))
                    .withMessage("Decision reference meeting date is required");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new DecisionReference(DANDERYD, "Socialnämnden", MEETING, "", true, MEETING))
                    .withMessage("Decision reference paragraph must not be blank");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new DecisionReference(DANDERYD, "Socialnämnden", MEETING, "§ 45", true, null))
                    .withMessage("Decision reference announcement date is required");
        }

        @Test
        void leavesPlausibilityToTheAggregate() {
            // Shape only: an announcement before the meeting is refused by the application, not by the value.
            DecisionReference reference =
                    new DecisionReference(DANDERYD, "Socialnämnden", MEETING, "§ 45", false, MEETING.minusDays(1));

            assertThat(reference.announcementDate()).isBefore(reference.meetingDate());
        }
    }

    @Nested
    class Actors {

        @Test
        void anOfficerActsForTheirOwnMunicipality() {
            Actor actor = Actor.officer(new PersonId("p-1"), "Anna Andersson", MunicipalityCode.of("0162"));

            assertThat(actor.actsAsOfficerFor(MunicipalityCode.of("0162"))).isTrue();
            assertThat(actor.actsAsOfficerFor(MunicipalityCode.of("0191"))).isFalse();
        }

        @Test
        void aFunderOfficerActsForNoMunicipality() {
            Actor actor = new Actor(new PersonId("lst-1"), "Handläggare", Role.FUNDER_OFFICER, null);

            assertThat(actor.actsAsOfficerFor(MunicipalityCode.of("0162"))).isFalse();
        }

        @Test
        void anOfficerMustNameTheirMunicipality() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new Actor(new PersonId("p-1"), "Anna", Role.MUNICIPALITY_OFFICER, null))
                    .withMessageContaining("municipality");
        }

        @Test
        void refusesAMissingRoleOrName() {
            assertThatIllegalArgumentException().isThrownBy(() -> new Actor(new PersonId("p-1"), "Anna", null, null));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new Actor(new PersonId("p-1"), " ", Role.AUDITOR, null));
        }
    }

    @Test
    void reportDueDateRequiresBothParts() {
        assertThat(new ReportDueDate(ReportKind.FINAL, LocalDate.of(2026, 3, 31)).report())
                .isEqualTo(ReportKind.FINAL);
        assertThatIllegalArgumentException().isThrownBy(() -> new ReportDueDate(null, LocalDate.of(2026, 3, 31)));
        assertThatIllegalArgumentException().isThrownBy(() -> new ReportDueDate(ReportKind.INTERIM, null));
    }
}
