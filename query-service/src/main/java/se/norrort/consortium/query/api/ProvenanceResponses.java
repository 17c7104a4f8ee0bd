package se.norrort.consortium.query.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.events.SignatureDelegated;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.query.api.StoredHistory.HistoryEvent;
import se.norrort.consortium.query.projection.EventRef;
import se.norrort.consortium.query.projection.Provenance;
import se.norrort.consortium.query.projection.ViewFields;

/**
 * The answer of every provenance endpoint, from a view document and the provenance recorded in it (see
 * {@link Provenance} and {@code doc/provenance.md}):
 * <pre>
 * {view, id, position, fields: [{field, value, setBy: [ref, ...]}, ...]}
 * </pre>
 * Every current leaf field of the document in document order, then the fields that no longer exist
 * ({@code removed: true}, no {@code value}); {@code setBy} lists the events that set the field, oldest first (empty
 * for a document written before provenance was recorded: rebuild the view to fill it in). With {@code field}, only
 * that path or the paths under it ({@code members[0162]} gives every field of Danderyd's entry); a path the document
 * does not know is 404 {@code FIELD_NOT_FOUND}.
 * <p>
 * A reference naming the signing delegation its actor used gets {@code delegation: {delegationId, grantedBy}}, where
 * {@code grantedBy} is the reference of the {@code SignatureDelegated} event that granted it (the latest grant of that
 * id at or before the referring event), read from the application's stream in the event store, not from a view; null
 * when the store holds no such grant.
 */
@Component
public class ProvenanceResponses {

    private final StoredHistory history;

    public ProvenanceResponses(StoredHistory history) {
        this.history = history;
    }

    /** The provenance of {@code document}, a document of {@code view} whose key is {@code id}. */
    public Mono<ResponseEntity<?>> answer(String view, String id, Document document, String field) {
        String prefix = field == null || field.isBlank() ? null : field.strip();
        Provenance.Recorded recorded = Provenance.Recorded.of(document);
        Map<String, Object> current = Provenance.flatten(document);
        List<Document> fields = new ArrayList<>();
        List<Document> refs = new ArrayList<>();
        current.forEach((path, value) -> {
            if (matches(path, prefix)) {
                fields.add(
                        new Document("field", path).append("value", value).append("setBy", refs(recorded, path, refs)));
            }
        });
        recorded.fields().keySet().stream()
                .filter(path -> !current.containsKey(path) && matches(path, prefix))
                .forEach(path -> fields.add(new Document("field", path)
                        .append("removed", true)
                        .append("setBy", refs(recorded, path, refs))));
        if (prefix != null && fields.isEmpty()) {
            return Mono.just(QueryErrorCode.FIELD_NOT_FOUND.answer("The " + view + " view of " + id + " has no field "
                    + prefix + " (nor fields under it), now or before."));
        }
        Document body = new Document("view", view)
                .append("id", id)
                .append("position", ViewFields.position(document))
                .append("fields", fields);
        return delegations(refs).thenReturn(ViewResponses.ok(body));
    }

    /** A path is asked for when it is the one asked for or lies under it ({@code a.b}, {@code a[k]}). */
    private static boolean matches(String path, String prefix) {
        return prefix == null || path.equals(prefix) || path.startsWith(prefix + ".") || path.startsWith(prefix + "[");
    }

    /** The references of the events that set a field, each a copy of its own (collected into {@code all}). */
    private static List<Document> refs(Provenance.Recorded recorded, String path, List<Document> all) {
        List<Document> refs = new ArrayList<>();
        for (Long position : recorded.fields().getOrDefault(path, List.of())) {
            Document event = recorded.events().get(position);
            Document ref = event == null ? new Document("position", position) : ViewFields.copy(event);
            refs.add(ref);
            all.add(ref);
        }
        return refs;
    }

    /**
     * Adds to every reference that names a delegation the reference of the event that granted it, read from each
     * application's stream once (on a worker thread; see {@link StoredHistory}).
     */
    private Mono<Void> delegations(List<Document> refs) {
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        for (Document ref : refs) {
            String delegationId = ref.getString("delegationId");
            String applicationId = ref.getString("applicationId");
            if (delegationId != null && applicationId != null) {
                wanted.computeIfAbsent(applicationId, a -> new LinkedHashSet<>())
                        .add(delegationId);
            }
        }
        return Flux.fromIterable(wanted.entrySet())
                .concatMap(w -> grants(w.getKey(), w.getValue())
                        .doOnNext(grants -> refs.stream()
                                .filter(ref -> w.getKey().equals(ref.getString("applicationId")))
                                .filter(ref -> ref.getString("delegationId") != null)
                                .forEach(ref -> ref.append("delegation", delegation(ref, grants)))))
                .then();
    }

    /** A grant of a delegation in the event store: the delegation and the reference of the granting event. */
    private record Grant(String delegationId, Document ref) {}

    /** The grants of the given delegations in the application's stream, in stream order. */
    private Mono<List<Grant>> grants(String applicationId, Set<String> delegationIds) {
        return history.events(applicationId)
                .filter(read -> read.event() instanceof SignatureDelegated granted
                        && delegationIds.contains(granted.delegationId().toString()))
                .map(ProvenanceResponses::grant)
                .collectList();
    }

    /** {@code {delegationId, grantedBy}}: the latest grant of the delegation at or before the referring event. */
    private static Document delegation(Document ref, List<Grant> grants) {
        String delegationId = ref.getString("delegationId");
        Document grantedBy = null;
        for (Grant grant : grants) {
            if (grant.delegationId().equals(delegationId) && EventRef.position(grant.ref()) <= EventRef.position(ref)) {
                grantedBy = grant.ref();
            }
        }
        return new Document("delegationId", delegationId).append("grantedBy", ViewFields.copy(grantedBy));
    }

    private static Grant grant(HistoryEvent read) {
        StoredEvent stored = read.stored();
        SignatureDelegated granted = (SignatureDelegated) read.event();
        return new Grant(
                granted.delegationId().toString(),
                EventRef.of(
                        stored.aggregateId(),
                        stored.eventId(),
                        stored.position(),
                        stored.sequence(),
                        stored.timestamp(),
                        granted,
                        read::meta));
    }
}
