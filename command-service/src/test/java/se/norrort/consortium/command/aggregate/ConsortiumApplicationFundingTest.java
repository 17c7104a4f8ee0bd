package se.norrort.consortium.command.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.command.aggregate.Story.AFTER_GRANT;
import static se.norrort.consortium.command.aggregate.Story.APPLIED_SEK;
import static se.norrort.consortium.command.aggregate.Story.CASE_NUMBER;
import static se.norrort.consortium.command.aggregate.Story.DANDERYD;
import static se.norrort.consortium.command.aggregate.Story.FINAL_DUE;
import static se.norrort.consortium.command.aggregate.Story.FUNDER;
import static se.norrort.consortium.command.aggregate.Story.GRANTED_SEK;
import static se.norrort.consortium.command.aggregate.Story.GRANT_DATE;
import static se.norrort.consortium.command.aggregate.Story.ID;
import static se.norrort.consortium.command.aggregate.Story.INTERIM_DUE;
import static se.norrort.consortium.command.aggregate.Story.OWNER;
import static se.norrort.consortium.command.aggregate.Story.append;
import static se.norrort.consortium.command.aggregate.Story.grant;
import static se.norrort.consortium.command.aggregate.Story.granted;
import static se.norrort.consortium.command.aggregate.Story.officer;
import static se.norrort.consortium.command.aggregate.Story.submitted;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.commands.AttachDocument;
import se.norrort.consortium.api.commands.ClaimRepayment;
import se.norrort.consortium.api.commands.CloseApplication;
import se.norrort.consortium.api.commands.GrantAward;
import se.norrort.consortium.api.commands.RejectApplication;
import se.norrort.consortium.api.commands.RequisitionFunds;
import se.norrort.consortium.api.commands.SubmitFinalReport;
import se.norrort.consortium.api.commands.SubmitInterimReport;
import se.norrort.consortium.api.events.ApplicationClosed;
import se.norrort.consortium.api.events.ApplicationRejected;
import se.norrort.consortium.api.events.AwardGranted;
import se.norrort.consortium.api.events.DocumentAttached;
import se.norrort.consortium.api.events.FinalReportSubmitted;
import se.norrort.consortium.api.events.FundsRequisitioned;
import se.norrort.consortium.api.events.InterimReportSubmitted;
import se.norrort.consortium.api.events.RepaymentClaimed;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.DocumentKind;
import se.norrort.consortium.api.values.ReportDueDate;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.model.ApplicationState.Status;

/** The funder's decision and everything after it: requisitions, reports, repayment, closing. */
class ConsortiumApplicationFundingTest extends ConsortiumApplicationTestBase {

    private static final LocalDate DECISION_DAY = GRANT_DATE;

    // --- granting

    @Test
    void givenSubmittedApplication_whenTheFunderGrantsLessThanApplied_thenAwardGranted() {
        givenOn(DECISION_DAY, submitted())
                .when(grant(GRANTED_SEK))
                .expectEvents(granted(List.of(INTERIM_DUE, FINAL_DUE)))
                .expectState(application -> {
                    assertThat(application.state().status()).isEqualTo(Status.GRANTED);
                    assertThat(application.state().grantedAmountSek()).isEqualTo(GRANTED_SEK);
                    assertThat(application.state().caseNumber()).isEqualTo(CASE_NUMBER);
                });
    }

    @Test
    void givenSubmittedApplication_whenTheFunderGrantsTheFullAmount_thenAwardGranted() {
        givenOn(DECISION_DAY, submitted())
                .when(grant(APPLIED_SEK, List.of(FINAL_DUE)))
                .expectEvents(new AwardGranted(
                        ID, APPLIED_SEK, APPLIED_SEK, CASE_NUMBER, GRANT_DATE, Story.CONDITIONS, List.of(FINAL_DUE)));
    }

