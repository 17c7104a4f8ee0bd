package se.norrort.consortium.command.submission;

import static se.norrort.consortium.command.web.RequestFields.municipality;
import static se.norrort.consortium.command.web.RequestFields.wholeKronor;
import static se.norrort.consortium.command.web.RequestFields.year;

import java.math.BigDecimal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.commands.SetBudgetLine;
import se.norrort.consortium.api.commands.SubmitApplication;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.command.web.CommandDispatcher;

/**
 * Preparing an application for the funder: the municipalities' budget lines, and the submission itself. (Documents
 * are attached through {@code command.documents}.)
 */
@RestController
@RequestMapping(path = "/api/applications/{applicationId}", produces = MediaType.APPLICATION_JSON_VALUE)
public class SubmissionCommandController {

    private final CommandDispatcher dispatcher;

    public SubmissionCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * Body of {@code POST .../municipalities/{code}/budget-lines}: the municipality's amount for one calendar year,
     * replacing any earlier line for that year.
     *
     * @param year      the calendar year, within the project period
     * @param amountSek whole kronor, not negative (a fraction is refused, not truncated)
     */
    public record BudgetLineRequest(BigDecimal year, BigDecimal amountSek) {}

    @PostMapping(path = "/municipalities/{code}/budget-lines", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> setBudgetLine(
            @PathVariable String applicationId,
            @PathVariable String code,
            @RequestBody BudgetLineRequest request,
            ServerWebExchange exchange) {
        return dispatcher.accept(
                exchange,
                applicationId,
                actor -> new SetBudgetLine(
                        new ApplicationId(applicationId),
                        municipality(code, "code"),
                        year(request.year(), "year"),
                        wholeKronor(request.amountSek(), "amountSek"),
                        actor));
    }

    /** The project owner submits the application to the funder; no body. */
    @PostMapping("/submission")
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> submit(
            @PathVariable String applicationId, ServerWebExchange exchange) {
        return dispatcher.accept(
                exchange, applicationId, actor -> new SubmitApplication(new ApplicationId(applicationId), actor));
    }
}
