package se.norrort.consortium.query.auditor;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.security.CurrentActors;

/**
 * Who read what through the auditor's tools: one document per call in {@value #COLLECTION} (who, which action, which
 * application, with which parameters, when). Append-only: this class only ever inserts, and nothing in the services
 * updates or deletes the collection; on a production MongoDB the query-service's user should hold only
 * {@code insert} and {@code find} on it. It is not an event of the application: reading changes no application.
 * <p>
 * The record is written before the read is served, and a read whose record cannot be written is not served.
 */
@Component
public class AccessLog {

    /** The collection holding the access records. */
    public static final String COLLECTION = "audit_access_log";

    private final MongoCollection<Document> records;
    private final Clock clock;

    public AccessLog(MongoDatabase viewDatabase) {
        this.records = viewDatabase.getCollection(COLLECTION);
        this.clock = Clock.systemUTC();
    }

    /**
     * Records that the current actor used an auditor action on an application.
     *
     * @param action        {@code history}, {@code state}, {@code changes}, {@code verify}, {@code verify-checkpoint},
     *                      {@code checkpoint} or {@code export}
     * @param applicationId the application read
     * @param parameters    the request's parameters that shape the answer (filters, instants); nulls are left out
     */
    public Mono<Void> record(String action, String applicationId, Map<String, ?> parameters) {
        return CurrentActors.current()
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED)))
                .flatMap(actor -> Mono.from(records.insertOne(record(actor, action, applicationId, parameters))))
                .then();
    }

    private Document record(Actor actor, String action, String applicationId, Map<String, ?> parameters) {
        Map<String, Object> given = new LinkedHashMap<>();
        parameters.forEach((key, value) -> {
            if (value != null) {
                given.put(
                        key, value instanceof java.util.Collection<?> c ? java.util.List.copyOf(c) : value.toString());
            }
        });
        return new Document("_id", UUID.randomUUID().toString())
                .append("at", Date.from(clock.instant()))
                .append("actorId", actor.personId().toString())
                .append("actorName", actor.displayName())
                .append("actorRole", actor.role().name())
                .append(
                        "actorMunicipality",
                        actor.municipality() == null
                                ? null
                                : actor.municipality().toString())
                .append("action", action)
                .append("applicationId", applicationId)
                .append("parameters", new Document(given));
    }
}