    @Test
    void givenSubmittedApplication_whenAMunicipalityOfficerGrants_thenRefusedAsNotFunder() {
        GrantAward byOwner = new GrantAward(ID, GRANTED_SEK, CASE_NUMBER, GRANT_DATE, "", List.of(FINAL_DUE), OWNER);

        expectRefused(givenOn(DECISION_DAY, submitted()).when(byOwner), ErrorCode.NOT_FUNDER);
    }

    @Test
    void givenOpenApplication_whenTheFunderGrants_thenRefusedAsApplicationNotSubmitted() {
        expectRefused(
                givenOn(DECISION_DAY, Story.readyToSubmit()).when(grant(GRANTED_SEK)),
                ErrorCode.APPLICATION_NOT_SUBMITTED);
    }

    @Test
    void givenGrantedApplication_whenTheFunderGrantsAgain_thenRefusedAsFundingAlreadyDecided() {
        expectRefused(givenOn(AFTER_GRANT, granted()).when(grant(GRANTED_SEK)), ErrorCode.FUNDING_ALREADY_DECIDED);
    }

    @Test
    void givenSubmittedApplication_whenTheGrantExceedsTheAppliedAmount_thenRefusedAsGrantExceedsApplied() {
        expectRefused(givenOn(DECISION_DAY, submitted()).when(grant(APPLIED_SEK + 1)), ErrorCode.GRANT_EXCEEDS_APPLIED);
    }

    @Test
    void givenSubmittedApplication_whenTheGrantIsZero_thenRefusedAsAmountInvalid() {
        expectRefused(givenOn(DECISION_DAY, submitted()).when(grant(0)), ErrorCode.AMOUNT_INVALID);
    }

    @Test
    void givenSubmittedApplication_whenTheDecisionDateIsInTheFuture_thenRefusedAsDecisionDateInFuture() {
        expectRefused(
                givenOn(DECISION_DAY.minusDays(1), submitted()).when(grant(GRANTED_SEK)),
                ErrorCode.DECISION_DATE_IN_FUTURE);
    }

    @Test
    void givenSubmittedApplication_whenTheReportDueDatesAreInconsistent_thenRefusedAsReportDueDatesInvalid() {
        ReportDueDate lateInterim = new ReportDueDate(ReportKind.INTERIM, FINAL_DUE.dueDate());
        ReportDueDate pastFinal = new ReportDueDate(ReportKind.FINAL, GRANT_DATE);

        expectRefused(
                givenOn(DECISION_DAY, submitted()).when(grant(GRANTED_SEK, List.of(INTERIM_DUE))),
                ErrorCode.REPORT_DUE_DATES_INVALID);
        expectRefused(
                givenOn(DECISION_DAY, submitted()).when(grant(GRANTED_SEK, List.of(lateInterim, FINAL_DUE))),
                ErrorCode.REPORT_DUE_DATES_INVALID);
        expectRefused(
                givenOn(DECISION_DAY, submitted()).when(grant(GRANTED_SEK, List.of(pastFinal))),
                ErrorCode.REPORT_DUE_DATES_INVALID);
        expectRefused(
                givenOn(DECISION_DAY, submitted())
                        .when(grant(GRANTED_SEK, List.of(INTERIM_DUE, INTERIM_DUE, FINAL_DUE))),
                ErrorCode.REPORT_DUE_DATES_INVALID);
    }

    // --- rejecting

    @Test
    void givenSubmittedApplication_whenTheFunderRejects_thenApplicationRejected() {
        givenOn(DECISION_DAY, submitted())
                .when(new RejectApplication(ID, CASE_NUMBER, GRANT_DATE, "Medlen räcker inte.", FUNDER))
                .expectEvents(new ApplicationRejected(ID, CASE_NUMBER, GRANT_DATE, "Medlen räcker inte."));
    }

    @Test
    void givenSubmittedApplication_whenTheOwnerRejects_thenRefusedAsNotFunder() {
        expectRefused(
                givenOn(DECISION_DAY, submitted())
                        .when(new RejectApplication(ID, CASE_NUMBER, GRANT_DATE, "Nej", OWNER)),
                ErrorCode.NOT_FUNDER);
    }

