package se.norrort.consortium.command.web;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.extensions.reactor.commandhandling.gateway.ReactorCommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.MetadataKeys;
import se.norrort.consortium.api.commands.OpenApplication;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.command.config.CommandReceipts;
import se.norrort.consortium.security.RequestCorrelation;

/**
 * Sends a command with the audit metadata of its request and answers with where its events landed. Every send has a
 * timeout: {@code norrort.commands.answer-timeout} (15 s), after which the answer is 503 {@code TIMEOUT} and the
 * command may still take effect. A request whose answer the {@code Idempotency-Key} filter records
 * ({@link #ANSWER_RECORDED}) is instead awaited up to {@link #OUTCOME_WAIT}: the filter answers the client after the
 * answer timeout itself and stores the command's eventual answer under the key, so a retry gets it.
 * {@link #accept} is the whole of a plain command endpoint: the request's actor, the command built for it, the
 * send, and the {@code 202 Accepted} answer.
 */
@Component
public class CommandDispatcher {

    /** Exchange attribute: the {@code Idempotency-Key} filter records this request's eventual answer. */
    public static final String ANSWER_RECORDED = CommandDispatcher.class.getName() + ".answerRecorded";

    /** Exchange attribute: the command was not decided in time, so whether it takes effect is not known yet. */
    public static final String OUTCOME_UNKNOWN = CommandDispatcher.class.getName() + ".outcomeUnknown";

    /**
     * How long a command whose answer is recorded is awaited; shorter than the two minutes after which a retry takes
     * over a key still pending (its instance died), so that a live instance always records the outcome first.
     */
    public static final Duration OUTCOME_WAIT = Duration.ofSeconds(100);

    private final ReactorCommandGateway gateway;
    private final CommandReceipts receipts;
    private final Duration answerTimeout;
    private final CurrentActor currentActor;

    public CommandDispatcher(
            ReactorCommandGateway gateway,
            CommandReceipts receipts,
            @Value("${norrort.commands.answer-timeout:15s}") Duration answerTimeout,
            CurrentActor currentActor) {
        this.gateway = gateway;
        this.receipts = receipts;
        if (answerTimeout.isNegative() || answerTimeout.isZero() || answerTimeout.compareTo(OUTCOME_WAIT) >= 0) {
            throw new IllegalArgumentException("norrort.commands.answer-timeout must be more than 0 and less than "
                    + OUTCOME_WAIT.toSeconds() + " s; it is " + answerTimeout + ".");
        }
        this.answerTimeout = answerTimeout;
        this.currentActor = currentActor;
    }

    /** How long a client waits for a command's answer before 503 {@code TIMEOUT}. */
    public Duration answerTimeout() {
        return answerTimeout;
    }

    /** The answer to a command that was accepted. */
    public record Accepted(String applicationId, Long version, Long position) {}

    /**
     * Builds the command for the request's actor and sends it: {@code 202 Accepted} with the receipt and the
     * aggregate version as {@code ETag} ({@link CommandAnswers#accepted}). Without an actor the answer is the
     * actor's refusal (401) and {@code command} is never called; input that {@code command} refuses (an
     * {@link IllegalArgumentException}, an {@link ApiProblem}) is the answer's error, so nothing is sent.
     */
    public <C> Mono<ResponseEntity<Accepted>> accept(
            ServerWebExchange exchange, String applicationId, Function<Actor, C> command) {
        return accept(exchange, applicationId, command, sent -> null);
    }

    /**
     * As {@link #accept(ServerWebExchange, String, Function)}, for a command made under a delegation:
     * {@code delegationId} names the delegation the built command is made under (null for none), recorded in the
     * events' metadata.
     */
    public <C> Mono<ResponseEntity<Accepted>> accept(
            ServerWebExchange exchange,
            String applicationId,
            Function<Actor, C> command,
            Function<? super C, String> delegationId) {
        return currentActor
                .of(exchange)
                .flatMap(actor -> {
                    C built = command.apply(actor);
                    return send(applicationId, built, actor, exchange, delegationId.apply(built));
                })
                .map(CommandAnswers::accepted);
    }

