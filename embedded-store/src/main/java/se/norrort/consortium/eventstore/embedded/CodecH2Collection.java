package se.norrort.consortium.eventstore.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;

/**
 * The stock H2 collection, except that a query whose projection only excludes top-level fields (as the query-service
 * serves its views: {@code {_provenance: 0}}) answers with a shallow copy of each matched document without those
 * fields, instead of the stock deep copy of the whole document (provenance included) from which they are then
 * removed. The answer is the same document: the same fields in the same order with the same values. Sharing the
 * nested values with the stored document is as safe as the stock answer to a query without projection, which is the
 * stored document itself: an update never changes a stored document's nested values in place (it builds the new
 * document from a deep copy and puts its top-level values in), and the answer is only encoded.
 *
 * <p>Any other projection (inclusions, paths with a dot, operators such as {@code $slice}, an empty field name) goes
 * the stock way, with its validation and errors.
 */
final class CodecH2Collection extends H2Collection {

    /**
     * True: every projection goes the stock way (deep copy). Only for the baseline of {@code
     * ExclusionProjectionBenchmarkTest}, which measures both ways in the same run; never set otherwise.
     */
    static volatile boolean stockProjections;

    CodecH2Collection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            MVMap<Object, Document> dataMap,
            MVMap<String, Object> metaMap,
            CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    @Override
    protected QueryResult matchDocumentsFromStream(
            Document query,
            Stream<Document> documentStream,
            int numberToSkip,
            int limit,
            int batchSize,
            Comparator<Document> documentComparator,
            Document fieldSelector) {
        if (stockProjections || !onlyTopLevelExclusions(fieldSelector)) {
            return super.matchDocumentsFromStream(
                    query, documentStream, numberToSkip, limit, batchSize, documentComparator, fieldSelector);
        }
        // The stock steps, in the stock order; only the projection differs.
        Stream<Document> matched = documentStream.filter(document -> documentMatchesQuery(document, query));
        if (documentComparator != null) {
            matched = matched.sorted(documentComparator);
        }
        if (numberToSkip > 0) {
            matched = matched.skip(numberToSkip);
        }
        if (limit > 0) {
            matched = matched.limit(limit);
        }
        List<Document> projected =
                matched.map(document -> without(document, fieldSelector)).collect(Collectors.toList());
        return createQueryResult(projected, batchSize);
    }

    /** True if every field of the projection is a top-level field name excluded with {@code 0} or {@code false}. */
    static boolean onlyTopLevelExclusions(Document fieldSelector) {
        if (fieldSelector == null || fieldSelector.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, Object> field : fieldSelector.entrySet()) {
            String name = field.getKey();
            Object value = field.getValue();
            boolean excluded = Boolean.FALSE.equals(value) || (value instanceof Number n && n.doubleValue() == 0.0);
            if (name.isEmpty() || name.contains(".") || name.startsWith("$") || !excluded) {
                return false;
            }
        }
        return true;
    }

    private static Document without(Document document, Document excluded) {
        Document copy = document.clone();
        for (String name : excluded.keySet()) {
            copy.remove(name);
        }
        return copy;
    }
}
