package se.norrort.consortium.query.operations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import se.norrort.consortium.query.api.QueryErrorCode;

/**
 * Operator endpoints for parked events: list them per processing group, retry them (in sequence order), or drop
 * the sequence of one application. The queue is stored with the blocking driver, so each call runs on the bounded
 * elastic scheduler, never on a request thread.
 */
@RestController
@RequestMapping(path = "/api/operations/processors/{group}/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
public class DeadLetterController {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final EventProcessingConfiguration processing;

    public DeadLetterController(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** Summary of one parked event. */
    public record Letter(
            String sequence, String eventId, String eventType, String cause, String enqueuedAt, String lastTouched) {}

    @GetMapping
    public Mono<ResponseEntity<?>> list(@PathVariable String group) {
        return withQueue(group, queue -> {
            List<Letter> letters = new ArrayList<>();
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    letters.add(summary(letter));
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("processingGroup", group);
            body.put("size", letters.size());
            body.put("deadLetters", letters);
            return ResponseEntity.ok(body);
        });
    }

    /** Retries every parked sequence once; answers how many sequences were processed successfully. */
    @PostMapping("/retry")
    public Mono<ResponseEntity<?>> retry(@PathVariable String group) {
        return Mono.<ResponseEntity<?>>fromCallable(() -> {
                    var processor = processing.sequencedDeadLetterProcessor(group);
                    if (!known(group) || processor.isEmpty()) {
                        return unknownGroup(group);
                    }
                    int processed = 0;
                    long before = processing
                            .deadLetterQueue(group)
                            .map(SequencedDeadLetterQueue::amountOfSequences)
                            .orElse(0L);
                    for (long i = 0; i < before; i++) {
                        if (processor.get().processAny()) {
                            processed++;
                        }
                    }
                    return ResponseEntity.ok(Map.of(
                            "processingGroup", group, "sequencesRetried", before, "sequencesSucceeded", processed));
                })
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(TIMEOUT);
    }

    /** Drops (evicts) every parked event of one sequence, i.e. of one application. */
    @PostMapping("/{sequence}/drop")
    public Mono<ResponseEntity<?>> drop(@PathVariable String group, @PathVariable String sequence) {
        return withQueue(group, queue -> {
            int dropped = 0;
            for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(sequence)) {
                queue.evict(letter);
                dropped++;
            }
            return ResponseEntity.ok(Map.of("processingGroup", group, "sequence", sequence, "dropped", dropped));
        });
    }

    private Mono<ResponseEntity<?>> withQueue(
            String group,
            java.util.function.Function<SequencedDeadLetterQueue<EventMessage<?>>, ResponseEntity<?>> action) {
        return Mono.<ResponseEntity<?>>fromCallable(() -> known(group)
                        ? processing
                                .deadLetterQueue(group)
                                .<ResponseEntity<?>>map(action)
                                .orElseGet(() -> unknownGroup(group))
                        : unknownGroup(group))
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(TIMEOUT);
    }

    private boolean known(String group) {
        return processing.eventProcessorByProcessingGroup(group).isPresent();
    }

    private static Letter summary(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        String type = message.getPayloadType().getSimpleName();
        var eventType = message.getPayloadType().getAnnotation(se.norrort.consortium.api.EventType.class);
        if (eventType != null) {
            type = eventType.value();
        }
        String sequence = message instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier()
                : message.getIdentifier();
        return new Letter(
                sequence,
                message.getIdentifier(),
                type,
                letter.cause().map(c -> c.type() + ": " + c.message()).orElse(null),
                letter.enqueuedAt().toString(),
                letter.lastTouched().toString());
    }

    private static ResponseEntity<?> unknownGroup(String group) {
        return QueryErrorCode.UNKNOWN_PROCESSING_GROUP.answer(
                "No processing group named " + group + " has a dead-letter queue.");
    }
}
