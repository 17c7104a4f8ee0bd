package se.norrort.consortium.story;

import java.time.LocalDate;
import java.util.List;
import se.norrort.consortium.api.commands.AttachDocument;
import se.norrort.consortium.api.commands.DelegateSignature;
import se.norrort.consortium.api.commands.GrantAward;
import se.norrort.consortium.api.commands.JoinApplication;
import se.norrort.consortium.api.commands.OpenApplication;
import se.norrort.consortium.api.commands.SignCooperationForm;
import se.norrort.consortium.api.events.ApplicationClosed;
import se.norrort.consortium.api.events.ApplicationOpened;
import se.norrort.consortium.api.events.ApplicationRejected;
import se.norrort.consortium.api.events.ApplicationSubmitted;
import se.norrort.consortium.api.events.AwardGranted;
import se.norrort.consortium.api.events.BudgetLineSet;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.CooperationFormSigned;
import se.norrort.consortium.api.events.DecisionReferenceCorrected;
import se.norrort.consortium.api.events.DocumentAttached;
import se.norrort.consortium.api.events.FinalReportSubmitted;
import se.norrort.consortium.api.events.FundsRequisitioned;
import se.norrort.consortium.api.events.InterimReportSubmitted;
import se.norrort.consortium.api.events.JoiningClosed;
import se.norrort.consortium.api.events.MunicipalityInvited;
import se.norrort.consortium.api.events.MunicipalityJoined;
import se.norrort.consortium.api.events.MunicipalityWithdrew;
import se.norrort.consortium.api.events.ParticipationDeclined;
import se.norrort.consortium.api.events.RepaymentClaimed;
import se.norrort.consortium.api.events.ReportOverdue;
import se.norrort.consortium.api.events.SignatureDelegated;
import se.norrort.consortium.api.events.SignatureDelegationRevoked;
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

/**
 * The seed story as test data, shared through shared-events' test-jar (the lowest module that holds its types): the
 * Norrort § 37 application, its people, decisions, commands and events. The command-service's aggregate tests (as
 * {@code Story}), application-model's fold tests, the archive's export tests ({@code ArchiveStory}) and the
 * query-service's tests ({@code TestEvents}) use it.
 */
public class NorrortStory {

    public static final ApplicationId ID = new ApplicationId("norrort-gemensam-resurs-2023");

    public static final MunicipalityCode SIGTUNA = Municipalities.SIGTUNA.code();
    public static final MunicipalityCode DANDERYD = Municipalities.DANDERYD.code();
    public static final MunicipalityCode TABY = Municipalities.TABY.code();
    public static final MunicipalityCode VAXHOLM = Municipalities.VAXHOLM.code();
    public static final MunicipalityCode SOLNA = Municipalities.SOLNA.code();
    /** Stockholm: a municipality of the county, but not of Koordination Norrort. */
    public static final MunicipalityCode STOCKHOLM = MunicipalityCode.of("0180");

    public static final LocalDate TODAY = LocalDate.of(2023, 9, 20);
    public static final LocalDate JOINING_DEADLINE = LocalDate.of(2023, 10, 31);
    public static final LocalDate PERIOD_START = LocalDate.of(2024, 1, 1);
    public static final LocalDate PERIOD_END = LocalDate.of(2025, 12, 31);
    public static final LocalDate MEETING = LocalDate.of(2023, 9, 12);
    public static final LocalDate ANNOUNCED = LocalDate.of(2023, 9, 13);
    public static final long APPLIED_SEK = 4_000_000;
    public static final String FUNDER_NAME = "Länsstyrelsen i Stockholms län";
    public static final String TITLE = "Gemensam resurs i Norrort för rådgivning och ansökan om externa medel";
    public static final List<String> TARGET_GROUPS =
            List.of("Nyanlända enligt förordningen (2010:1122), ensamkommande barn och unga inräknade");
    public static final String SCOPE = "Underteckna samverkansblankett till en projektansökan till Länsstyrelsen";

