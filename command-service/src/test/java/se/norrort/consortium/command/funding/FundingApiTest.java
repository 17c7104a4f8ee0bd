package se.norrort.consortium.command.funding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.norrort.consortium.command.web.CommandApiScenarioBase;
import se.norrort.consortium.eventstore.StoredEvent;

/** The funder's decision and the follow-up after a grant, over HTTP. */
class FundingApiTest extends CommandApiScenarioBase {

    private static String path(String id, String command) {
        return "/api/applications/" + id + "/" + command;
    }

    // --- award

    @Test
    void givenASubmittedApplication_whenTheFunderGrantsLessThanApplied_thenAcceptedAndRecorded() {
        submitted("app-award");

        asFunder(path("app-award", "award"))
                .bodyValue(awardJson(GRANTED_SEK, today()))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(8);

        StoredEvent granted = lastEvent("app-award");
        assertThat(granted.payloadType()).isEqualTo("AwardGranted");
        assertThat(granted.payload())
                .contains("\"amountSek\":" + GRANTED_SEK)
                .contains("\"appliedAmountSek\":" + APPLIED_SEK)
                .contains("851-41235-");
    }

    @Test
    void givenASubmittedApplication_whenAMunicipalityGrants_thenProblem403NotFunder() {
        submitted("app-award-officer");

        expectRefused(
                post(path("app-award-officer", "award"), SIGTUNA).bodyValue(awardJson(GRANTED_SEK, today())),
                403,
                "NOT_FUNDER");
    }

    @Test
    void givenASubmittedApplication_whenTheGrantIsInvalid_thenProblem400AndNothingStored() {
        submitted("app-award-invalid");

        expectRefused(
                asFunder(path("app-award-invalid", "award")).bodyValue(awardJson(APPLIED_SEK + 1, today())),
                400,
                "GRANT_EXCEEDS_APPLIED");
        expectRefused(
                asFunder(path("app-award-invalid", "award")).bodyValue(awardJson(GRANTED_SEK, today().plusDays(3))),
                400,
                "DECISION_DATE_IN_FUTURE");
        expectRefused(
                asFunder(path("app-award-invalid", "award"))
                        .bodyValue("{\"caseNumber\":\"851-1\",\"decisionDate\":\"" + today() + "\"}"),
                400,
                "INVALID_REQUEST");
        expectRefused(
                asFunder(path("app-award-invalid", "award"))
                        .bodyValue(awardJson(GRANTED_SEK, today()).replace("\"INTERIM\"", "\"FINAL\"")),
                400,
                "REPORT_DUE_DATES_INVALID");
    }

    @Test
    void givenAnApplicationNotYetSubmitted_whenTheFunderGrants_thenProblem409() {
        readyToSubmit("app-award-early");

        expectRefused(
                asFunder(path("app-award-early", "award")).bodyValue(awardJson(GRANTED_SEK, today())),
                409,
                "APPLICATION_NOT_SUBMITTED");
    }

    // --- rejection

    @Test
    void givenASubmittedApplication_whenTheFunderRejects_thenAccepted() {
        submitted("app-reject");

        asFunder(path("app-reject", "rejection"))
                .bodyValue("{\"caseNumber\":\"851-1-2026\",\"decisionDate\":\"" + today()
                        + "\",\"reason\":\"Medlen räcker inte\"}")
                .exchange()
                .expectStatus()
                .isAccepted();

        assertThat(lastEvent("app-reject").payloadType()).isEqualTo("ApplicationRejected");
    }

    @Test
    void givenAGrantedApplication_whenTheFunderRejects_thenProblem409AndNothingStored() {
        granted("app-reject-granted");

        expectRefused(
                asFunder(path("app-reject-granted", "rejection"))
                        .bodyValue("{\"caseNumber\":\"851-1-2026\",\"decisionDate\":\"" + today()
                                + "\",\"reason\":\"Ångrat\"}"),
                409,
                "FUNDING_ALREADY_DECIDED");
        expectRefused(
                asFunder(path("app-reject-granted", "rejection"))
                        .bodyValue("{\"caseNumber\":\"851-1-2026\",\"decisionDate\":\"not-a-date\","
                                + "\"reason\":\"Ångrat\"}"),
                400,
                "INVALID_REQUEST");
    }

