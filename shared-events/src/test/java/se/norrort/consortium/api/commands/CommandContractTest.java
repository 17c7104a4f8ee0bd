package se.norrort.consortium.api.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.DocumentKind;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.Municipalities;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.PersonId;

class CommandContractTest {

    static final List<Class<?>> COMMANDS = List.of(
            OpenApplication.class,
            InviteMunicipality.class,
            JoinApplication.class,
            DeclineParticipation.class,
            WithdrawFromApplication.class,
            CorrectDecisionReference.class,
            DelegateSignature.class,
            RevokeSignatureDelegation.class,
            SignCooperationForm.class,
            SetBudgetLine.class,
            AttachDocument.class,
            SubmitApplication.class,
            GrantAward.class,
            RejectApplication.class,
            RequisitionFunds.class,
            SubmitInterimReport.class,
            SubmitFinalReport.class,
            ClaimRepayment.class,
            CloseApplication.class);

    static final ApplicationId ID = new ApplicationId("norrort-2023-1");
    static final MunicipalityCode SIGTUNA = Municipalities.SIGTUNA.code();
    static final Actor OFFICER = Actor.officer(new PersonId("sigtuna-officer"), "Officer", SIGTUNA);

    @Test
    void everyCommandTargetsTheApplicationFirstAndNamesTheActorLast() throws Exception {
        for (Class<?> type : COMMANDS) {
            RecordComponent[] components = type.getRecordComponents();
            RecordComponent first = components[0];
            assertThat(first.getName()).as(type.getSimpleName()).isEqualTo("applicationId");
            assertThat(first.getType()).isEqualTo(ApplicationId.class);
            assertThat(type.getDeclaredField("applicationId").isAnnotationPresent(TargetAggregateIdentifier.class))
                    .as("%s has @TargetAggregateIdentifier", type.getSimpleName())
                    .isTrue();
            RecordComponent last = components[components.length - 1];
            assertThat(last.getName()).isEqualTo("actor");
            assertThat(last.getType()).isEqualTo(Actor.class);
        }
    }

    @Test
    void openApplicationInvitesAllFifteenWhenNoneAreNamed() {
        assertThat(open(null).invitedMunicipalities()).hasSize(15).containsAll(Municipalities.allCodes());
        assertThat(open(List.of()).invitedMunicipalities()).hasSize(15);
    }

    @Test
    void openApplicationKeepsTheNamedInvitationsWithoutDuplicates() {
        MunicipalityCode danderyd = Municipalities.DANDERYD.code();

        assertThat(open(List.of(SIGTUNA, danderyd, danderyd)).invitedMunicipalities())
                .containsExactly(SIGTUNA, danderyd);
    }

    @Test
    void openApplicationRequiresATitle() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OpenApplication(
                        ID,
                        SIGTUNA,
                        LegalBasis.SECTION_37,
                        "Länsstyrelsen i Stockholms län",
                        " ",
                        List.of(),
                        LocalDate.of(2024, 1, 1),
                        LocalDate.of(2025, 12, 31),
                        LocalDate.of(2023, 10, 31),
                        1,
                        null,
                        OFFICER))
                .withMessage("Title must not be blank");
    }

    @Test
    void attachDocumentAcceptsASha256DigestAndStoresItInLowerCase() {
        String digest = "AB".repeat(32);

        AttachDocument command = attach(digest, 1024);

        assertThat(command.sha256()).isEqualTo("ab".repeat(32));
    }

    @Test
    void attachDocumentRefusesAMalformedDigestOrAnEmptyFile() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> attach("abc", 1024))
                .withMessageContaining("SHA-256");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> attach("a".repeat(64), 0))
                .withMessageContaining("greater than zero");
    }

    private static OpenApplication open(List<MunicipalityCode> invited) {
        return new OpenApplication(
                ID,
                SIGTUNA,
                LegalBasis.SECTION_37,
                "Länsstyrelsen i Stockholms län",
                "Gemensam resurs i Norrort",
                List.of("nyanlända"),
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2025, 12, 31),
                LocalDate.of(2023, 10, 31),
                3_000_000,
                invited,
                OFFICER);
    }

    private static AttachDocument attach(String sha256, long size) {
        return new AttachDocument(
                ID,
                new DocumentId("doc-1"),
                DocumentKind.FORSTUDIERAPPORT,
                null,
                "forstudierapport.pdf",
                "application/pdf",
                size,
                sha256,
                OFFICER);
    }
}
