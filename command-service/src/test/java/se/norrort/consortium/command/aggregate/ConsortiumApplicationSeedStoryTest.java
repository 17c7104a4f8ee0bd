package se.norrort.consortium.command.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.commands.AttachDocument;
import se.norrort.consortium.api.commands.DeclineParticipation;
import se.norrort.consortium.api.commands.DelegateSignature;
import se.norrort.consortium.api.commands.GrantAward;
import se.norrort.consortium.api.commands.JoinApplication;
import se.norrort.consortium.api.commands.OpenApplication;
import se.norrort.consortium.api.commands.SignCooperationForm;
import se.norrort.consortium.api.commands.SubmitApplication;
import se.norrort.consortium.api.events.AwardGranted;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.DocumentKind;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.Municipalities;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.PersonId;
import se.norrort.consortium.api.values.ReportDueDate;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.api.values.Role;
import se.norrort.consortium.model.ApplicationState;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;

/**
 * The story of the seed document: Sigtuna opens the joint § 37 application; 14 of the 15 Norrort municipalities join
 * on their committees' decisions and Vaxholm declines; Danderyd's Socialnämnden delegates the signing to its
 * socialdirektör, Britt-Marie Ekström, with the paragraph adjusted immediately; she signs, and so does every other
 * participant; Sigtuna submits; Länsstyrelsen i Stockholms län grants part of the amount under a case number.
 */
class ConsortiumApplicationSeedStoryTest extends ConsortiumApplicationTestBase {

    private static final ApplicationId ID = new ApplicationId("norrort-s37-gemensam-resurs");
    private static final MunicipalityCode SIGTUNA = Municipalities.SIGTUNA.code();
    private static final MunicipalityCode DANDERYD = Municipalities.DANDERYD.code();
    private static final MunicipalityCode VAXHOLM = Municipalities.VAXHOLM.code();
    private static final long APPLIED_SEK = 4_000_000;
    private static final long GRANTED_SEK = 3_200_000;
    private static final String CASE_NUMBER = "851-41235-2023";
    private static final LocalDate DECISION_DATE = LocalDate.of(2023, 12, 14);
    private static final List<ReportDueDate> DUE_DATES = List.of(
            new ReportDueDate(ReportKind.INTERIM, LocalDate.of(2025, 1, 31)),
            new ReportDueDate(ReportKind.FINAL, LocalDate.of(2026, 3, 31)));

    /** Socialnämnden i Danderyd: "Socialnämnden beslutar att paragrafen justeras omedelbart". */
    private static final DecisionReference DANDERYD_DECISION = new DecisionReference(
            DANDERYD, "Socialnämnden", LocalDate.of(2023, 9, 26), "§ 45", true, LocalDate.of(2023, 9, 27));

    private static final PersonId BRITT_MARIE_EKSTROM = new PersonId("danderyd-bme");
    private static final Actor BRITT_MARIE =
            new Actor(BRITT_MARIE_EKSTROM, "Britt-Marie Ekström", Role.SIGNATORY, DANDERYD);

    @Test
    void fourteenMunicipalitiesJoinAndSignSigtunaSubmitsAndLansstyrelsenGrantsPartOfTheAmount() {
        List<MunicipalityCode> participants = Municipalities.allCodes().stream()
                .filter(code -> !code.equals(VAXHOLM))
                .toList();

        clock.setToday(LocalDate.of(2023, 9, 1));
        TestExecutor<ConsortiumApplication> story = fixture.givenCurrentTime(clock.instant())
                .andGivenCommands(
                        open(), attach("forstudierapport", DocumentKind.FORSTUDIERAPPORT, null, officer(SIGTUNA)));

        on(LocalDate.of(2023, 10, 12), story);
        story = story.andGivenCommands(participants.stream().map(this::join).toList())
                .andGivenCommands(new DeclineParticipation(
                        ID, VAXHOLM, "Vaxholms stad deltar inte i ansökan.", null, officer(VAXHOLM)))
                .andGivenCommands(
                        attach("tjansteutlatande-danderyd", DocumentKind.TJANSTEUTLATANDE, DANDERYD, officer(DANDERYD)))
                .andGivenCommands(participants.stream().map(this::delegate).toList())
                .andGivenCommands(participants.stream().map(this::sign).toList());

        on(LocalDate.of(2023, 10, 25), story);
        story = story.andGivenCommands(new SubmitApplication(ID, officer(SIGTUNA)));

        on(LocalDate.of(2023, 12, 15), story)
                .when(new GrantAward(
                        ID,
                        GRANTED_SEK,
                        CASE_NUMBER,
                        DECISION_DATE,
                        "Medlen avser projektet enligt ansökan; del- och slutredovisning ska lämnas.",
                        DUE_DATES,
                        new Actor(
                                new PersonId("lst-handlaggare-7"),
                                "Handläggare, Länsstyrelsen i Stockholms län",
                                Role.FUNDER_OFFICER,
                                null)))
                .expectEvents(new AwardGranted(
                        ID,
                        GRANTED_SEK,
                        APPLIED_SEK,
                        CASE_NUMBER,
                        DECISION_DATE,
                        "Medlen avser projektet enligt ansökan; del- och slutredovisning ska lämnas.",
                        DUE_DATES))
                .expectState(application -> {
                    ApplicationState state = application.state();
                    assertThat(state.status()).isEqualTo(Status.GRANTED);
                    assertThat(state.municipalitiesWith(MembershipStatus.JOINED))
                            .hasSize(14)
                            .containsExactlyInAnyOrderElementsOf(participants);
                    assertThat(state.municipalitiesWith(MembershipStatus.DECLINED))
                            .containsExactly(VAXHOLM);
                    assertThat(state.joinedButUnsigned()).isEmpty();
                    assertThat(state.signatures()).hasSize(14);
                    assertThat(state.membership(DANDERYD).orElseThrow()).satisfies(danderyd -> {
                        assertThat(danderyd.decision()).isEqualTo(DANDERYD_DECISION);
                        assertThat(danderyd.appealDeadline()).isEqualTo(LocalDate.of(2023, 10, 18));
                        assertThat(danderyd.signature().signatory()).isEqualTo(BRITT_MARIE_EKSTROM);
                        assertThat(danderyd.signature().signatoryName()).isEqualTo("Britt-Marie Ekström");
                        assertThat(danderyd.signature().signatoryRole()).isEqualTo("socialdirektör");
                    });
                    assertThat(state.documents())
                            .extracting(ApplicationState.Document::kind)
                            .containsExactly(DocumentKind.FORSTUDIERAPPORT, DocumentKind.TJANSTEUTLATANDE);
                    assertThat(state.grantedAmountSek()).isEqualTo(GRANTED_SEK).isLessThan(state.appliedAmountSek());
                    assertThat(state.caseNumber()).isEqualTo(CASE_NUMBER);
                });
    }