    @Test
    void givenOpenApplication_whenTheFunderRejects_thenRefusedAsApplicationNotSubmitted() {
        expectRefused(
                givenOn(DECISION_DAY, Story.readyToSubmit())
                        .when(new RejectApplication(ID, CASE_NUMBER, GRANT_DATE, "Nej", FUNDER)),
                ErrorCode.APPLICATION_NOT_SUBMITTED);
    }

    @Test
    void givenSubmittedApplication_whenTheRejectionIsDatedInTheFuture_thenRefusedAsDecisionDateInFuture() {
        expectRefused(
                givenOn(DECISION_DAY, submitted())
                        .when(new RejectApplication(ID, CASE_NUMBER, DECISION_DAY.plusDays(1), "Nej", FUNDER)),
                ErrorCode.DECISION_DATE_IN_FUTURE);
    }

    // --- requisitioning

    @Test
    void givenGrantedApplication_whenTheOwnerRequisitionsFunds_thenFundsRequisitioned() {
        givenOn(AFTER_GRANT, append(granted(), new FundsRequisitioned(ID, 1_000_000, 1_000_000)))
                .when(requisition(1_500_000, OWNER))
                .expectEvents(new FundsRequisitioned(ID, 1_500_000, 2_500_000));
    }

    @Test
    void givenGrantedApplication_whenTheOwnerRequisitionsTheWholeGrant_thenFundsRequisitioned() {
        givenOn(AFTER_GRANT, granted())
                .when(requisition(GRANTED_SEK, OWNER))
                .expectEvents(new FundsRequisitioned(ID, GRANTED_SEK, GRANTED_SEK));
    }

    @Test
    void givenSubmittedApplication_whenTheOwnerRequisitionsFunds_thenRefusedAsFundsNotGranted() {
        expectRefused(givenOn(AFTER_GRANT, submitted()).when(requisition(1_000, OWNER)), ErrorCode.FUNDS_NOT_GRANTED);
    }

    @Test
    void givenGrantedApplication_whenRequisitioningMoreThanGranted_thenRefusedAsRequisitionExceedsGrant() {
        expectRefused(
                givenOn(AFTER_GRANT, append(granted(), new FundsRequisitioned(ID, 3_000_000, 3_000_000)))
                        .when(requisition(200_001, OWNER)),
                ErrorCode.REQUISITION_EXCEEDS_GRANT);
    }

    @Test
    void givenGrantedApplication_whenRequisitioningNothing_thenRefusedAsAmountInvalid() {
        expectRefused(givenOn(AFTER_GRANT, granted()).when(requisition(0, OWNER)), ErrorCode.AMOUNT_INVALID);
        expectRefused(givenOn(AFTER_GRANT, granted()).when(requisition(-5, OWNER)), ErrorCode.AMOUNT_INVALID);
    }

    @Test
    void givenGrantedApplication_whenAParticipantRequisitions_thenRefusedAsNotProjectOwner() {
        expectRefused(
                givenOn(AFTER_GRANT, granted()).when(requisition(1_000, officer(DANDERYD))),
                ErrorCode.NOT_PROJECT_OWNER);
    }

    @Test
    void givenFinalReportSubmitted_whenTheOwnerRequisitions_thenRefusedAsRequisitionAfterFinalReport() {
        expectRefused(
                givenOn(AFTER_GRANT, reportedInFull(2_000_000)).when(requisition(1_000, OWNER)),
                ErrorCode.REQUISITION_AFTER_FINAL_REPORT);
    }

    // --- reports

    @Test
    void givenGrantedApplication_whenTheOwnerSubmitsTheInterimReport_thenInterimReportSubmitted() {
        givenOn(AFTER_GRANT, granted())
                .when(new SubmitInterimReport(ID, 800_000, null, OWNER))
                .expectEvents(new InterimReportSubmitted(ID, INTERIM_DUE.dueDate(), 800_000, null));
    }

