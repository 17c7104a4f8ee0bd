package se.norrort.consortium.command.opening;

import static se.norrort.consortium.command.web.RequestFields.municipality;
import static se.norrort.consortium.command.web.RequestFields.wholeKronor;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.commands.OpenApplication;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.command.domain.ErrorCode;
import se.norrort.consortium.command.web.ApiProblem;
import se.norrort.consortium.command.web.CommandAnswers;
import se.norrort.consortium.command.web.CommandDispatcher;
import se.norrort.consortium.command.web.CurrentActor;

/**
 * Opening a consortium application ({@code POST /api/applications}, {@code 201 Created}); the owner municipality's
 * quota of open applications ({@link ApplicationQuota}) is reserved first and released when the opening is refused
 * (kept when the answer timed out: the command may still commit).
 */
@RestController
@RequestMapping(path = "/api/applications", produces = MediaType.APPLICATION_JSON_VALUE)
public class OpenApplicationController {

    private final CommandDispatcher dispatcher;
    private final CurrentActor currentActor;
    private final ApplicationQuota quota;

    public OpenApplicationController(CommandDispatcher dispatcher, CurrentActor currentActor, ApplicationQuota quota) {
        this.dispatcher = dispatcher;
        this.currentActor = currentActor;
        this.quota = quota;
    }

    /** Body of {@code POST /api/applications}; {@code applicationId} may be supplied for idempotent creation. */
    public record OpenApplicationRequest(
            String applicationId,
            String ownerMunicipality,
            LegalBasis legalBasis,
            String funderName,
            String title,
            List<String> targetGroups,
            LocalDate periodStart,
            LocalDate periodEnd,
            LocalDate joiningDeadline,
            BigDecimal appliedAmountSek,
            List<String> invitedMunicipalities) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CommandDispatcher.Accepted>> open(
            @RequestBody OpenApplicationRequest request, ServerWebExchange exchange) {
        return currentActor
                .of(exchange)
                .flatMap(actor -> {
                    ApplicationId id = new ApplicationId(
                            request.applicationId() == null ? UUID.randomUUID().toString() : request.applicationId());
                    var command = new OpenApplication(
                            id,
                            municipality(request.ownerMunicipality(), "ownerMunicipality"),
                            request.legalBasis(),
                            request.funderName(),
                            request.title(),
                            request.targetGroups(),
                            request.periodStart(),
                            request.periodEnd(),
                            request.joiningDeadline(),
                            wholeKronor(request.appliedAmountSek(), "appliedAmountSek"),
                            request.invitedMunicipalities() == null
                                    ? null
                                    : request.invitedMunicipalities().stream()
                                            .map(c -> municipality(c, "invitedMunicipalities"))
                                            .toList(),
                            actor);
                    String owner = command.ownerMunicipality().toString();
                    return quota.reserve(owner, id.toString())
                            .then(dispatcher.send(id.toString(), command, actor, exchange, null))
                            .onErrorResume(
                                    e -> refusedForSure(e),
                                    e -> quota.release(owner, id.toString()).then(Mono.error(e)));
                })
                .map(CommandAnswers::created);
    }

    /**
     * Whether the opening certainly stored nothing, so its quota slot goes back: not when the application exists
     * already (an idempotent repeat), not when the quota itself refused, and not when the answer timed out (the
     * command may still commit after it; the slot stays taken rather than let the owner pass the quota).
     */
    private static boolean refusedForSure(Throwable e) {
        if (e instanceof ApiProblem problem && problem.is(ErrorCode.APPLICATION_LIMIT_REACHED)) {
            return false;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateStreamCreationException || cause instanceof TimeoutException) {
                return false;
            }
        }
        return true;
    }
}
