package se.norrort.consortium.eventstore.embedded;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * How the embedded store writes documents and index keys into its MVStore file. The stock backend Java-serializes
 * every value (each with its class descriptors, a new {@code ObjectOutputStream} per value) and compares index keys
 * by serializing both sides on every comparison; a profile of single-event appends spent 60% of the store's CPU
 * there. A store created by this version writes documents as BSON and compares index keys by value
 * ({@link BsonDocumentType}, {@link KeyValueType}) and says so in a map of its own; a file written by an earlier
 * version (maps, but no such map) is read and written as before, whole, so that existing data stays readable.
 */
final class StoreFormat {

    /** The map that marks a store written with the BSON codec. */
    static final String MARKER = "norrort.format";

    private static final String CODEC = "codec";

    private StoreFormat() {}

    /**
     * Whether the store uses the BSON codec: when it is marked, or when it is new (no map at all; it is marked now).
     * A store with maps but no mark was written by an earlier version and keeps the stock format.
     */
    static synchronized boolean usesCodec(MVStore store) {
        if (store.hasMap(MARKER)) {
            return true;
        }
        if (!store.getMapNames().isEmpty()) {
            return false;
        }
        MVMap<String, String> marker = store.openMap(MARKER);
        marker.put(CODEC, "bson-1");
        return true;
    }
}