    @Test
    void givenAttachedReport_whenTheOwnerSubmitsTheInterimReportWithIt_thenInterimReportSubmitted() {
        DocumentAttached report = new DocumentAttached(
                ID,
                new DocumentId("delredovisning"),
                DocumentKind.REPORT,
                null,
                "delredovisning.pdf",
                "application/pdf",
                1_024,
                "ab".repeat(32));

        givenOn(AFTER_GRANT, append(granted(), report))
                .when(new SubmitInterimReport(ID, 800_000, new DocumentId("delredovisning"), OWNER))
                .expectEvents(new InterimReportSubmitted(
                        ID, INTERIM_DUE.dueDate(), 800_000, new DocumentId("delredovisning")));
    }

    @Test
    void givenGrantedApplication_whenTheReportNamesAnUnknownDocument_thenRefusedAsDocumentNotFound() {
        expectRefused(
                givenOn(AFTER_GRANT, granted())
                        .when(new SubmitInterimReport(ID, 800_000, new DocumentId("missing"), OWNER)),
                ErrorCode.DOCUMENT_NOT_FOUND);
    }

    @Test
    void givenSubmittedApplication_whenTheOwnerSubmitsAReport_thenRefusedAsFundsNotGranted() {
        expectRefused(
                givenOn(AFTER_GRANT, submitted()).when(new SubmitInterimReport(ID, 0, null, OWNER)),
                ErrorCode.FUNDS_NOT_GRANTED);
        expectRefused(
                givenOn(AFTER_GRANT, submitted()).when(new SubmitFinalReport(ID, 0, null, OWNER)),
                ErrorCode.FUNDS_NOT_GRANTED);
    }

    @Test
    void givenInterimReportSubmitted_whenTheOwnerSubmitsItAgain_thenRefusedAsReportAlreadySubmitted() {
        expectRefused(
                givenOn(AFTER_GRANT, append(granted(), interimReported(800_000)))
                        .when(new SubmitInterimReport(ID, 900_000, null, OWNER)),
                ErrorCode.REPORT_ALREADY_SUBMITTED);
    }

    @Test
    void givenGrantWithoutInterimReport_whenTheOwnerSubmitsAnInterimReport_thenRefusedAsReportNotRequired() {
        expectRefused(
                givenOn(AFTER_GRANT, append(submitted(), granted(List.of(FINAL_DUE))))
                        .when(new SubmitInterimReport(ID, 800_000, null, OWNER)),
                ErrorCode.REPORT_NOT_REQUIRED);
    }

    @Test
    void givenInterimReportDue_whenTheOwnerSubmitsTheFinalReportFirst_thenRefusedAsInterimReportMissing() {
        expectRefused(
                givenOn(AFTER_GRANT, granted()).when(new SubmitFinalReport(ID, 3_000_000, null, OWNER)),
                ErrorCode.INTERIM_REPORT_MISSING);
    }

    @Test
    void givenInterimReportSubmitted_whenTheOwnerSubmitsTheFinalReport_thenFinalReportSubmitted() {
        givenOn(AFTER_GRANT, append(granted(), interimReported(800_000)))
                .when(new SubmitFinalReport(ID, 2_900_000, null, OWNER))
                .expectEvents(new FinalReportSubmitted(ID, FINAL_DUE.dueDate(), 2_900_000, null));
    }

    @Test
    void givenGrantWithoutInterimReport_whenTheOwnerSubmitsTheFinalReport_thenFinalReportSubmitted() {
        givenOn(AFTER_GRANT, append(submitted(), granted(List.of(FINAL_DUE))))
                .when(new SubmitFinalReport(ID, 2_900_000, null, OWNER))
                .expectEvents(new FinalReportSubmitted(ID, FINAL_DUE.dueDate(), 2_900_000, null));
    }

    @Test
    void givenFinalReportSubmitted_whenTheOwnerSubmitsItAgain_thenRefusedAsReportAlreadySubmitted() {
        expectRefused(
                givenOn(AFTER_GRANT, reportedInFull(2_900_000)).when(new SubmitFinalReport(ID, 2_900_000, null, OWNER)),
                ErrorCode.REPORT_ALREADY_SUBMITTED);
    }

