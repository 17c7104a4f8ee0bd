package se.norrort.consortium.query.municipality;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.query.projection.ViewStore;

/**
 * Reads the municipality view for its endpoint and live streams, which touch no store: the municipality's index
 * document by {@code _id}, then its entry documents by {@code _id $in} (both served from the {@code _id} index, on the
 * embedded server as on MongoDB; see {@link MunicipalityEntries}), and the document assembled from them.
 */
@Component
public class MunicipalityReads {

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> index;

    public MunicipalityReads(MongoDatabase viewDatabase) {
        this.entries = viewDatabase.getCollection(MunicipalityProjection.COLLECTION);
        this.index = viewDatabase.getCollection(MunicipalityProjection.INDEX);
    }

    /**
     * The municipality's document assembled from its index and entry documents (with their provenance when
     * {@code withProvenance}); empty when no application concerns it.
     */
    public Mono<Optional<Document>> municipality(String code, boolean withProvenance) {
        return entries(code, withProvenance)
                .map(stored -> Optional.ofNullable(MunicipalityEntries.assemble(code, stored, withProvenance)));
    }

    /**
     * The municipality's entry documents in the index's order (application ids the index lists whose entry is not
     * stored yet are left out): a find of the index by {@code _id}, then one of the entries by {@code _id $in}.
     */
    public Mono<List<Document>> entries(String code, boolean withProvenance) {
        return ViewStore.read(index, code, true).flatMap(found -> {
            List<String> applications = MunicipalityEntries.applications(found.orElse(null));
            if (applications.isEmpty()) {
                return Mono.just(List.<Document>of());
            }
            List<String> ids = applications.stream()
                    .map(a -> MunicipalityEntries.id(code, a))
                    .toList();
            var find = entries.find(Filters.in("_id", ids));
            return Flux.from(withProvenance ? find : find.projection(ViewStore.SERVED))
                    .collectList()
                    .map(stored -> {
                        Map<String, Document> byId = new HashMap<>();
                        stored.forEach(d -> byId.put(d.getString("_id"), d));
                        List<Document> ordered = new ArrayList<>(ids.size());
                        ids.forEach(id -> {
                            Document d = byId.get(id);
                            if (d != null) {
                                ordered.add(d);
                            }
                        });
                        return ordered;
                    });
        });
    }
}
