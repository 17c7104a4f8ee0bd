package se.norrort.consortium.eventstore.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The stock H2 database with its collections' documents and its unique indexes' keys in the BSON codec
 * ({@link StoreFormat}), and its collections answer top-level exclusion projections without a deep copy
 * ({@link CodecH2Collection}). Map names are the stock backend's, so dropping and renaming work as they do there (those
 * open the maps by name, and get the ones opened here).
 */
final class CodecH2Database extends H2Database {

    private static final String DATABASES_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

    private final MVStore store;
    private final CursorRegistry cursors;
    /** False while the stock constructor runs: it opens the collections before this class's fields are set. */
    private boolean constructed;

    CodecH2Database(String name, MVStore store, CursorRegistry cursors) {
        super(name, store, cursors);
        this.store = store;
        this.cursors = cursors;
        this.constructed = true;
        initializeNamespacesAndIndexes();
    }

    @Override
    protected void initializeNamespacesAndIndexes() {
        if (constructed) {
            super.initializeNamespacesAndIndexes();
        }
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        MVMap<KeyValue, Object> map = store.openMap(
                getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE));
        return new CodecUniqueIndex(map, indexName, keys, sparse);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> data = store.openMap(
                DATABASES_PREFIX + fullName,
                new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.forCollection()));
        MVMap<String, Object> meta = store.openMap(META_PREFIX + fullName);
        return new CodecH2Collection(this, collectionName, options, data, meta, cursors);
    }
}
