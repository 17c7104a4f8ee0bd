package se.norrort.consortium.query.auditor;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import se.norrort.consortium.api.EventTypes;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.model.ApplicationState;
import se.norrort.consortium.query.api.QueryErrorCode;
import se.norrort.consortium.query.api.StoredHistory;
import se.norrort.consortium.query.api.StoredHistory.HistoryEvent;
import se.norrort.consortium.query.auditor.AuditorRequests.Invalid;

/**
 * The auditor's reading of an application's history, straight from the event store (not from a view):
 * <ul>
 * <li>{@code GET /api/applications/{id}/history}: every event in order, as NDJSON or SSE, streamed page by page;</li>
 * <li>{@code GET /api/applications/{id}/state?asOf=…|asOfDate=…}: the state as it was then, folded through the same
 * {@link ApplicationState} the aggregate uses;</li>
 * <li>{@code GET /api/applications/{id}/changes?from=…&to=…}: the events between two instants and what they changed.</li>
 * </ul>
 * Only auditors may call them ({@code QuerySecurityConfiguration}); every call is recorded in the {@link AccessLog}
 * before it is served.
 */
@RestController
@RequestMapping("/api/applications")
public class HistoryController {

    /** {@code /changes} lists at most this many events; the history endpoint serves any number. */
    static final int MAX_CHANGES = 1000;

    private final StoredHistory history;
    private final EventLog eventLog;
    private final EventTypes types;
    private final AccessLog accessLog;
    private final Clock clock;

    public HistoryController(StoredHistory history, EventLog eventLog, EventTypes types, AccessLog accessLog) {
        this.history = history;
        this.eventLog = eventLog;
        this.types = types;
        this.accessLog = accessLog;
        this.clock = Clock.systemUTC();
    }

    /** The filters of a history read, checked. */
    private record Filters(String municipality, List<String> types, Instant from, Instant to) {

        Map<String, Object> parameters() {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("municipality", municipality);
            parameters.put("type", types.isEmpty() ? null : types);
            parameters.put("from", from);
            parameters.put("to", to);
            return parameters;
        }
    }

    private Filters filters(String municipality, List<String> eventTypes, String from, String to) {
        List<String> typeNames = eventTypes == null
                ? List.of()
                : eventTypes.stream()
                        .flatMap(t -> List.of(t.split(",")).stream())
                        .map(String::strip)
                        .filter(t -> !t.isEmpty())
                        .distinct()
                        .toList();
        for (String name : typeNames) {
            if (types.classOf(name).isEmpty()) {
                throw new Invalid("type '" + name + "' is not a stored event type; known types: "
                        + String.join(", ", types.all().keySet()) + ".");
            }
        }
        Filters filters = new Filters(
                AuditorRequests.municipality(municipality),
                typeNames,
                AuditorRequests.instant("from", from),
                AuditorRequests.instant("to", to));
        if (filters.from() != null && filters.to() != null && filters.to().isBefore(filters.from())) {
            throw new Invalid("to must not be before from.");
        }
        return filters;
    }

