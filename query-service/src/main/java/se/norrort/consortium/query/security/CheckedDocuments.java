package se.norrort.consortium.query.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * The view document a request's {@link ReadRule} read and checked, handed to the endpoint that serves that same
 * document, so that it is read once per request instead of once for the check and again for the answer (issue 10:
 * these double reads were the largest share of the query-service's store operations).
 * <p>
 * One holder per request, in its Reactor context ({@link #perRequest}, applied by {@link ReadAccessFilter}). A rule
 * {@link #keep}s the document it authorized on; the endpoint {@link #take}s it, once: a second read of the same
 * request (a read-your-writes wait that reads again) goes to the store, as it did before. Serving the checked
 * document is as strict as the check: the reader gets exactly the state the rule allowed, never a newer one it did
 * not see. A document kept is served only by an endpoint that asks for it by view and key; nothing else reads the
 * holder, and it ends with the request.
 */
public final class CheckedDocuments {

    /** The Reactor context key of the request's holder. */
    private static final String HOLDER = CheckedDocuments.class.getName();

    private CheckedDocuments() {}

    /** {@code request} with one (empty) holder for the documents its read rule checks. */
    public static <T> Mono<T> perRequest(Mono<T> request) {
        return request.contextWrite(context -> context.hasKey(HOLDER) ? context : context.put(HOLDER, new Holder()));
    }

    /**
     * Keeps {@code document} as what the request's rule checked of {@code view}'s {@code key}, as the view's
     * endpoint serves it (the same fields). Outside a request (no holder) it is dropped.
     */
    public static Mono<Document> keep(String view, String key, Document document) {
        return Mono.deferContextual(context -> {
            context.<Holder>getOrEmpty(HOLDER).ifPresent(holder -> holder.documents.put(id(view, key), document));
            return Mono.just(document);
        });
    }

    /** The document the request's rule checked of {@code view}'s {@code key}, once; empty when none was kept. */
    public static Mono<Document> take(String view, String key) {
        return Mono.deferContextual(context -> Mono.justOrEmpty(
                context.<Holder>getOrEmpty(HOLDER).map(holder -> holder.documents.remove(id(view, key)))));
    }

    private static String id(String view, String key) {
        return view + '\u0000' + key;
    }

    /** What one request's rule checked, by view and key. */
    private static final class Holder {
        private final Map<String, Document> documents = new ConcurrentHashMap<>();
    }
}