    public static final LocalDate GRANT_DATE = LocalDate.of(2023, 12, 14);
    public static final String CASE_NUMBER = "851-41235-2023";
    public static final long GRANTED_SEK = 3_200_000;
    public static final String CONDITIONS = "Medlen får användas endast för projektet enligt ansökan.";
    public static final ReportDueDate INTERIM_DUE = new ReportDueDate(ReportKind.INTERIM, LocalDate.of(2025, 1, 31));
    public static final ReportDueDate FINAL_DUE = new ReportDueDate(ReportKind.FINAL, LocalDate.of(2026, 3, 31));
    public static final LocalDate AFTER_GRANT = LocalDate.of(2024, 2, 1);

    public static final Actor OWNER = officer(SIGTUNA);
    public static final Actor FUNDER =
            new Actor(new PersonId("lst-handlaggare-1"), "Handläggare, " + FUNDER_NAME, Role.FUNDER_OFFICER, null);
    public static final Actor AUDITOR = new Actor(new PersonId("revisor-1"), "Revisor", Role.AUDITOR, null);

    protected NorrortStory() {}

    public static Actor officer(MunicipalityCode municipality) {
        return Actor.officer(
                new PersonId("officer-" + municipality), "Handläggare " + name(municipality), municipality);
    }

    public static PersonId signatoryId(MunicipalityCode municipality) {
        return new PersonId("socialdirektor-" + municipality);
    }

    public static String signatoryName(MunicipalityCode municipality) {
        return "Socialdirektör " + name(municipality);
    }

    public static Actor signatory(MunicipalityCode municipality) {
        return new Actor(signatoryId(municipality), signatoryName(municipality), Role.SIGNATORY, municipality);
    }

    public static DelegationId delegationId(MunicipalityCode municipality) {
        return new DelegationId("delegation-" + municipality);
    }

    public static String name(MunicipalityCode municipality) {
        return Municipalities.byCode(municipality)
                .map(Municipalities::officialName)
                .orElse(municipality.value());
    }

    /** Socialnämnden's decision of 12 September 2023, § 45, adjusted immediately and announced the next day. */
    public static DecisionReference decision(MunicipalityCode municipality) {
        return new DecisionReference(municipality, "Socialnämnden", MEETING, "§ 45", true, ANNOUNCED);
    }

    /** The same meeting's decision without immediate adjustment: it takes effect when announced the next day. */
    public static DecisionReference announcedDecision(MunicipalityCode municipality) {
        return new DecisionReference(municipality, "Socialnämnden", MEETING, "§ 45", false, ANNOUNCED);
    }

    /** The same meeting's next paragraph, § 46: the delegation of the signing to the director of social services. */
    public static DecisionReference delegationDecision(MunicipalityCode municipality) {
        return new DecisionReference(municipality, "Socialnämnden", MEETING, "§ 46", true, ANNOUNCED);
    }

    /** Why a municipality declines in the story. */
    public static final String DECLINE_REASON = "Ingen kapacitet i år";

    // --- commands

    public static OpenApplication open() {
        return open(null);
    }

    public static OpenApplication open(List<MunicipalityCode> invited) {
        return new OpenApplication(
                ID,
                SIGTUNA,
                LegalBasis.SECTION_37,
                FUNDER_NAME,
                TITLE,
                TARGET_GROUPS,
                PERIOD_START,
                PERIOD_END,
                JOINING_DEADLINE,
                APPLIED_SEK,
                invited,
                OWNER);
    }

    public static JoinApplication join(MunicipalityCode municipality) {
        return new JoinApplication(ID, municipality, decision(municipality), officer(municipality));
    }

    public static JoinApplication join(MunicipalityCode municipality, DecisionReference decision) {
        return new JoinApplication(ID, municipality, decision, officer(municipality));
    }