    // --- requisitions

    @Test
    void givenAGrant_whenTheOwnerRequisitionsPartOfIt_thenAccepted() {
        granted("app-requisition");

        post(path("app-requisition", "requisitions"), SIGTUNA)
                .bodyValue("{\"amountSek\":600000}")
                .exchange()
                .expectStatus()
                .isAccepted();

        StoredEvent requisitioned = lastEvent("app-requisition");
        assertThat(requisitioned.payloadType()).isEqualTo("FundsRequisitioned");
        assertThat(requisitioned.payload()).contains("600000");
    }

    @Test
    void givenAGrant_whenRequisitioningMoreThanGranted_thenProblem409AndNothingStored() {
        granted("app-requisition-too-much");

        expectRefused(
                post(path("app-requisition-too-much", "requisitions"), SIGTUNA)
                        .bodyValue("{\"amountSek\":" + (GRANTED_SEK + 1) + "}"),
                409,
                "REQUISITION_EXCEEDS_GRANT");
        expectRefused(
                post(path("app-requisition-too-much", "requisitions"), SIGTUNA).bodyValue("{}"),
                400,
                "INVALID_REQUEST");
        expectRefused(
                post(path("app-requisition-too-much", "requisitions"), SIGTUNA).bodyValue("{\"amountSek\":600000.99}"),
                400,
                "INVALID_REQUEST");
    }

    // --- interim report

    @Test
    void givenAGrant_whenTheOwnerSubmitsTheInterimReport_thenAccepted() {
        granted("app-interim");

        post(path("app-interim", "interim-report"), SIGTUNA)
                .bodyValue("{\"usedAmountSek\":500000}")
                .exchange()
                .expectStatus()
                .isAccepted();

        assertThat(lastEvent("app-interim").payloadType()).isEqualTo("InterimReportSubmitted");
    }

    @Test
    void givenNoGrant_whenSubmittingTheInterimReport_thenProblem409FundsNotGranted() {
        submitted("app-interim-early");

        expectRefused(
                post(path("app-interim-early", "interim-report"), SIGTUNA).bodyValue("{\"usedAmountSek\":500000}"),
                409,
                "FUNDS_NOT_GRANTED");
    }

    @Test
    void givenAGrant_whenTheInterimReportNamesAnUnknownDocument_thenProblem404() {
        granted("app-interim-document");

        expectRefused(
                post(path("app-interim-document", "interim-report"), SIGTUNA)
                        .bodyValue("{\"usedAmountSek\":500000,\"reportDocumentId\":\"no-such-report\"}"),
                404,
                "DOCUMENT_NOT_FOUND");
    }

    // --- final report

    @Test
    void givenTheInterimReport_whenTheOwnerSubmitsTheFinalReportWithItsDocument_thenAccepted() {
        granted("app-final");
        post(path("app-final", "interim-report"), SIGTUNA)
                .bodyValue("{\"usedAmountSek\":500000}")
                .exchange()
                .expectStatus()
                .isAccepted();
        post(path("app-final", "documents"), SIGTUNA)
                .contentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA)
                .bodyValue(se.norrort.consortium.command.web.DocumentUploadSupport.upload(
                        "%PDF-1.7 slutrapport".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "slutrapport.pdf",
                        org.springframework.http.MediaType.APPLICATION_PDF,
                        "kind",
                        "REPORT",
                        "documentId",
                        "slutrapport-app-final"))
                .exchange()
                .expectStatus()
                .isCreated();

        post(path("app-final", "final-report"), SIGTUNA)
                .bodyValue("{\"usedAmountSek\":1500000,\"reportDocumentId\":\"slutrapport-app-final\"}")
                .exchange()
                .expectStatus()
                .isAccepted();

