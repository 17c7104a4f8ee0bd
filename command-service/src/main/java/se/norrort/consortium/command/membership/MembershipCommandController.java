package se.norrort.consortium.command.membership;

import static se.norrort.consortium.command.web.RequestFields.municipality;
import static se.norrort.consortium.command.web.RequestFields.required;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.commands.CorrectDecisionReference;
import se.norrort.consortium.api.commands.DeclineParticipation;
import se.norrort.consortium.api.commands.InviteMunicipality;
import se.norrort.consortium.api.commands.JoinApplication;
import se.norrort.consortium.api.commands.WithdrawFromApplication;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.command.web.CommandDispatcher;
import se.norrort.consortium.command.web.DecisionRequest;

/**
 * The membership decisions of one municipality in an application: joining on a committee decision, being invited,
 * declining, withdrawing, and correcting the decision reference recorded at joining. All answer {@code 202 Accepted}.
 */
@RestController
@RequestMapping(
        path = "/api/applications/{applicationId}/municipalities/{code}",
        produces = MediaType.APPLICATION_JSON_VALUE)
public class MembershipCommandController {

    private final CommandDispatcher dispatcher;

    public MembershipCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Body of {@code POST .../join}: the committee decision that backs the join. */
    public record JoinRequest(DecisionRequest decision) {}

    /** Body of {@code .../decline}: why, and the committee decision if the municipality decided formally. */
    public record DeclineRequest(String reason, DecisionRequest decision) {}

    /** Body of {@code .../withdraw}: why, and the committee decision behind the withdrawal, if any. */
    public record WithdrawRequest(String reason, DecisionRequest decision) {}

    /**
     * Body of {@code .../decision-corrections}: the reference exactly as recorded at joining, the right one, and
     * why.
     */
    public record DecisionCorrectionRequest(
            DecisionRequest correctedReference, DecisionRequest newReference, String reason) {}

    /** The municipality {@code code} joins on its committee's decision. */
    @PostMapping(path = "/join", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> join(
            @PathVariable String applicationId,
            @PathVariable String code,
            @RequestBody JoinRequest request,
            ServerWebExchange exchange) {
        return dispatcher.accept(exchange, applicationId, actor -> {
            MunicipalityCode municipality = municipality(code, "code");
            if (request.decision() == null) {
                throw new IllegalArgumentException("A join needs the committee decision that backs it (decision).");
            }
            return new JoinApplication(
                    new ApplicationId(applicationId),
                    municipality,
                    request.decision().toReference(municipality),
                    actor);
        });
    }

    /** The project owner invites the municipality {@code code}; no body. */
    @PostMapping("/invite")
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> invite(
            @PathVariable String applicationId, @PathVariable String code, ServerWebExchange exchange) {
        return dispatcher.accept(
                exchange,
                applicationId,
                actor -> new InviteMunicipality(new ApplicationId(applicationId), municipality(code, "code"), actor));
    }

    @PostMapping(path = "/decline", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> decline(
            @PathVariable String applicationId,
            @PathVariable String code,
            @RequestBody DeclineRequest request,
            ServerWebExchange exchange) {
        return dispatcher.accept(exchange, applicationId, actor -> {
            MunicipalityCode municipality = municipality(code, "code");
            return new DeclineParticipation(
                    new ApplicationId(applicationId),
                    municipality,
                    request.reason(),
                    DecisionRequest.optional(request.decision(), municipality),
                    actor);
        });
    }

    @PostMapping(path = "/withdraw", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> withdraw(
            @PathVariable String applicationId,
            @PathVariable String code,
            @RequestBody WithdrawRequest request,
            ServerWebExchange exchange) {
        return dispatcher.accept(exchange, applicationId, actor -> {
            MunicipalityCode municipality = municipality(code, "code");
            return new WithdrawFromApplication(
                    new ApplicationId(applicationId),
                    municipality,
                    request.reason(),
                    DecisionRequest.optional(request.decision(), municipality),
                    actor);
        });
    }

    @PostMapping(path = "/decision-corrections", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> correctDecision(
            @PathVariable String applicationId,
            @PathVariable String code,
            @RequestBody DecisionCorrectionRequest request,
            ServerWebExchange exchange) {
        return dispatcher.accept(exchange, applicationId, actor -> {
            MunicipalityCode municipality = municipality(code, "code");
            DecisionRequest corrected = required(
                    request.correctedReference(),
                    "correctedReference is required: the decision reference exactly as recorded at joining.");
            DecisionRequest replacement =
                    required(request.newReference(), "newReference is required: the right decision reference.");
            return new CorrectDecisionReference(
                    new ApplicationId(applicationId),
                    municipality,
                    corrected.toReference(municipality),
                    replacement.toReference(municipality),
                    request.reason(),
                    actor);
        });
    }
}