    public static DelegateSignature delegate(MunicipalityCode municipality) {
        return delegate(municipality, decision(municipality), null);
    }

    public static DelegateSignature delegate(
            MunicipalityCode municipality, DecisionReference decision, LocalDate validUntil) {
        return new DelegateSignature(
                ID,
                delegationId(municipality),
                municipality,
                decision,
                signatoryId(municipality),
                signatoryName(municipality),
                "socialdirektör",
                SCOPE,
                validUntil,
                officer(municipality));
    }

    public static SignCooperationForm sign(MunicipalityCode municipality) {
        return new SignCooperationForm(ID, municipality, delegationId(municipality), signatory(municipality));
    }

    public static GrantAward grant(long amountSek) {
        return grant(amountSek, List.of(INTERIM_DUE, FINAL_DUE));
    }

    public static GrantAward grant(long amountSek, List<ReportDueDate> dueDates) {
        return new GrantAward(ID, amountSek, CASE_NUMBER, GRANT_DATE, CONDITIONS, dueDates, FUNDER);
    }

    public static AttachDocument attach(
            String documentId, DocumentKind kind, MunicipalityCode municipality, Actor actor) {
        return new AttachDocument(
                ID,
                new DocumentId(documentId),
                kind,
                municipality,
                documentId + ".pdf",
                "application/pdf",
                48_213,
                "0f".repeat(32),
                actor);
    }

    // --- events

    public static ApplicationOpened opened() {
        return opened(Municipalities.allCodes());
    }

    public static ApplicationOpened opened(List<MunicipalityCode> invited) {
        return new ApplicationOpened(
                ID,
                SIGTUNA,
                LegalBasis.SECTION_37,
                FUNDER_NAME,
                TITLE,
                TARGET_GROUPS,
                PERIOD_START,
                PERIOD_END,
                JOINING_DEADLINE,
                APPLIED_SEK,
                invited);
    }

    public static MunicipalityJoined joined(MunicipalityCode municipality) {
        return new MunicipalityJoined(
                ID, municipality, decision(municipality), decision(municipality).appealDeadline());
    }

    public static MunicipalityJoined joined(MunicipalityCode municipality, DecisionReference decision) {
        return new MunicipalityJoined(ID, municipality, decision, decision.appealDeadline());
    }

    /** The municipality declines on its committee's decision. */
    public static ParticipationDeclined declined(MunicipalityCode municipality) {
        return new ParticipationDeclined(ID, municipality, DECLINE_REASON, decision(municipality));
    }

    public static SignatureDelegated delegated(MunicipalityCode municipality) {
        return delegated(municipality, decision(municipality), null);
    }

    public static SignatureDelegated delegated(
            MunicipalityCode municipality, DecisionReference decision, LocalDate validUntil) {
        return new SignatureDelegated(
                ID,
                delegationId(municipality),
                municipality,
                decision,
                signatoryId(municipality),
                signatoryName(municipality),
                "socialdirektör",
                SCOPE,
                validUntil);
    }

    public static CooperationFormSigned signed(MunicipalityCode municipality) {
        return new CooperationFormSigned(
                ID,
                municipality,
                signatoryId(municipality),
                signatoryName(municipality),
                "socialdirektör",
                delegationId(municipality));
    }

    /** Opened; Sigtuna and Danderyd joined, delegated and signed: ready to submit. */
    public static Object[] readyToSubmit() {
        return new Object[] {
            opened(),
            joined(SIGTUNA),
            delegated(SIGTUNA),
            signed(SIGTUNA),
            joined(DANDERYD),
            delegated(DANDERYD),
            signed(DANDERYD)
        };
    }

    public static ApplicationSubmitted submittedEvent() {
        return new ApplicationSubmitted(ID, APPLIED_SEK, List.of(DANDERYD, SIGTUNA), 2, 0, 0, 13);
    }