        StoredEvent report = lastEvent("app-final");
        assertThat(report.payloadType()).isEqualTo("FinalReportSubmitted");
        assertThat(report.payload()).contains("slutrapport");
    }

    @Test
    void givenAGrantWithAnInterimReportDue_whenTheFinalReportComesFirst_thenProblem409AndNothingStored() {
        granted("app-final-early");

        expectRefused(
                post(path("app-final-early", "final-report"), SIGTUNA).bodyValue("{\"usedAmountSek\":1}"),
                409,
                "INTERIM_REPORT_MISSING");
    }

    // --- repayment claims

    @Test
    void givenTheFinalReportShowsUnusedFunds_whenTheFunderClaimsRepayment_thenAccepted() {
        reportedInFull("app-repay", 1_000_000, 900_000);

        asFunder(path("app-repay", "repayment-claims"))
                .bodyValue("{\"amountSek\":100000,\"reason\":\"Outnyttjade medel\"}")
                .exchange()
                .expectStatus()
                .isAccepted();

        StoredEvent claim = lastEvent("app-repay");
        assertThat(claim.payloadType()).isEqualTo("RepaymentClaimed");
        assertThat(claim.payload()).contains("100000");
    }

    @Test
    void givenTheFinalReport_whenTheOwnerClaimsRepayment_thenProblem403NotFunder() {
        reportedInFull("app-repay-owner", 1_000_000, 900_000);

        expectRefused(
                post(path("app-repay-owner", "repayment-claims"), SIGTUNA)
                        .bodyValue("{\"amountSek\":100000,\"reason\":\"Outnyttjade medel\"}"),
                403,
                "NOT_FUNDER");
        expectRefused(
                asFunder(path("app-repay-owner", "repayment-claims"))
                        .bodyValue("{\"amountSek\":1000001,\"reason\":\"För mycket\"}"),
                409,
                "REPAYMENT_EXCEEDS_REQUISITIONED");
    }

    // --- closure

    @Test
    void givenARejection_whenTheOwnerCloses_thenAccepted() {
        submitted("app-close");
        asFunder(path("app-close", "rejection"))
                .bodyValue("{\"caseNumber\":\"851-2-2026\",\"decisionDate\":\"" + today() + "\",\"reason\":\"Avslag\"}")
                .exchange()
                .expectStatus()
                .isAccepted();

        post(path("app-close", "closure"), SIGTUNA)
                .bodyValue("{\"reason\":\"Ärendet avslutas efter avslag\"}")
                .exchange()
                .expectStatus()
                .isAccepted();

        assertThat(lastEvent("app-close").payloadType()).isEqualTo("ApplicationClosed");
    }

    @Test
    void givenAGrantWithoutFinalReport_whenClosing_thenProblem409AndNothingStored() {
        granted("app-close-early");

        expectRefused(
                asFunder(path("app-close-early", "closure")).bodyValue("{\"reason\":\"Klart\"}"),
                409,
                "APPLICATION_NOT_CLOSABLE");
        expectRefused(asFunder(path("app-close-early", "closure")).bodyValue("{}"), 400, "INVALID_REQUEST");
    }

    @Test
    void givenAClosedApplication_whenAnythingIsSent_thenProblem409ApplicationClosed() {
        reportedInFull("app-closed", 1_000_000, 1_000_000);
        post(path("app-closed", "closure"), SIGTUNA)
                .bodyValue("{\"reason\":\"Slutredovisat\"}")
                .exchange()
                .expectStatus()
                .isAccepted();

        expectRefused(
                asFunder(path("app-closed", "repayment-claims")).bodyValue("{\"amountSek\":1,\"reason\":\"Sent\"}"),
                409,
                "APPLICATION_CLOSED");
    }

    /** Granted, {@code requisitionedSek} paid out, both reports submitted with {@code usedSek} used. */
    private void reportedInFull(String id, long requisitionedSek, long usedSek) {
        granted(id);
        post(path(id, "requisitions"), SIGTUNA)
                .bodyValue("{\"amountSek\":" + requisitionedSek + "}")
                .exchange()
                .expectStatus()
                .isAccepted();
        post(path(id, "interim-report"), SIGTUNA)
                .bodyValue("{\"usedAmountSek\":" + usedSek / 2 + "}")
                .exchange()
                .expectStatus()
                .isAccepted();
        post(path(id, "final-report"), SIGTUNA)
                .bodyValue("{\"usedAmountSek\":" + usedSek + "}")
                .exchange()
                .expectStatus()
                .isAccepted();
    }
}