    /**
     * Every stored event of the application in stream order, one JSON object per line: {@code position},
     * {@code sequence}, {@code eventId}, {@code time} (UTC), {@code type} (the stored name), {@code revision}, who acted
     * ({@code actorId}, {@code actorName}, {@code actorRole}, {@code actorMunicipality}), {@code delegationId},
     * {@code correlationId}, {@code causationId}, the {@code municipality} the event is about, the committee
     * {@code decision} it records, {@code chainHash}, a {@code description} in English and the {@code payload} as
     * stored. Filters: {@code municipality} (events about that municipality or done by someone acting for it),
     * {@code type} (repeatable, stored names), {@code from} and {@code to} (instants, both inclusive).
     */
    @GetMapping(path = "/{applicationId}/history", produces = MediaType.APPLICATION_NDJSON_VALUE)
    public Mono<ResponseEntity<?>> historyNdjson(
            @PathVariable String applicationId,
            @RequestParam(required = false) String municipality,
            @RequestParam(name = "type", required = false) List<String> type,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return history(
                applicationId,
                municipality,
                type,
                from,
                to,
                null,
                entries -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_NDJSON)
                        .body(entries));
    }

    /**
     * The same history as server-sent events, {@code id:} set to the event's position, so a client that lost the
     * connection resumes with {@code Last-Event-ID}; the stream ends after the last stored event.
     */
    @GetMapping(
            path = {"/{applicationId}/history", "/{applicationId}/history/stream"},
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Mono<ResponseEntity<?>> historySse(
            @PathVariable String applicationId,
            @RequestParam(required = false) String municipality,
            @RequestParam(name = "type", required = false) List<String> type,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
        Long after;
        try {
            after = lastEventId == null || lastEventId.isBlank() ? null : Long.valueOf(lastEventId.strip());
        } catch (NumberFormatException e) {
            return Mono.just(AuditorRequests.invalid(new Invalid("Last-Event-ID must be an event position.")));
        }
        return history(
                applicationId,
                municipality,
                type,
                from,
                to,
                after,
                entries -> ResponseEntity.ok()
                        .contentType(MediaType.TEXT_EVENT_STREAM)
                        .body(entries.map(entry -> ServerSentEvent.builder(entry)
                                .id(String.valueOf(entry.get("position")))
                                .build())));
    }

    private Mono<ResponseEntity<?>> history(
            String applicationId,
            String municipality,
            List<String> type,
            String from,
            String to,
            Long afterPosition,
            java.util.function.Function<Flux<Document>, ResponseEntity<?>> answer) {
        Filters filters;
        try {
            filters = filters(municipality, type, from, to);
        } catch (Invalid invalid) {
            return Mono.just(AuditorRequests.invalid(invalid));
        }
        Flux<Document> entries = history.events(applicationId)
                .filter(e -> afterPosition == null || e.stored().position() > afterPosition)
                .filter(e -> HistoryEntries.matches(
                        e, filters.municipality(), filters.types(), filters.from(), filters.to()))
                .map(HistoryEntries::entry);
        return accessLog
                .record("history", applicationId, filters.parameters())
                .then(exists(applicationId))
                .map(exists -> exists ? answer.apply(entries) : AuditorRequests.notFound(applicationId));
    }

    /** Whether the event store holds the application's first event (a point lookup). */
    private Mono<Boolean> exists(String applicationId) {
        return Mono.fromCallable(() -> !eventLog.readStream(applicationId, 0, 1).isEmpty())
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The state of the application as it was at {@code asOf} (an instant) or at the end of {@code asOfDate} (a
     * business date in Europe/Stockholm); without either, as it is now. The events are folded in stream order up to
     * the last one recorded at or before that instant. Answers {@code asOf}, {@code eventsApplied}, the last event
     * applied, and the state: {@code status} (null before the application was opened), owner, call, dates,
     * {@code amounts} (whole SEK), the funder's decision, {@code memberships}, {@code delegations},
     * {@code signatures}, {@code reports} and {@code documents}.
     */
    @GetMapping(path = "/{applicationId}/state", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> state(
            @PathVariable String applicationId,
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String asOfDate) {
        Instant at;
        try {
            if (asOf != null && asOfDate != null) {
                throw new Invalid("Give either asOf (an instant) or asOfDate (a date), not both.");
            }
            at = asOf != null ? AuditorRequests.instant("asOf", asOf) : AuditorRequests.endOfDay("asOfDate", asOfDate);
        } catch (Invalid invalid) {
            return Mono.just(AuditorRequests.invalid(invalid));
        }
        Instant instant = at == null ? clock.instant() : at;
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("asOf", asOf);
        parameters.put("asOfDate", asOfDate);
        return accessLog
                .record("state", applicationId, parameters)
                .then(fold(applicationId, instant, null))
                .map(fold -> {
                    if (!fold.any) {
                        return AuditorRequests.notFound(applicationId);
                    }
                    if (fold.unreadable != null) {
                        return unreadable(fold.unreadable);
                    }
                    Document body = new Document("applicationId", applicationId)
                            .append("asOf", instant.toString())
                            .append("eventsApplied", fold.applied)
                            .append("lastEvent", lastEvent(fold.last));
                    body.putAll(StateDocuments.state(fold.state));
                    return ResponseEntity.ok()
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(body);
                });
    }

    /**
     * What happened between two instants: the events recorded after {@code from} and at or before {@code to} (as in
     * the history, at most {@value #MAX_CHANGES} of them listed; {@code eventCount} says how many there were), the
     * main fields of the state at {@code from} and at {@code to}, and the fields that differ.
     */
    @GetMapping(path = "/{applicationId}/changes", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> changes(
            @PathVariable String applicationId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        Instant start;
        Instant end;
        try {
            start = AuditorRequests.instant("from", from);
            end = AuditorRequests.instant("to", to);
            if (start == null || end == null) {
                throw new Invalid("Both from and to are required (ISO-8601 instants in UTC).");
            }
            if (!end.isAfter(start)) {
                throw new Invalid("to must be after from.");
            }
        } catch (Invalid invalid) {
            return Mono.just(AuditorRequests.invalid(invalid));
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("from", from);
        parameters.put("to", to);
        return accessLog
                .record("changes", applicationId, parameters)
                .then(fold(applicationId, end, start))
                .map(fold -> {
                    if (!fold.any) {
                        return AuditorRequests.notFound(applicationId);
                    }
                    if (fold.unreadable != null) {
                        return unreadable(fold.unreadable);
                    }
                    Map<String, Object> after = StateDocuments.mainFields(fold.state);
                    Map<String, Object> before = fold.before == null ? after : fold.before;
                    Document body = new Document("applicationId", applicationId)
                            .append("from", start.toString())
                            .append("to", end.toString())
                            .append("eventCount", fold.changed)
                            .append("truncated", fold.changed > fold.events.size())
                            .append("events", fold.events)
                            .append("before", new Document(before))
                            .append("after", new Document(after))
                            .append("differences", StateDocuments.differences(before, after));
                    return ResponseEntity.ok()
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(body);
                });
    }

    /** The state folded so far while reading the stream once, in order. */
    private static final class Fold {
        final ApplicationState state = new ApplicationState();
        boolean any;
        int applied;
        StoredEvent last;
        HistoryEvent unreadable;
        // for /changes
        Map<String, Object> before;
        int changed;
        final List<Document> events = new ArrayList<>();
    }

    /**
     * Reads the stream in order, folding every event recorded at or before {@code until}; stops at the first event
     * after it. With {@code since}, also notes the main fields as they were at {@code since} and lists the events
     * after it.
     */
    private Mono<Fold> fold(String applicationId, Instant until, Instant since) {
        return history.events(applicationId)
                .takeUntil(e -> e.stored().timestamp().isAfter(until) || e.event() == null)
                .reduceWith(Fold::new, (fold, e) -> {
                    fold.any = true;
                    if (fold.unreadable != null || e.stored().timestamp().isAfter(until)) {
                        return fold;
                    }
                    if (e.event() == null) {
                        fold.unreadable = e;
                        return fold;
                    }
                    if (since != null && e.stored().timestamp().isAfter(since)) {
                        if (fold.before == null) {
                            fold.before = StateDocuments.mainFields(fold.state);
                        }
                        fold.changed++;
                        if (fold.events.size() < MAX_CHANGES) {
                            fold.events.add(HistoryEntries.entry(e));
                        }
                    }
                    fold.state.evolve(e.event());
                    fold.applied++;
                    fold.last = e.stored();
                    return fold;
                });
    }

    private static Document lastEvent(StoredEvent last) {
        if (last == null) {
            return null;
        }
        return new Document("sequence", last.sequence())
                .append("position", last.position())
                .append("time", last.timestamp().toString())
                .append("type", last.payloadType());
    }

    private static ResponseEntity<?> unreadable(HistoryEvent e) {
        return QueryErrorCode.EVENT_UNREADABLE.answer(
                "The event at sequence " + e.stored().sequence() + " (position "
                        + e.stored().position() + ") cannot be folded: " + e.unreadable()
                        + ". Verify the chain with GET /verify.");
    }
}
