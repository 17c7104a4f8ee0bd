package se.norrort.consortium.command.funding;

import static se.norrort.consortium.command.web.RequestFields.required;
import static se.norrort.consortium.command.web.RequestFields.wholeKronor;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.commands.ClaimRepayment;
import se.norrort.consortium.api.commands.CloseApplication;
import se.norrort.consortium.api.commands.GrantAward;
import se.norrort.consortium.api.commands.RejectApplication;
import se.norrort.consortium.api.commands.RequisitionFunds;
import se.norrort.consortium.api.commands.SubmitFinalReport;
import se.norrort.consortium.api.commands.SubmitInterimReport;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.ReportDueDate;
import se.norrort.consortium.api.values.ReportKind;
import se.norrort.consortium.command.web.CommandDispatcher;

/**
 * The funder's decision on a submitted application (grant or rejection) and what follows a grant: requisitions,
 * interim and final reports, repayment claims and closing. All answer {@code 202 Accepted}. Amounts are whole kronor
 * (JSON integers); a fraction is refused with 400, never truncated.
 */
@RestController
@RequestMapping(path = "/api/applications/{applicationId}", produces = MediaType.APPLICATION_JSON_VALUE)
public class FundingCommandController {

    private final CommandDispatcher dispatcher;

    public FundingCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * Body of {@code POST .../award}.
     *
     * @param amountSek      the granted amount, whole kronor; may be less than applied for
     * @param caseNumber     the funder's case number (diarienummer)
     * @param decisionDate   the date of the funder's decision ({@code YYYY-MM-DD})
     * @param conditions     the conditions of the grant, in words; may be absent
     * @param reportDueDates the reports required: exactly one {@code FINAL}, at most one {@code INTERIM}
     */
    public record AwardRequest(
            BigDecimal amountSek,
            String caseNumber,
            LocalDate decisionDate,
            String conditions,
            List<ReportDueRequest> reportDueDates) {}

    /** A report the funder requires and its due date ({@code YYYY-MM-DD}). */
    public record ReportDueRequest(ReportKind report, LocalDate dueDate) {

        ReportDueDate toDueDate() {
            if (report == null || dueDate == null) {
                throw new IllegalArgumentException("Each report due date needs report (INTERIM or FINAL) and dueDate.");
            }
            return new ReportDueDate(report, dueDate);
        }
    }

    /** Body of {@code POST .../rejection}. */
    public record RejectionRequest(String caseNumber, LocalDate decisionDate, String reason) {}

    /** Body of {@code POST .../requisitions}: the amount requisitioned now, whole kronor. */
    public record RequisitionRequest(BigDecimal amountSek) {}

    /**
     * Body of {@code POST .../interim-report} and {@code .../final-report}.
     *
     * @param usedAmountSek    the funds used (so far, or in all), whole kronor
     * @param reportDocumentId the attached report document, if any
     */
    public record ReportRequest(BigDecimal usedAmountSek, String reportDocumentId) {}

    /** Body of {@code POST .../repayment-claims}: the amount claimed back, whole kronor, and why. */
    public record RepaymentClaimRequest(BigDecimal amountSek, String reason) {}

    /** Body of {@code POST .../closure}. */
    public record ClosureRequest(String reason) {}

    @PostMapping(path = "/award", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> grant(
            @PathVariable String applicationId, @RequestBody AwardRequest request, ServerWebExchange exchange) {
        return dispatcher.accept(exchange, applicationId, actor -> {
            List<ReportDueDate> dueDates = request.reportDueDates() == null
                    ? List.of()
                    : request.reportDueDates().stream()
                            .map(due -> required(due, "reportDueDates must not contain empty entries."))
                            .map(ReportDueRequest::toDueDate)
                            .toList();
            return new GrantAward(
                    new ApplicationId(applicationId),
                    wholeKronor(request.amountSek(), "amountSek"),
                    request.caseNumber(),
                    request.decisionDate(),
                    request.conditions(),
                    dueDates,
                    actor);
        });
    }

    @PostMapping(path = "/rejection", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> reject(
            @PathVariable String applicationId, @RequestBody RejectionRequest request, ServerWebExchange exchange) {
        return dispatcher.accept(
                exchange,
                applicationId,
                actor -> new RejectApplication(
                        new ApplicationId(applicationId),
                        request.caseNumber(),
                        request.decisionDate(),
                        request.reason(),
                        actor));
    }

    @PostMapping(path = "/requisitions", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> requisition(
            @PathVariable String applicationId, @RequestBody RequisitionRequest request, ServerWebExchange exchange) {
        return dispatcher.accept(
                exchange,
                applicationId,
                actor -> new RequisitionFunds(
                        new ApplicationId(applicationId), wholeKronor(request.amountSek(), "amountSek"), actor));
    }

    @PostMapping(path = "/interim-report", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> submitInterimReport(
            @PathVariable String applicationId, @RequestBody ReportRequest request, ServerWebExchange exchange) {
        return dispatcher.accept(
                exchange,
                applicationId,
                actor -> new SubmitInterimReport(
                        new ApplicationId(applicationId), usedAmount(request), reportDocument(request), actor));
    }

    @PostMapping(path = "/final-report", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> submitFinalReport(
            @PathVariable String applicationId, @RequestBody ReportRequest request, ServerWebExchange exchange) {
        return dispatcher.accept(
                exchange,
                applicationId,
                actor -> new SubmitFinalReport(
                        new ApplicationId(applicationId), usedAmount(request), reportDocument(request), actor));
    }

    @PostMapping(path = "/repayment-claims", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> claimRepayment(
            @PathVariable String applicationId,
            @RequestBody RepaymentClaimRequest request,
            ServerWebExchange exchange) {
        return dispatcher.accept(
                exchange,
                applicationId,
                actor -> new ClaimRepayment(
                        new ApplicationId(applicationId),
                        wholeKronor(request.amountSek(), "amountSek"),
                        request.reason(),
                        actor));
    }

    @PostMapping(path = "/closure", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> close(
            @PathVariable String applicationId, @RequestBody ClosureRequest request, ServerWebExchange exchange) {
        return dispatcher.accept(
                exchange,
                applicationId,
                actor -> new CloseApplication(new ApplicationId(applicationId), request.reason(), actor));
    }

    private static long usedAmount(ReportRequest request) {
        return wholeKronor(request.usedAmountSek(), "usedAmountSek");
    }

    private static DocumentId reportDocument(ReportRequest request) {
        return request.reportDocumentId() == null ? null : new DocumentId(request.reportDocumentId());
    }
}