    /** Ready to submit, then submitted. */
    public static Object[] submitted() {
        return append(readyToSubmit(), submittedEvent());
    }

    public static AwardGranted granted(List<ReportDueDate> dueDates) {
        return new AwardGranted(ID, GRANTED_SEK, APPLIED_SEK, CASE_NUMBER, GRANT_DATE, CONDITIONS, dueDates);
    }

    /** Submitted, then granted with an interim and a final report due. */
    public static Object[] granted() {
        return append(submitted(), granted(List.of(INTERIM_DUE, FINAL_DUE)));
    }

    public static final DecisionReference CORRECTED_DANDERYD =
            new DecisionReference(DANDERYD, "Socialnämnden", MEETING, "§ 54", true, ANNOUNCED);

    /**
     * A whole life of an application with one event of every type but {@code ApplicationRejected}: Sigtuna, Danderyd
     * and Solna are invited, Täby is invited later and declines, Solna withdraws, Danderyd corrects its paragraph,
     * the application is granted, reported (the final report late), repaid in part and closed.
     */
    public static List<ConsortiumEvent> wholeLife() {
        return List.of(
                opened(List.of(DANDERYD, SOLNA, SIGTUNA)),
                new MunicipalityInvited(ID, TABY),
                joined(SIGTUNA),
                joined(DANDERYD),
                joined(SOLNA),
                new MunicipalityWithdrew(ID, SOLNA, "Omprioritering", decision(SOLNA)),
                new ParticipationDeclined(ID, TABY, "Deltar inte", null),
                new DecisionReferenceCorrected(
                        ID,
                        DANDERYD,
                        "MunicipalityJoined",
                        decision(DANDERYD),
                        CORRECTED_DANDERYD,
                        CORRECTED_DANDERYD.appealDeadline(),
                        "Fel paragraf angavs"),
                delegated(SIGTUNA),
                delegated(DANDERYD),
                signed(SIGTUNA),
                signed(DANDERYD),
                new SignatureDelegationRevoked(ID, delegationId(DANDERYD), DANDERYD, "Uppdraget slutfört"),
                new BudgetLineSet(ID, DANDERYD, 2024, 0),
                new DocumentAttached(
                        ID,
                        new DocumentId("forstudierapport"),
                        DocumentKind.FORSTUDIERAPPORT,
                        null,
                        "forstudierapport.pdf",
                        "application/pdf",
                        48_213,
                        "0f".repeat(32)),
                new JoiningClosed(ID, JOINING_DEADLINE, 2),
                new ApplicationSubmitted(ID, APPLIED_SEK, List.of(DANDERYD, SIGTUNA), 2, 1, 1, 0),
                granted(List.of(INTERIM_DUE, FINAL_DUE)),
                new FundsRequisitioned(ID, GRANTED_SEK, GRANTED_SEK),
                new InterimReportSubmitted(ID, INTERIM_DUE.dueDate(), 1_200_000, null),
                new ReportOverdue(ID, ReportKind.FINAL, FINAL_DUE.dueDate()),
                new FinalReportSubmitted(ID, FINAL_DUE.dueDate(), 3_000_000, new DocumentId("forstudierapport")),
                new RepaymentClaimed(ID, 200_000, 200_000, "Outnyttjade medel"),
                new ApplicationClosed(ID, "Slutredovisning godkänd"));
    }

    /** Why the County Board rejects in the story's rejection. */
    public static final String REJECTION_REASON = "Medlen räcker inte.";

    public static ApplicationRejected rejectedEvent() {
        return new ApplicationRejected(ID, CASE_NUMBER, GRANT_DATE, REJECTION_REASON);
    }

    public static Object[] append(Object[] events, Object... more) {
        Object[] all = new Object[events.length + more.length];
        System.arraycopy(events, 0, all, 0, events.length);
        System.arraycopy(more, 0, all, events.length, more.length);
        return all;
    }
}
