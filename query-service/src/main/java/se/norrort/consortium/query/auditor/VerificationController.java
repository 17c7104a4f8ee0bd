package se.norrort.consortium.query.auditor;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import se.norrort.consortium.eventstore.chain.HashChain.BrokenLink;
import se.norrort.consortium.eventstore.mongo.CommitChainVerifier.Outcome;
import se.norrort.consortium.query.api.QueryErrorCode;
import se.norrort.consortium.query.auditor.Checkpoints.Checkpoint;

/**
 * Proof that an application's history was not altered:
 * <ul>
 * <li>{@code GET /api/applications/{id}/verify} recomputes the hash chain over every stored commit of the
 * application: {@code {ok: true, events, headHash}} or the first broken link
 * {@code {ok: false, brokenAt: {index, sequence, position, eventId, reason}}};</li>
 * <li>{@code POST /api/applications/{id}/checkpoints} signs a checkpoint {@code {applicationId, eventCount,
 * headHash, createdAt, signature}} of a verified history, for the auditor to keep outside the system;</li>
 * <li>{@code POST /api/applications/{id}/verify} with a checkpoint checks its signature and that the current history
 * extends it: same hash after {@code eventCount} events and a valid chain from there on. Otherwise it says why:
 * {@code SIGNATURE_INVALID}, {@code OTHER_APPLICATION}, {@code CHECKPOINT_ALTERED}, {@code CHAIN_BROKEN},
 * {@code TRUNCATED} (fewer events than the checkpoint) or {@code DIVERGED} (a different history of that length).</li>
 * </ul>
 * Only auditors may call them; every call is recorded in the {@link AccessLog}.
 */
@RestController
@RequestMapping("/api/applications")
public class VerificationController {

    private final ChainVerification verification;
    private final Checkpoints checkpoints;
    private final AccessLog accessLog;
    private final Clock clock;

    public VerificationController(ChainVerification verification, Checkpoints checkpoints, AccessLog accessLog) {
        this.verification = verification;
        this.checkpoints = checkpoints;
        this.accessLog = accessLog;
        this.clock = Clock.systemUTC();
    }

    @GetMapping(path = "/{applicationId}/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> verify(@PathVariable String applicationId) {
        return accessLog
                .record("verify", applicationId, Map.of())
                .then(verification.verify(applicationId))
                .map(outcome -> {
                    if (outcome.empty()) {
                        return AuditorRequests.notFound(applicationId);
                    }
                    Document body = new Document("applicationId", applicationId)
                            .append("ok", outcome.ok())
                            .append("events", outcome.events());
                    if (outcome.ok()) {
                        body.append("headHash", outcome.headHash());
                    } else {
                        body.append("brokenAt", brokenAt(outcome.brokenAt().orElseThrow()));
                    }
                    body.append("verifiedAt", clock.instant().toString());
                    return ResponseEntity.ok()
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(body);
                });
    }

    /** Signs a checkpoint of the history as it is now; refused (409) while the chain is broken. */
    @PostMapping(path = "/{applicationId}/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> checkpoint(@PathVariable String applicationId) {
        return accessLog
                .record("checkpoint", applicationId, Map.of())
                .then(verification.verify(applicationId))
                .map(outcome -> {
                    if (outcome.empty()) {
                        return AuditorRequests.notFound(applicationId);
                    }
                    if (!outcome.ok()) {
                        var problem = QueryErrorCode.HISTORY_BROKEN.body(
                                "The history does not verify, so it cannot be checkpointed: "
                                        + outcome.brokenAt().orElseThrow().reason() + ".");
                        problem.setProperty(
                                "brokenAt", brokenAt(outcome.brokenAt().orElseThrow()));
                        return ResponseEntity.status(HttpStatus.CONFLICT)
                                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                                .body(problem);
                    }
                    Checkpoint checkpoint =
                            checkpoints.sign(applicationId, outcome.events(), outcome.headHash(), clock.instant());
                    return ResponseEntity.status(HttpStatus.CREATED)
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(checkpoint);
                });
    }