    @Test
    void givenGrantedApplication_whenTheReportedUseIsNegative_thenRefusedAsAmountInvalid() {
        expectRefused(
                givenOn(AFTER_GRANT, granted()).when(new SubmitInterimReport(ID, -1, null, OWNER)),
                ErrorCode.AMOUNT_INVALID);
    }

    @Test
    void givenGrantedApplication_whenAParticipantSubmitsAReport_thenRefusedAsNotProjectOwner() {
        expectRefused(
                givenOn(AFTER_GRANT, granted()).when(new SubmitInterimReport(ID, 1, null, officer(DANDERYD))),
                ErrorCode.NOT_PROJECT_OWNER);
    }

    // --- repayment

    @Test
    void givenFinalReportShowsUnusedFunds_whenTheFunderClaimsRepayment_thenRepaymentClaimed() {
        givenOn(AFTER_GRANT, reportedInFull(2_900_000))
                .when(repay(100_000, FUNDER))
                .expectEvents(new RepaymentClaimed(ID, 100_000, 100_000, "Outnyttjade medel"));
    }

    @Test
    void givenInterimReportShowsLessUsedThanRequisitioned_whenTheFunderClaimsRepayment_thenRepaymentClaimed() {
        givenOn(
                        AFTER_GRANT,
                        append(granted(), new FundsRequisitioned(ID, 2_000_000, 2_000_000), interimReported(500_000)))
                .when(repay(1_500_000, FUNDER))
                .expectEvents(new RepaymentClaimed(ID, 1_500_000, 1_500_000, "Outnyttjade medel"));
    }

    @Test
    void givenGrantedApplicationWithoutReports_whenTheFunderClaimsRepayment_thenRefusedAsRepaymentNotDue() {
        expectRefused(
                givenOn(AFTER_GRANT, append(granted(), new FundsRequisitioned(ID, 2_000_000, 2_000_000)))
                        .when(repay(1_000, FUNDER)),
                ErrorCode.REPAYMENT_NOT_DUE);
    }

    @Test
    void givenInterimReportShowsAllFundsUsed_whenTheFunderClaimsRepayment_thenRefusedAsRepaymentNotDue() {
        expectRefused(
                givenOn(
                                AFTER_GRANT,
                                append(
                                        granted(),
                                        new FundsRequisitioned(ID, 500_000, 500_000),
                                        interimReported(500_000)))
                        .when(repay(1_000, FUNDER)),
                ErrorCode.REPAYMENT_NOT_DUE);
    }

    @Test
    void givenSubmittedApplication_whenTheFunderClaimsRepayment_thenRefusedAsFundsNotGranted() {
        expectRefused(givenOn(AFTER_GRANT, submitted()).when(repay(1_000, FUNDER)), ErrorCode.FUNDS_NOT_GRANTED);
    }

    @Test
    void givenFinalReport_whenClaimingMoreThanWasPaidOut_thenRefusedAsRepaymentExceedsRequisitioned() {
        expectRefused(
                givenOn(
                                AFTER_GRANT,
                                append(
                                        reportedInFull(2_900_000),
                                        new RepaymentClaimed(ID, 100_000, 100_000, "Outnyttjade medel")))
                        .when(repay(GRANTED_SEK - 100_000 + 1, FUNDER)),
                ErrorCode.REPAYMENT_EXCEEDS_REQUISITIONED);
    }

    @Test
    void givenFinalReport_whenTheOwnerClaimsRepayment_thenRefusedAsNotFunder() {
        expectRefused(givenOn(AFTER_GRANT, reportedInFull(2_900_000)).when(repay(1_000, OWNER)), ErrorCode.NOT_FUNDER);
    }

    @Test
    void givenFinalReport_whenRepaymentIsZero_thenRefusedAsAmountInvalid() {
        expectRefused(givenOn(AFTER_GRANT, reportedInFull(2_900_000)).when(repay(0, FUNDER)), ErrorCode.AMOUNT_INVALID);
    }

    // --- closing

