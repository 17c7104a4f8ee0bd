package se.norrort.consortium.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.DocumentKind;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.Municipalities;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.PersonId;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.story.NorrortStory;

/**
 * Events of the seed story for the query-service's tests: projection, view and API tests alike (one fixture; was
 * {@code TestEvents} plus {@code StoryEvents}), for per-test application ids. Every value the story has comes from
 * {@link NorrortStory}: owner, funder, legal basis, title, target groups, project period, joining deadline, invited
 * municipalities, the committee meeting and its announcement (so the appeal deadline), the amounts applied for and
 * granted, the case number, decision date and conditions, the reports' due dates, the reasons for declining and for
 * the rejection. What stays the tests' own is what the story has no value for, or what a test must be able to vary
 * (see ADR 0027): the application ids, titles given to {@code openedFor}, the paragraphs of the decisions (a decline
 * on § 12, so that a municipality that declined and then joined changes its decision's paragraph), the signatories
 * passed to {@code signed}, and the texts and amounts of withdrawals, revocations, corrections, documents, reports,
 * requisitions, repayments and the closing. Not moved yet although the story names them: the delegation's id
 * ({@code del-<code>}), delegate and scope (ADR 0027). The recorded stored-shape files ({@code stored-*.txt}) were
 * re-recorded with these values (ADR 0027).
 */
public final class TestEvents {

    /** The committee meeting of every decision (NorrortStory's), announced the next day. */
    public static final LocalDate MEETING = NorrortStory.MEETING;

    // Not yet NorrortStory's (see the class comment and ADR 0027).

    /** The delegation's scope, as the municipality view's recorded stored shape ({@code stored-entries.txt}) names it. */
    static final String SCOPE = "Sign the cooperation form";

    private TestEvents() {}

    public static ApplicationOpened opened(String id) {
        return new ApplicationOpened(
                new ApplicationId(id),
                NorrortStory.SIGTUNA,
                LegalBasis.SECTION_37,
                NorrortStory.FUNDER_NAME,
                NorrortStory.TITLE,
                NorrortStory.TARGET_GROUPS,
                NorrortStory.PERIOD_START,
                NorrortStory.PERIOD_END,
                NorrortStory.JOINING_DEADLINE,
                NorrortStory.APPLIED_SEK,
                NorrortStory.opened().invitedMunicipalities());
    }

    public static DecisionReference decision(String code, String paragraph) {
        return new DecisionReference(
                new MunicipalityCode(code),
                "Socialnämnden",
                NorrortStory.MEETING,
                paragraph,
                true,
                NorrortStory.ANNOUNCED);
    }

    public static MunicipalityJoined joined(String id, String code) {
        DecisionReference decision = decision(code, "§ 45");
        return new MunicipalityJoined(
                new ApplicationId(id), new MunicipalityCode(code), decision, decision.appealDeadline());
    }

    public static ParticipationDeclined declined(String id, String code) {
        return new ParticipationDeclined(
                new ApplicationId(id), new MunicipalityCode(code), NorrortStory.DECLINE_REASON, decision(code, "§ 12"));
    }

    public static CooperationFormSigned signed(String id, String code, String person, String name) {
        return new CooperationFormSigned(
                new ApplicationId(id),
                new MunicipalityCode(code),
                new PersonId(person),
                name,
                "socialdirektör",
                new DelegationId("del-" + code));
    }

    public static final LocalDate INTERIM_DUE = NorrortStory.INTERIM_DUE.dueDate();
    public static final LocalDate FINAL_DUE = NorrortStory.FINAL_DUE.dueDate();

    private static ApplicationId id(String id) {
        return new ApplicationId(id);
    }

    private static MunicipalityCode code(String code) {
        return new MunicipalityCode(code);
    }

    /** Sigtuna opens an application and invites only the given municipalities. */
    public static ApplicationOpened openedFor(String id, String title, String... invited) {
        return new ApplicationOpened(
                id(id),
                NorrortStory.SIGTUNA,
                LegalBasis.SECTION_37,
                NorrortStory.FUNDER_NAME,
                title,
                NorrortStory.TARGET_GROUPS,
                NorrortStory.PERIOD_START,
                NorrortStory.PERIOD_END,
                NorrortStory.JOINING_DEADLINE,
                NorrortStory.APPLIED_SEK,
                java.util.Arrays.stream(invited).map(MunicipalityCode::new).toList());
    }

    public static MunicipalityInvited invited(String id, String municipality) {
        return new MunicipalityInvited(id(id), code(municipality));
    }

    public static SignatureDelegated delegated(String id, String municipality, LocalDate validUntil) {
        return new SignatureDelegated(
                id(id),
                new DelegationId("del-" + municipality),
                code(municipality),
                decision(municipality, "§ 45"),
                new PersonId("bme"),
                "Britt-Marie Ekström",
                "socialdirektör",
                SCOPE,
                validUntil);
    }

    public static SignatureDelegationRevoked revoked(String id, String municipality) {
        return new SignatureDelegationRevoked(
                id(id), new DelegationId("del-" + municipality), code(municipality), "The social director left");
    }

