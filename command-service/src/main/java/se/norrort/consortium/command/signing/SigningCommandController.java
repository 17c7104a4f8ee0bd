package se.norrort.consortium.command.signing;

import static se.norrort.consortium.command.web.CommandAnswers.createdAt;
import static se.norrort.consortium.command.web.RequestFields.idOrNew;
import static se.norrort.consortium.command.web.RequestFields.municipality;
import static se.norrort.consortium.command.web.RequestFields.required;

import java.net.URI;
import java.time.LocalDate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.commands.DelegateSignature;
import se.norrort.consortium.api.commands.RevokeSignatureDelegation;
import se.norrort.consortium.api.commands.SignCooperationForm;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.PersonId;
import se.norrort.consortium.command.web.CommandDispatcher;
import se.norrort.consortium.command.web.CurrentActor;
import se.norrort.consortium.command.web.DecisionRequest;

/**
 * Delegating the signing of a municipality's cooperation form (samverkansblankett), revoking such a delegation, and
 * signing under one.
 */
@RestController
@RequestMapping(
        path = "/api/applications/{applicationId}/municipalities/{code}",
        produces = MediaType.APPLICATION_JSON_VALUE)
public class SigningCommandController {

    private final CommandDispatcher dispatcher;
    private final CurrentActor currentActor;

    public SigningCommandController(CommandDispatcher dispatcher, CurrentActor currentActor) {
        this.dispatcher = dispatcher;
        this.currentActor = currentActor;
    }

    /**
     * Body of {@code POST .../delegations}.
     *
     * @param delegationId the new delegation's id; the server chooses one when absent (supply it to make a retry
     *                     idempotent: a second delegation with the same id is refused with 409)
     * @param decision     the committee decision that delegates
     * @param delegate     the person id of the delegate, who will sign as actor with that id
     * @param delegateName the delegate's name as the decision records it, e.g. "Britt-Marie Ekström"
     * @param delegateRole the delegate's role as the decision records it, e.g. "socialdirektör"
     * @param scope        what the delegate may do, in the decision's words
     * @param validUntil   last day the delegation may be used ({@code YYYY-MM-DD}); absent when the decision sets no
     *                     end
     */
    public record DelegationRequest(
            String delegationId,
            DecisionRequest decision,
            String delegate,
            String delegateName,
            String delegateRole,
            String scope,
            LocalDate validUntil) {}

    /** Answer to a recorded delegation: the usual receipt plus the delegation's id. */
    public record DelegationAccepted(String applicationId, String delegationId, Long version, Long position) {}

    /** Body of {@code POST .../delegations/{delegationId}/revoke}. */
    public record RevocationRequest(String reason) {}

    /**
     * Body of {@code POST .../signature}, optional.
     *
     * @param delegationId the delegation the signatory signs under; when absent the application picks the
     *                     signatory's active delegation of that municipality
     */
    public record SignatureRequest(String delegationId) {}

    /** Records a delegation; {@code 201 Created} with the delegation's location and id. */
    @PostMapping(path = "/delegations", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<DelegationAccepted>> delegate(
            @PathVariable String applicationId,
            @PathVariable String code,
            @RequestBody DelegationRequest request,
            ServerWebExchange exchange) {
        return currentActor.of(exchange).flatMap(actor -> {
            MunicipalityCode municipality = municipality(code, "code");
            DelegationId delegationId = new DelegationId(idOrNew(request.delegationId()));
            DecisionRequest decision = required(
                    request.decision(), "A delegation needs the committee decision that delegates (decision).");
            PersonId delegate = new PersonId(
                    required(request.delegate(), "delegate is required: the person id of the person who may sign."));
            var command = new DelegateSignature(
                    new ApplicationId(applicationId),
                    delegationId,
                    municipality,
                    decision.toReference(municipality),
                    delegate,
                    request.delegateName(),
                    request.delegateRole(),
                    request.scope(),
                    request.validUntil(),
                    actor);
            URI location = URI.create("/api/applications/" + applicationId + "/municipalities/" + municipality
                    + "/delegations/" + delegationId);
            return dispatcher
                    .send(applicationId, command, actor, exchange, null)
                    .map(accepted -> createdAt(
                            location,
                            accepted.version(),
                            new DelegationAccepted(
                                    accepted.applicationId(), delegationId.value(),
                                    accepted.version(), accepted.position())));
        });
    }

    @PostMapping(path = "/delegations/{delegationId}/revoke", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> revoke(
            @PathVariable String applicationId,
            @PathVariable String code,
            @PathVariable String delegationId,
            @RequestBody RevocationRequest request,
            ServerWebExchange exchange) {
        return dispatcher.accept(
                exchange,
                applicationId,
                actor -> new RevokeSignatureDelegation(
                        new ApplicationId(applicationId),
                        new DelegationId(delegationId),
                        municipality(code, "code"),
                        request.reason(),
                        actor));
    }

    /**
     * The current actor signs the municipality's cooperation form as the delegate (their person id is the
     * signatory). The delegation named in the body goes into the events' metadata ({@code delegationId}); when none
     * is named, the application picks the signatory's active delegation and records it in the
     * {@code CooperationFormSigned} event itself, but the metadata cannot name it.
     */
    @PostMapping("/signature")
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> sign(
            @PathVariable String applicationId,
            @PathVariable String code,
            @RequestBody(required = false) SignatureRequest request,
            ServerWebExchange exchange) {
        return dispatcher.accept(
                exchange,
                applicationId,
                actor -> {
                    DelegationId delegationId = request == null || request.delegationId() == null
                            ? null
                            : new DelegationId(request.delegationId());
                    return new SignCooperationForm(
                            new ApplicationId(applicationId), municipality(code, "code"), delegationId, actor);
                },
                signed -> signed.delegationId() == null
                        ? null
                        : signed.delegationId().value());
    }
}
