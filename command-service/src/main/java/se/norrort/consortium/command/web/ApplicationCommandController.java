package se.norrort.consortium.command.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import se.norrort.consortium.command.web.quota.ApplicationQuota;
import se.norrort.consortium.api.commands.JoinApplication;
import se.norrort.consortium.api.commands.OpenApplication;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.MunicipalityCode;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The command API of consortium applications: one endpoint per decision. */
@RestController
@RequestMapping(path = "/api/applications", produces = MediaType.APPLICATION_JSON_VALUE)
public class ApplicationCommandController {

    private final CommandDispatcher dispatcher;
    private final CurrentActor currentActor;
    private final ApplicationQuota quota;

    public ApplicationCommandController(CommandDispatcher dispatcher, CurrentActor currentActor,
                                        ApplicationQuota quota) {
        this.dispatcher = dispatcher;
        this.currentActor = currentActor;
        this.quota = quota;
    }

    /** Body of {@code POST /api/applications}; {@code applicationId} may be supplied for idempotent creation. */
    public record OpenApplicationRequest(String applicationId, String ownerMunicipality, LegalBasis legalBasis,
                                         String funderName, String title, List<String> targetGroups,
                                         LocalDate periodStart, LocalDate periodEnd, LocalDate joiningDeadline,
                                         Long appliedAmountSek, List<String> invitedMunicipalities) {
    }

    /** Body of {@code POST .../municipalities/{code}/join}: the committee decision that backs the join. */
    public record JoinRequest(DecisionRequest decision) {
    }

    /** A committee decision reference as sent by clients. */
    public record DecisionRequest(String body, LocalDate meetingDate, String paragraph, Boolean immediateAdjustment,
                                  LocalDate announcementDate) {

        DecisionReference toReference(MunicipalityCode municipality) {
            if (this.body == null || meetingDate == null || paragraph == null || announcementDate == null) {
                throw new IllegalArgumentException("A decision reference needs body, meetingDate, paragraph and"
                                                           + " announcementDate.");
            }
            return new DecisionReference(municipality, body, meetingDate, paragraph,
                                         Boolean.TRUE.equals(immediateAdjustment), announcementDate);
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> open(@RequestBody OpenApplicationRequest request,
                                                                 ServerWebExchange exchange) {
        return currentActor.of(exchange).flatMap(actor -> {
            ApplicationId id = new ApplicationId(request.applicationId() == null
                                                 ? UUID.randomUUID().toString() : request.applicationId());
            if (request.appliedAmountSek() == null) {
                throw new IllegalArgumentException("appliedAmountSek is required (whole kronor).");
            }
            var command = new OpenApplication(
                    id, code(request.ownerMunicipality(), "ownerMunicipality"), request.legalBasis(),
                    request.funderName(), request.title(), request.targetGroups(), request.periodStart(),
                    request.periodEnd(), request.joiningDeadline(), request.appliedAmountSek(),
                    request.invitedMunicipalities() == null ? null
                            : request.invitedMunicipalities().stream().map(c -> code(c, "invitedMunicipalities"))
                                     .toList(),
                    actor);
            String owner = command.ownerMunicipality().toString();
            return quota.reserve(owner, id.toString())
                        .then(dispatcher.send(id.toString(), command, actor, exchange, null))
                        .onErrorResume(e -> !(e instanceof AggregateStreamCreationException)
                                            && !(e instanceof ApiProblem problem
                                                 && "QUOTA_EXCEEDED".equals(problem.code())),
                                       e -> quota.release(owner, id.toString()).then(Mono.error(e)));
        }).map(accepted -> created(accepted));
    }

    @PostMapping(path = "/{applicationId}/municipalities/{code}/join", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> join(@PathVariable String applicationId,
                                                                 @PathVariable String code,
                                                                 @RequestBody JoinRequest request,
                                                                 ServerWebExchange exchange) {
        return currentActor.of(exchange).flatMap(actor -> {
            MunicipalityCode municipality = code(code, "code");
            if (request.decision() == null) {
                throw new IllegalArgumentException("A join needs the committee decision that backs it (decision).");
            }
            var command = new JoinApplication(new ApplicationId(applicationId), municipality,
                                              request.decision().toReference(municipality), actor);
            return dispatcher.send(applicationId, command, actor, exchange, null);
        }).map(ApplicationCommandController::accepted);
    }

    private static MunicipalityCode code(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required (a 4-digit municipality code).");
        }
        return new MunicipalityCode(value);
    }

    static ResponseEntity<CommandDispatcher.Accepted> created(CommandDispatcher.Accepted accepted) {
        return withVersion(ResponseEntity.created(URI.create("/api/applications/" + accepted.applicationId())),
                           accepted);
    }

    static ResponseEntity<CommandDispatcher.Accepted> accepted(CommandDispatcher.Accepted accepted) {
        return withVersion(ResponseEntity.status(HttpStatus.ACCEPTED), accepted);
    }

    private static ResponseEntity<CommandDispatcher.Accepted> withVersion(ResponseEntity.BodyBuilder builder,
                                                                          CommandDispatcher.Accepted accepted) {
        if (accepted.version() != null) {
            builder.eTag("\"" + accepted.version() + "\"");
        }
        return builder.body(accepted);
    }
}