    /**
     * A correction of a join's decision from § 1 to § 2 that records no appeal deadline (a field the stored views
     * must carry as absent), as the recorded stored-shape histories use it.
     */
    public static DecisionReferenceCorrected correctedWithoutAppealDeadline(String id, String municipality) {
        return new DecisionReferenceCorrected(
                id(id),
                code(municipality),
                "MunicipalityJoined",
                decision(municipality, "§ 1"),
                decision(municipality, "§ 2"),
                null,
                "Wrong paragraph");
    }

    public static DecisionReferenceCorrected corrected(String id, String municipality, String from, String to) {
        var previous = decision(municipality, from);
        var next = decision(municipality, to);
        return new DecisionReferenceCorrected(
                id(id),
                code(municipality),
                "MunicipalityJoined",
                previous,
                next,
                next.appealDeadline(),
                "Wrong paragraph in the minutes extract");
    }

    /**
     * Application "a" opened by {@code opening} (inviting 0191, 0162 and 0187), then withdrawals, a decline and
     * invitations again of each kind, including a member that signed before it withdrew: the history the folds are
     * compared with {@code ApplicationState} on after every event.
     */
    public static List<ConsortiumEvent> withReinvitations(ConsortiumEvent opening) {
        return List.of(
                opening,
                joined("a", "0191"),
                withdrew("a", "0191"),
                joined("a", "0162"),
                signed("a", "0162", "bme", "Britt-Marie Ekström"),
                withdrew("a", "0162"),
                declined("a", "0187"),
                invited("a", "0162"),
                invited("a", "0187"),
                joined("a", "0187"),
                withdrew("a", "0187"),
                invited("a", "0187"),
                joined("a", "0162"));
    }

    public static MunicipalityWithdrew withdrew(String id, String municipality) {
        return new MunicipalityWithdrew(id(id), code(municipality), "Budget cut", null);
    }

    public static BudgetLineSet budget(String id, String municipality, int year, long amount) {
        return new BudgetLineSet(id(id), code(municipality), year, amount);
    }

    public static DocumentAttached attached(String id, String municipality) {
        return new DocumentAttached(
                id(id),
                new DocumentId("doc-" + municipality),
                DocumentKind.PROTOKOLLSUTDRAG,
                code(municipality),
                "protokollsutdrag.pdf",
                "application/pdf",
                12_345,
                "a".repeat(64));
    }

    public static ApplicationSubmitted submitted(String id, String... participating) {
        return new ApplicationSubmitted(
                id(id),
                NorrortStory.APPLIED_SEK,
                java.util.Arrays.stream(participating)
                        .map(MunicipalityCode::new)
                        .toList(),
                participating.length,
                1,
                0,
                0);
    }

    public static JoiningClosed joiningClosed(String id, int joined) {
        return new JoiningClosed(id(id), NorrortStory.JOINING_DEADLINE, joined);
    }

    public static AwardGranted granted(String id) {
        return new AwardGranted(
                id(id),
                NorrortStory.GRANTED_SEK,
                NorrortStory.APPLIED_SEK,
                NorrortStory.CASE_NUMBER,
                NorrortStory.GRANT_DATE,
                NorrortStory.CONDITIONS,
                List.of(NorrortStory.INTERIM_DUE, NorrortStory.FINAL_DUE));
    }

    public static ApplicationRejected rejected(String id) {
        return new ApplicationRejected(
                id(id), NorrortStory.CASE_NUMBER, NorrortStory.GRANT_DATE, NorrortStory.REJECTION_REASON);
    }

    public static FundsRequisitioned requisitioned(String id, long amount, long total) {
        return new FundsRequisitioned(id(id), amount, total);
    }

    public static InterimReportSubmitted interimReport(String id) {
        return new InterimReportSubmitted(id(id), INTERIM_DUE, 800_000, null);
    }

    public static FinalReportSubmitted finalReport(String id) {
        return new FinalReportSubmitted(id(id), FINAL_DUE, 1_900_000, null);
    }

    public static ReportOverdue interimOverdue(String id) {
        return new ReportOverdue(id(id), ReportKind.INTERIM, INTERIM_DUE);
    }

    public static RepaymentClaimed repayment(String id) {
        return new RepaymentClaimed(id(id), 100_000, 100_000, "Unused funds");
    }

    public static ApplicationClosed closed(String id) {
        return new ApplicationClosed(id(id), "Final report approved");
    }

    /**
     * The seed story of one application as the benchmarks tell it: 46 events, Sigtuna the owner, the first fourteen
     * municipalities join, delegate and sign, the fifteenth declines; then submission and the grant.
     */
    public static List<ConsortiumEvent> seedStory(String id) {
        List<String> codes = Municipalities.allCodes().stream()
                .map(MunicipalityCode::toString)
                .toList();
        List<String> joining = codes.subList(0, 14);
        List<ConsortiumEvent> events = new ArrayList<>();
        events.add(opened(id));
        joining.forEach(code -> events.add(joined(id, code)));
        events.add(declined(id, codes.get(14)));
        for (String code : joining) {
            events.add(delegated(id, code, LocalDate.of(2030, 1, 1)));
            events.add(signed(id, code, "p-" + code, "Signatory " + code));
        }
        events.add(submitted(id, joining.toArray(String[]::new)));
        events.add(granted(id));
        return events;
    }
}