    @Test
    void givenFinalReportSubmitted_whenTheFunderCloses_thenApplicationClosed() {
        givenOn(AFTER_GRANT, reportedInFull(3_000_000))
                .when(new CloseApplication(ID, "Slutredovisning godkänd", FUNDER))
                .expectEvents(new ApplicationClosed(ID, "Slutredovisning godkänd"))
                .expectState(application -> {
                    assertThat(application.state().status()).isEqualTo(Status.CLOSED);
                    assertThat(application.state().statusBeforeClosing()).isEqualTo(Status.GRANTED);
                });
    }

    @Test
    void givenRejectedApplication_whenTheOwnerCloses_thenApplicationClosed() {
        givenOn(AFTER_GRANT, rejected())
                .when(new CloseApplication(ID, "Avslag", OWNER))
                .expectEvents(new ApplicationClosed(ID, "Avslag"));
    }

    @Test
    void givenGrantedApplicationWithoutFinalReport_whenTheFunderCloses_thenRefusedAsApplicationNotClosable() {
        expectRefused(
                givenOn(AFTER_GRANT, append(granted(), interimReported(1)))
                        .when(new CloseApplication(ID, "Klart", FUNDER)),
                ErrorCode.APPLICATION_NOT_CLOSABLE);
    }

    @Test
    void givenOpenApplication_whenTheOwnerCloses_thenRefusedAsApplicationNotClosable() {
        expectRefused(
                given(Story.readyToSubmit()).when(new CloseApplication(ID, "Klart", OWNER)),
                ErrorCode.APPLICATION_NOT_CLOSABLE);
    }

    @Test
    void givenRejectedApplication_whenAParticipantCloses_thenRefusedAsNotProjectOwner() {
        expectRefused(
                givenOn(AFTER_GRANT, rejected()).when(new CloseApplication(ID, "Avslag", officer(DANDERYD))),
                ErrorCode.NOT_PROJECT_OWNER);
    }

    @Test
    void givenClosedApplication_whenAnythingIsAsked_thenRefusedAsApplicationClosed() {
        Object[] closed = append(reportedInFull(2_900_000), new ApplicationClosed(ID, "Klart"));
        AttachDocument document = Story.attach("efterhand", DocumentKind.OTHER, null, OWNER);

        expectRefused(
                givenOn(AFTER_GRANT, closed).when(new CloseApplication(ID, "Igen", FUNDER)),
                ErrorCode.APPLICATION_CLOSED);
        expectRefused(givenOn(AFTER_GRANT, closed).when(repay(1_000, FUNDER)), ErrorCode.APPLICATION_CLOSED);
        expectRefused(givenOn(AFTER_GRANT, closed).when(document), ErrorCode.APPLICATION_CLOSED);
        expectRefused(givenOn(AFTER_GRANT, closed).when(Story.join(DANDERYD)), ErrorCode.APPLICATION_CLOSED);
        expectRefused(givenOn(AFTER_GRANT, closed).when(requisition(1, OWNER)), ErrorCode.APPLICATION_CLOSED);
    }

    private static RequisitionFunds requisition(long amountSek, Actor actor) {
        return new RequisitionFunds(ID, amountSek, actor);
    }

    private static ClaimRepayment repay(long amountSek, Actor actor) {
        return new ClaimRepayment(ID, amountSek, "Outnyttjade medel", actor);
    }

    private static InterimReportSubmitted interimReported(long usedSek) {
        return new InterimReportSubmitted(ID, INTERIM_DUE.dueDate(), usedSek, null);
    }

    /** Granted; the whole grant requisitioned; interim and final reports submitted. */
    private static Object[] reportedInFull(long usedSek) {
        return append(
                granted(),
                new FundsRequisitioned(ID, GRANTED_SEK, GRANTED_SEK),
                interimReported(usedSek / 2),
                new FinalReportSubmitted(ID, FINAL_DUE.dueDate(), usedSek, null));
    }

    private static Object[] rejected() {
        return append(submitted(), new ApplicationRejected(ID, CASE_NUMBER, GRANT_DATE, "Medlen räcker inte."));
    }
}
