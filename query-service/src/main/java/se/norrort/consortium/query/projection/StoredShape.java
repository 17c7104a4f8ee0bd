package se.norrort.consortium.query.projection;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * Writes a typed view record back as the {@link Document} the view has always stored, field for field: a field the
 * previous version of the document had keeps its place (and stays, even when it now holds {@code null}), a new field
 * follows in the order the codec names it. That is what a Document-built fold gave ({@code append} on a copy keeps a
 * key's place, adds a new key at the end and never removes one), so field-level provenance ({@link Provenance}),
 * which lists fields in document order, and the documents a rebuild stores stay as they were.
 * <p>
 * A field that a codec names with {@link #putIf} is stored when its condition holds or when the previous document had
 * it; one named with {@link #put} always. A key of the previous document that the codec does not name is not kept.
 */
public final class StoredShape {

    private final Document previous;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private StoredShape(Document previous) {
        this.previous = previous;
    }

    /** A document shaped after {@code previous} (or, when {@code null}, in the order the fields are named). */
    public static StoredShape after(Document previous) {
        return new StoredShape(previous);
    }

    /** Stores {@code value} under {@code key}. */
    public StoredShape put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** Stores {@code value} under {@code key} when {@code stored}, or when the previous document had the key. */
    public StoredShape putIf(boolean stored, String key, Object value) {
        if (stored || had(key)) {
            fields.put(key, value);
        }
        return this;
    }

    /** Stores {@code value} under {@code key} when it is not {@code null}, or when the previous document had the key. */
    public StoredShape putIfNotNull(String key, Object value) {
        return putIf(value != null, key, value);
    }

    /** Whether {@code key} is to be stored (it was put). */
    public boolean has(String key) {
        return fields.containsKey(key);
    }

    /** Whether the previous document had {@code key}. */
    public boolean had(String key) {
        return previous != null && previous.containsKey(key);
    }

    /** The document: the previous document's fields in their order, then the new ones in the order named. */
    public Document document() {
        Document document = new Document();
        if (previous != null) {
            for (String key : previous.keySet()) {
                if (fields.containsKey(key)) {
                    document.put(key, fields.get(key));
                }
            }
        }
        fields.forEach((key, value) -> {
            if (!document.containsKey(key)) {
                document.put(key, value);
            }
        });
        return document;
    }
}