    /** Checks a checkpoint against the current history. */
    @PostMapping(
            path = "/{applicationId}/verify",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> verifyCheckpoint(
            @PathVariable String applicationId, @RequestBody(required = false) Mono<Checkpoint> body) {
        return body.map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(given -> {
                    if (given.isEmpty() || given.get().signature() == null) {
                        return Mono.just(AuditorRequests.invalid(new AuditorRequests.Invalid(
                                "Send the checkpoint as issued: {applicationId, eventCount, headHash, createdAt,"
                                        + " signature}.")));
                    }
                    Checkpoint sent = given.get();
                    Map<String, Object> parameters = new LinkedHashMap<>();
                    parameters.put("eventCount", sent.eventCount());
                    parameters.put("headHash", sent.headHash());
                    parameters.put("createdAt", sent.createdAt());
                    return accessLog
                            .record("verify-checkpoint", applicationId, parameters)
                            .then(check(applicationId, sent));
                });
    }

    private Mono<ResponseEntity<?>> check(String applicationId, Checkpoint sent) {
        Checkpoints.Signed signed = checkpoints.read(sent.signature());
        if (!signed.valid()) {
            return Mono.just(refused(applicationId, sent, "SIGNATURE_INVALID", signed.invalid()));
        }
        Checkpoint checkpoint = signed.checkpoint();
        if (!checkpoint.applicationId().equals(applicationId)) {
            return Mono.just(refused(
                    applicationId,
                    checkpoint,
                    "OTHER_APPLICATION",
                    "The checkpoint is of application " + checkpoint.applicationId() + "."));
        }
        if (altered(sent, checkpoint)) {
            return Mono.just(refused(
                    applicationId,
                    checkpoint,
                    "CHECKPOINT_ALTERED",
                    "The checkpoint's fields differ from the ones its signature covers."));
        }
        long count = checkpoint.eventCount();
        return verification.verify(applicationId, count).map(outcome -> {
            if (!outcome.ok()) {
                BrokenLink broken = outcome.brokenAt().orElseThrow();
                ResponseEntity<?> answer = refused(
                        applicationId,
                        checkpoint,
                        "CHAIN_BROKEN",
                        "The current history does not verify: " + broken.reason()
                                + (broken.index() < count
                                        ? " (inside the checkpointed part)."
                                        : " (after the checkpointed part)."));
                ((Document) answer.getBody()).append("events", outcome.events()).append("brokenAt", brokenAt(broken));
                return answer;
            }
            if (outcome.events() < count) {
                return withCurrent(
                        refused(
                                applicationId,
                                checkpoint,
                                "TRUNCATED",
                                "The history has " + outcome.events() + " events, fewer than the " + count
                                        + " of the checkpoint: events were removed at its end."),
                        outcome);
            }
            if (!outcome.hashAtCheckpoint().orElse("").equals(checkpoint.headHash())) {
                return withCurrent(
                        refused(
                                applicationId,
                                checkpoint,
                                "DIVERGED",
                                "After " + count + " events the history's hash differs from the"
                                        + " checkpoint's: the history was rewritten."),
                        outcome);
            }
            Document body = new Document("applicationId", applicationId)
                    .append("ok", true)
                    .append("events", outcome.events())
                    .append("headHash", outcome.headHash())
                    .append("checkpoint", checkpointFields(checkpoint))
                    .append("eventsSinceCheckpoint", outcome.events() - count)
                    .append("verifiedAt", clock.instant().toString());
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
        });
    }

    private static boolean altered(Checkpoint sent, Checkpoint signed) {
        return (sent.applicationId() != null && !sent.applicationId().equals(signed.applicationId()))
                || (sent.eventCount() != null && !Objects.equals(sent.eventCount(), signed.eventCount()))
                || (sent.headHash() != null && !sent.headHash().equals(signed.headHash()))
                || (sent.createdAt() != null && !sent.createdAt().equals(signed.createdAt()));
    }

    private ResponseEntity<?> refused(String applicationId, Checkpoint checkpoint, String reason, String detail) {
        Document body = new Document("applicationId", applicationId)
                .append("ok", false)
                .append("reason", reason)
                .append("detail", detail)
                .append("checkpoint", checkpointFields(checkpoint))
                .append("verifiedAt", clock.instant().toString());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static ResponseEntity<?> withCurrent(ResponseEntity<?> answer, Outcome outcome) {
        ((Document) answer.getBody()).append("events", outcome.events()).append("headHash", outcome.headHash());
        return answer;
    }

    private static Document checkpointFields(Checkpoint checkpoint) {
        return new Document("applicationId", checkpoint.applicationId())
                .append("eventCount", checkpoint.eventCount())
                .append("headHash", checkpoint.headHash())
                .append("createdAt", checkpoint.createdAt());
    }

    private static Document brokenAt(BrokenLink broken) {
        return new Document("index", broken.index())
                .append("sequence", broken.sequence())
                .append("position", broken.position())
                .append("eventId", broken.eventId())
                .append("reason", broken.reason());
    }
}