    public Mono<Accepted> send(
            String applicationId, Object command, Actor actor, ServerWebExchange exchange, String delegationId) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(MetadataKeys.ACTOR_ID, actor.personId().toString());
        metadata.put(MetadataKeys.ACTOR_NAME, actor.displayName());
        metadata.put(MetadataKeys.ACTOR_ROLE, actor.role().name());
        if (actor.municipality() != null) {
            metadata.put(MetadataKeys.ACTOR_MUNICIPALITY, actor.municipality().toString());
        }
        if (delegationId != null) {
            metadata.put(MetadataKeys.DELEGATION_ID, delegationId);
        }
        var headers = exchange.getRequest().getHeaders();
        Long expectedVersion;
        try {
            expectedVersion = expectedVersion(headers.get(HttpHeaders.IF_MATCH));
            if (expectedVersion != null && command instanceof OpenApplication) {
                throw new IllegalArgumentException("If-Match names a version of an existing application; an"
                        + " application being opened has none.");
            }
        } catch (IllegalArgumentException invalid) {
            return Mono.error(invalid);
        }
        if (expectedVersion != null) {
            metadata.put(MetadataKeys.EXPECTED_VERSION, expectedVersion);
        }
        String requestId;
        String correlationId;
        try {
            requestId = clientId(headers.getFirst("X-Request-Id"), "X-Request-Id");
            correlationId = clientId(headers.getFirst("X-Correlation-Id"), "X-Correlation-Id");
        } catch (ApiProblem invalid) {
            return Mono.error(invalid);
        }
        if (requestId != null) {
            metadata.put(MetadataKeys.CLIENT_REQUEST_ID, requestId);
        }
        if (correlationId == null) {
            correlationId = RequestCorrelation.of(exchange);
        }
        if (correlationId != null) {
            metadata.put(MetadataKeys.CORRELATION_ID, correlationId);
        }
        var message = GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata));
        String commandId = message.getIdentifier();
        return Mono.defer(() -> {
                    receipts.expect(commandId);
                    return gateway.send(message);
                })
                .timeout(exchange.getAttribute(ANSWER_RECORDED) != null ? OUTCOME_WAIT : answerTimeout)
                .then(Mono.fromSupplier(() -> receipts.take(commandId)
                        .map(r -> new Accepted(applicationId, r.version(), r.position()))
                        .orElse(new Accepted(applicationId, null, null))))
                .doOnError(e -> receipts.forget(commandId))
                .doOnCancel(() -> receipts.forget(commandId));
    }

    /** The most a client-chosen request or correlation id may be; they enter the hashed event metadata. */
    static final int MAX_CLIENT_ID_LENGTH = RequestCorrelation.MAX_LENGTH;

    /**
     * A client-chosen {@code X-Request-Id} or {@code X-Correlation-Id}: null when absent or blank; else a valid id
     * ({@link RequestCorrelation#isValid}: at most {@value RequestCorrelation#MAX_LENGTH} characters of
     * {@code [A-Za-z0-9._:/+=-]}), or 400 {@code INVALID_CORRELATION_ID}: such ids are recorded in every event of the
     * command and hashed into the chain.
     */
    static String clientId(String value, String header) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!RequestCorrelation.isValid(value)) {
            throw new ApiProblem(
                    EdgeErrorCode.INVALID_CORRELATION_ID,
                    "Invalid " + header,
                    header + " must be at most " + MAX_CLIENT_ID_LENGTH
                            + " characters of letters, digits and . _ : / + = -");
        }
        return value.strip();
    }

    /**
     * The version an {@code If-Match} header names: one strong entity tag as a command answered it in its
     * {@code ETag} (e.g. {@code "12"}), or {@code *} (any version: no condition). Null without the header.
     *
     * @throws IllegalArgumentException for anything else (a weak or malformed tag, or several tags)
     */
    static Long expectedVersion(List<String> ifMatch) {
        if (ifMatch == null || ifMatch.isEmpty()) {
            return null;
        }
        String value = String.join(",", ifMatch).strip();
        if (value.equals("*")) {
            return null;
        }
        if (value.length() > 2 && value.length() <= 21 && value.startsWith("\"") && value.endsWith("\"")) {
            String digits = value.substring(1, value.length() - 1);
            if (digits.chars().allMatch(Character::isDigit)) {
                try {
                    return Long.parseLong(digits);
                } catch (NumberFormatException beyondLong) {
                    // 19 digits above Long.MAX_VALUE: no version of any application; the message below says what fits
                }
            }
        }
        throw new IllegalArgumentException("If-Match must be the ETag a command answered for this application, such"
                + " as \"12\", or *; it was " + value + ".");
    }
}
