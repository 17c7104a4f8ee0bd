package se.norrort.consortium.query.funder;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.FINAL_DUE;
import static se.norrort.consortium.query.TestEvents.INTERIM_DUE;
import static se.norrort.consortium.query.TestEvents.closed;
import static se.norrort.consortium.query.TestEvents.declined;
import static se.norrort.consortium.query.TestEvents.delegated;
import static se.norrort.consortium.query.TestEvents.finalReport;
import static se.norrort.consortium.query.TestEvents.granted;
import static se.norrort.consortium.query.TestEvents.interimOverdue;
import static se.norrort.consortium.query.TestEvents.interimReport;
import static se.norrort.consortium.query.TestEvents.invited;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.joiningClosed;
import static se.norrort.consortium.query.TestEvents.openedFor;
import static se.norrort.consortium.query.TestEvents.rejected;
import static se.norrort.consortium.query.TestEvents.repayment;
import static se.norrort.consortium.query.TestEvents.requisitioned;
import static se.norrort.consortium.query.TestEvents.signed;
import static se.norrort.consortium.query.TestEvents.submitted;
import static se.norrort.consortium.query.TestEvents.withdrew;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.norrort.consortium.api.events.ApplicationClosed;
import se.norrort.consortium.api.events.ApplicationOpened;
import se.norrort.consortium.api.events.ApplicationRejected;
import se.norrort.consortium.api.events.ApplicationSubmitted;
import se.norrort.consortium.api.events.AwardGranted;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.CooperationFormSigned;
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
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;
import se.norrort.consortium.query.projection.ApplicationFacts;
import se.norrort.consortium.query.projection.ApplicationFacts.Counts;
import se.norrort.consortium.query.projection.ApplicationFacts.Facts;
import se.norrort.consortium.query.projection.ApplicationFacts.Member;
import se.norrort.consortium.query.projection.ApplicationFacts.Report;
import se.norrort.consortium.query.projection.ApplicationFacts.Submission;

/**
 * given(events) → then(entry) on the typed records: one case for every event type the funder entry's fold (the
 * application's facts) reads.
 */
class FunderEntryFoldTest {

    private static final Instant T = Instant.parse("2023-12-01T09:00:00Z");
    private static final MunicipalityCode SIGTUNA = new MunicipalityCode("0191");
    private static final MunicipalityCode DANDERYD = new MunicipalityCode("0162");
    private static final MunicipalityCode VAXHOLM = new MunicipalityCode("0187");

    /** The events folded from nothing, the n-th at position n, recorded n minutes after {@link #T}. */
    private static FunderEntry given(List<ConsortiumEvent> events) {
        FunderEntry entry = null;
        long position = 0;
        for (ConsortiumEvent event : events) {
            position++;
            entry = FunderApplicationView.apply(entry, event, position, at(position));
        }
        return entry;
    }

    private static Instant at(long position) {
        return T.plusSeconds(60 * position);
    }

    private static ConsortiumEvent opening() {
        return openedFor("a", "Gemensam resurs", "0191", "0162", "0187");
    }

    private static List<ConsortiumEvent> grantedStory(ConsortiumEvent... more) {
        return Stream.concat(Stream.of(opening(), submitted("a", "0191"), granted("a")), Stream.of(more))
                .toList();
    }

    private static Member member(MunicipalityCode code, String name, MembershipStatus status, boolean signed) {
        return new Member(code, name, status, signed);
    }

    private static final Report INTERIM = new Report(ReportKind.INTERIM, INTERIM_DUE, false, false, null, null);
    private static final Report FINAL = new Report(ReportKind.FINAL, FINAL_DUE, false, false, null, null);

