package se.norrort.consortium.query.funder;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import se.norrort.consortium.query.projection.ViewStore;

/**
 * The funder's list's reads, for its endpoints: pages of {@value FunderApplicationsProjection#COLLECTION}, newest
 * submission first, filtered by status and text; the entries changed since a position; one entry with its provenance.
 * Entries are the stored documents, as stored (pages and changes without their provenance).
 * <p>
 * <b>Cost.</b> A page is a sorted, skipped and limited query over the whole list, and its total a count: the
 * embedded MongoDB server scans the collection for both (it serves only {@code _id} lookups from an index), and
 * MongoDB would want an index on {@code submittedPosition}. That is acceptable here: the list holds only submitted
 * applications of one funder's calls (tens a year), and applications still being prepared are kept in another
 * collection.
 * <p>
 * "Newest first" is the order of the submissions in the event log ({@code submittedPosition}, descending), which
 * is the order of their times except for clock differences between writers; ties cannot occur.
 */
@Component
public class FunderApplicationsReads {

    /** One page of the filtered list, and how many entries the filtered list holds. */
    public record Page(List<Document> entries, long total) {}

    private final MongoCollection<Document> list;

    public FunderApplicationsReads(MongoDatabase viewDatabase) {
        this.list = viewDatabase.getCollection(FunderApplicationsProjection.COLLECTION);
    }

    /**
     * Page {@code page} (from 0) of {@code size} entries of the list filtered by {@code status} and {@code q} (see
     * {@link #filter}; null or empty filters nothing), newest submission first, and the filtered list's total.
     */
    public Mono<Page> page(String status, String q, int page, int size) {
        Bson filter = filter(status, q);
        Mono<List<Document>> entries = Flux.from(list.find(filter)
                        .projection(ViewStore.SERVED)
                        .sort(Sorts.orderBy(Sorts.descending("submittedPosition"), Sorts.ascending("_id")))
                        .skip(page * size)
                        .limit(size))
                .collectList();
        Mono<Long> total = Mono.from(list.countDocuments(filter));
        return Mono.zip(entries, total).map(t -> new Page(t.getT1(), t.getT2()));
    }

    /** Every listed entry whose last change is after {@code position}, in position order. */
    public Flux<Document> changedSince(long position) {
        return Flux.from(list.find(Filters.gt("position", position))
                .projection(ViewStore.SERVED)
                .sort(Sorts.ascending("position")));
    }

    /** The application's entry with its provenance, or an empty {@link Optional} while it is not listed. */
    public Mono<Optional<Document>> entry(String applicationId) {
        return ViewStore.byId(list, applicationId);
    }

    /**
     * The list's filter: the status, and the text as a literal, case-insensitive part of the title, the id or the
     * owner's name. Every character other than a letter or digit is escaped, so the text is never a pattern (a
     * backslash before such a character is a literal in both Java's and MongoDB's regular expressions).
     */
    static Bson filter(String status, String q) {
        List<Bson> parts = new ArrayList<>();
        if (status != null && !status.isEmpty()) {
            parts.add(Filters.eq("status", status));
        }
        String text = q == null ? "" : q.strip();
        if (!text.isEmpty()) {
            StringBuilder literal = new StringBuilder();
            text.codePoints().forEach(c -> {
                if (!Character.isLetterOrDigit(c)) {
                    literal.append('\\');
                }
                literal.appendCodePoint(c);
            });
            Pattern pattern = Pattern.compile(literal.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            parts.add(Filters.or(
                    Filters.regex("title", pattern),
                    Filters.regex("_id", pattern),
                    Filters.regex("ownerName", pattern)));
        }
        return parts.isEmpty() ? new Document() : parts.size() == 1 ? parts.get(0) : Filters.and(parts);
    }
}