    private <T> T on(LocalDate today, T executor) {
        clock.setToday(today);
        return executor;
    }

    private OpenApplication open() {
        return new OpenApplication(
                ID,
                SIGTUNA,
                LegalBasis.SECTION_37,
                "Länsstyrelsen i Stockholms län",
                "Gemensam resurs i Norrort för rådgivning och ansökan om externa medel",
                List.of(
                        "Nyanlända enligt förordningen (2010:1122), ensamkommande barn och unga inräknade",
                        "Skyddsbehövande från Ukraina enligt massflyktsdirektivet (2001/55/EG)"),
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2025, 12, 31),
                LocalDate.of(2023, 10, 20),
                APPLIED_SEK,
                null,
                officer(SIGTUNA));
    }

    private JoinApplication join(MunicipalityCode municipality) {
        return new JoinApplication(ID, municipality, decisionOf(municipality), officer(municipality));
    }

    private DelegateSignature delegate(MunicipalityCode municipality) {
        boolean danderyd = municipality.equals(DANDERYD);
        return new DelegateSignature(
                ID,
                new DelegationId("signing-" + municipality),
                municipality,
                decisionOf(municipality),
                danderyd ? BRITT_MARIE_EKSTROM : new PersonId("socialdirektor-" + municipality),
                danderyd ? "Britt-Marie Ekström" : "Socialdirektör i " + name(municipality),
                "socialdirektör",
                "Underteckna samverkansblankett till en projektansökan till Länsstyrelsen",
                null,
                officer(municipality));
    }

    private SignCooperationForm sign(MunicipalityCode municipality) {
        Actor signatory = municipality.equals(DANDERYD)
                ? BRITT_MARIE
                : new Actor(
                        new PersonId("socialdirektor-" + municipality),
                        "Socialdirektör i " + name(municipality),
                        Role.SIGNATORY,
                        municipality);
        return new SignCooperationForm(ID, municipality, null, signatory);
    }

    private AttachDocument attach(String id, DocumentKind kind, MunicipalityCode municipality, Actor actor) {
        return new AttachDocument(
                ID,
                new DocumentId(id),
                kind,
                municipality,
                id + ".pdf",
                "application/pdf",
                120_000,
                "3a".repeat(32),
                actor);
    }

    /** Danderyd's decision from the seed; the others decided at their own committee meetings in September. */
    private static DecisionReference decisionOf(MunicipalityCode municipality) {
        if (municipality.equals(DANDERYD)) {
            return DANDERYD_DECISION;
        }
        int day = 5 + Integer.parseInt(municipality.value()) % 20;
        LocalDate meeting = LocalDate.of(2023, 9, day);
        return new DecisionReference(
                municipality, "Socialnämnden", meeting, "§ " + (30 + day), false, meeting.plusDays(14));
    }

    private static Actor officer(MunicipalityCode municipality) {
        return Actor.officer(
                new PersonId("officer-" + municipality), "Handläggare i " + name(municipality), municipality);
    }

    private static String name(MunicipalityCode municipality) {
        return Municipalities.byCode(municipality).orElseThrow().officialName();
    }
}