    record Case(Class<? extends ConsortiumEvent> type, List<ConsortiumEvent> given, Consumer<FunderEntry> then) {
        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(ApplicationOpened.class, List.of(opening()), entry -> {
                    assertThat(entry)
                            .isEqualTo(new FunderEntry(
                                    new Facts(
                                            "a",
                                            SIGTUNA,
                                            "Sigtuna",
                                            "Gemensam resurs",
                                            "Länsstyrelsen i Stockholms län",
                                            LegalBasis.SECTION_37,
                                            List.of(
                                                    "Nyanlända enligt förordningen (2010:1122), ensamkommande barn och unga inräknade"),
                                            LocalDate.of(2024, 1, 1),
                                            LocalDate.of(2025, 12, 31),
                                            LocalDate.of(2023, 10, 31),
                                            4_000_000L,
                                            Status.OPEN,
                                            false,
                                            at(1),
                                            List.of(
                                                    member(SIGTUNA, "Sigtuna", MembershipStatus.INVITED, false),
                                                    member(DANDERYD, "Danderyd", MembershipStatus.INVITED, false),
                                                    member(VAXHOLM, "Vaxholm", MembershipStatus.INVITED, false)),
                                            1,
                                            at(1),
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            List.of(),
                                            null,
                                            null,
                                            null,
                                            null),
                                    new Counts(3, 0, 0, 0, 0, 3),
                                    null));
                    assertThat(FunderApplicationView.listed(entry)).isFalse();
                }),
                new Case(MunicipalityInvited.class, List.of(opening(), invited("a", "0160")), entry -> {
                    assertThat(entry.facts().members())
                            .endsWith(member(new MunicipalityCode("0160"), "Täby", MembershipStatus.INVITED, false));
                    assertThat(entry.participants()).isEqualTo(new Counts(4, 0, 0, 0, 0, 4));
                }),
                new Case(MunicipalityJoined.class, List.of(opening(), joined("a", "0162")), entry -> {
                    assertThat(entry.facts().members())
                            .contains(member(DANDERYD, "Danderyd", MembershipStatus.JOINED, false));
                    assertThat(entry.participants()).isEqualTo(new Counts(3, 1, 0, 0, 0, 2));
                }),
                new Case(ParticipationDeclined.class, List.of(opening(), declined("a", "0187")), entry -> {
                    assertThat(entry.facts().members())
                            .contains(member(VAXHOLM, "Vaxholm", MembershipStatus.DECLINED, false));
                    assertThat(entry.participants()).isEqualTo(new Counts(3, 0, 0, 1, 0, 2));
                }),
                new Case(
                        MunicipalityWithdrew.class,
                        List.of(opening(), joined("a", "0162"), withdrew("a", "0162")),
                        entry -> {
                            assertThat(entry.facts().members())
                                    .contains(member(DANDERYD, "Danderyd", MembershipStatus.WITHDRAWN, false));
                            assertThat(entry.participants()).isEqualTo(new Counts(3, 0, 0, 0, 1, 2));
                        }),
                new Case(
                        CooperationFormSigned.class,
                        List.of(opening(), joined("a", "0162"), signed("a", "0162", "bme", "Britt-Marie Ekström")),
                        entry -> {
                            assertThat(entry.facts().members())
                                    .contains(member(DANDERYD, "Danderyd", MembershipStatus.JOINED, true));
                            assertThat(entry.participants()).isEqualTo(new Counts(3, 1, 1, 0, 0, 2));
                        }),
                new Case(
                        ApplicationSubmitted.class,
                        List.of(opening(), joined("a", "0191"), submitted("a", "0191")),
                        entry -> {
                            Facts facts = entry.facts();
                            assertThat(facts.status()).isEqualTo(Status.SUBMITTED);
                            assertThat(facts.submittedAt()).isEqualTo(at(3));
                            assertThat(facts.submittedPosition()).isEqualTo(3L);
                            assertThat(facts.appliedAmountSek()).isEqualTo(4_000_000L);
                            assertThat(facts.submission()).isEqualTo(new Submission(List.of(SIGTUNA), 1, 1, 0, 0));
                            assertThat(FunderApplicationView.listed(entry)).isTrue();
                        }),
                new Case(JoiningClosed.class, List.of(opening(), joiningClosed("a", 0)), entry -> {
                    assertThat(entry.facts().status()).isEqualTo(Status.JOINING_CLOSED);
                    assertThat(entry.facts().joiningClosed()).isTrue();
                    assertThat(FunderApplicationView.listed(entry)).isFalse();
                }),
                new Case(AwardGranted.class, grantedStory(), entry -> {
                    Facts facts = entry.facts();
                    assertThat(facts.status()).isEqualTo(Status.GRANTED);
                    assertThat(facts.decision()).isEqualTo(Status.GRANTED);
                    assertThat(facts.grantedAmountSek()).isEqualTo(3_200_000L);
                    assertThat(facts.caseNumber()).isEqualTo("851-41235-2023");
                    assertThat(facts.decisionDate()).isEqualTo(LocalDate.of(2023, 12, 14));
                    assertThat(facts.conditions())
                            .isEqualTo("Medlen får användas endast för projektet enligt ansökan.");
                    assertThat(facts.reports()).containsExactly(INTERIM, FINAL);
                    assertThat(entry.nextReportDue()).isEqualTo(INTERIM_DUE);
                }),
                new Case(
                        ApplicationRejected.class, List.of(opening(), submitted("a", "0191"), rejected("a")), entry -> {
                            Facts facts = entry.facts();
                            assertThat(facts.status()).isEqualTo(Status.REJECTED);
                            assertThat(facts.decision()).isEqualTo(Status.REJECTED);
                            assertThat(facts.caseNumber()).isEqualTo("851-41235-2023");
                            assertThat(facts.rejectionReason()).contains("räcker inte");
                            assertThat(facts.grantedAmountSek()).isNull();
                            assertThat(facts.reports()).isEmpty();
                            assertThat(entry.nextReportDue()).isNull();
                        }),
                new Case(
                        FundsRequisitioned.class,
                        grantedStory(requisitioned("a", 500_000, 500_000), requisitioned("a", 300_000, 800_000)),
                        entry -> assertThat(entry.facts().requisitionedSek()).isEqualTo(800_000L)),
                new Case(InterimReportSubmitted.class, grantedStory(interimReport("a")), entry -> {
                    assertThat(entry.facts().reports())
                            .containsExactly(
                                    new Report(ReportKind.INTERIM, INTERIM_DUE, true, false, at(4), 800_000L), FINAL);
                    assertThat(entry.nextReportDue()).isEqualTo(FINAL_DUE);
                }),
                new Case(FinalReportSubmitted.class, grantedStory(interimReport("a"), finalReport("a")), entry -> {
                    assertThat(entry.facts().reports())
                            .containsExactly(
                                    new Report(ReportKind.INTERIM, INTERIM_DUE, true, false, at(4), 800_000L),
                                    new Report(ReportKind.FINAL, FINAL_DUE, true, false, at(5), 1_900_000L));
                    assertThat(entry.nextReportDue()).isNull();
                }),
                new Case(ReportOverdue.class, grantedStory(interimOverdue("a")), entry -> {
                    assertThat(entry.facts().reports())
                            .containsExactly(
                                    new Report(ReportKind.INTERIM, INTERIM_DUE, false, true, null, null), FINAL);
                    assertThat(entry.nextReportDue()).as("overdue is still due").isEqualTo(INTERIM_DUE);
                }),
                new Case(
                        RepaymentClaimed.class,
                        grantedStory(interimReport("a"), finalReport("a"), repayment("a")),
                        entry -> assertThat(entry.facts().repaymentClaimedSek()).isEqualTo(100_000L)),
                new Case(ApplicationClosed.class, grantedStory(closed("a")), entry -> {
                    Facts facts = entry.facts();
                    assertThat(facts.status()).isEqualTo(Status.CLOSED);
                    assertThat(facts.decision()).as("the decision stays").isEqualTo(Status.GRANTED);
                    assertThat(facts.closedAt()).isEqualTo(at(4));
                    assertThat(facts.closeReason()).isEqualTo("Final report approved");
                    assertThat(FunderApplicationView.listed(entry)).isTrue();
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givenEvents_thenTheEntry(Case c) {
        assertThat(c.given().get(c.given().size() - 1)).isInstanceOf(c.type());

        FunderEntry entry = given(c.given());

        c.then().accept(entry);
        assertThat(entry.facts().position()).isEqualTo(c.given().size());
        assertThat(entry.facts().updatedAt()).isEqualTo(at(c.given().size()));
        assertThat(FunderEntryCodec.fromDocument(FunderEntryCodec.toDocument(entry, null)))
                .as("the stored form holds the whole record")
                .isEqualTo(entry);
    }

    @Test
    void everyEventTypeTheFoldReadsHasACase() {
        assertThat(cases().map(Case::type)).containsExactlyInAnyOrderElementsOf(ApplicationFacts.EVENT_TYPES);
    }

    @Test
    void givenAnEventTheFoldDoesNotRead_thenOnlyThePositionAndTimeMoveOn() {
        FunderEntry before = given(List.of(opening(), joined("a", "0162")));

        FunderEntry after =
                FunderApplicationView.apply(before, delegated("a", "0162", LocalDate.of(2024, 12, 31)), 3, at(3));

        assertThat(after.facts().position()).isEqualTo(3);
        assertThat(after.facts().updatedAt()).isEqualTo(at(3));
        assertThat(after.facts().members()).isEqualTo(before.facts().members());
        assertThat(after.participants()).isEqualTo(before.participants());
    }

    @Test
    void givenAMemberThatWithdrewAndWasInvitedAgain_whenSubmitted_thenTheFunderCountsItAsNotAnswered() {
        FunderEntry entry = given(List.of(
                opening(),
                joined("a", "0191"),
                joined("a", "0162"),
                withdrew("a", "0162"),
                invited("a", "0162"),
                submitted("a", "0191")));

        assertThat(entry.facts().members())
                .containsExactly(
                        member(SIGTUNA, "Sigtuna", MembershipStatus.JOINED, false),
                        member(DANDERYD, "Danderyd", MembershipStatus.INVITED, false),
                        member(VAXHOLM, "Vaxholm", MembershipStatus.INVITED, false));
        assertThat(entry.participants()).isEqualTo(new Counts(3, 1, 0, 0, 0, 2));
        assertThat(FunderApplicationView.listed(entry)).isTrue();
    }

    @Test
    void givenAnEventAlreadyReflected_whenDeliveredAgain_thenTheEntryIsUnchanged() {
        FunderEntry entry = given(List.of(opening(), submitted("a", "0191")));

        assertThat(FunderApplicationView.apply(entry, submitted("a", "0191"), 2, T))
                .isSameAs(entry);
        assertThat(FunderApplicationView.apply(entry, granted("a"), 1, T)).isSameAs(entry);
    }
}
