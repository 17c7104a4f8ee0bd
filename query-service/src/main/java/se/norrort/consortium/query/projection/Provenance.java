package se.norrort.consortium.query.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.bson.Document;

/**
 * Field-level provenance of view documents: for every leaf field of a view document, the events that set it.
 * <p>
 * <b>Paths.</b> A view document is flattened into leaf fields: nested documents by {@code .}
 * ({@code counts.signed}); an array of sub-documents by the value of the first {@linkplain #KEYS identifying field}
 * that every element has ({@code members[0162].signed}, {@code applications[demo].delegations[del-0162].status},
 * {@code reports[INTERIM].submitted}); a key that repeats within the array gets its occurrence number
 * ({@code todo[demo#2].action}); an array whose elements have no common identifying field by index
 * ({@code decisionCorrections[0].reason}). Scalars, arrays of scalars, empty arrays and empty documents are leaves,
 * whole. {@code _id} and the provenance itself are no fields.
 * <p>
 * <b>Recording.</b> {@link #apply} applies a fold to a view document and compares the leaf fields before and after:
 * each field whose value changed, appeared or disappeared gets the event's reference ({@link EventRef}) appended to
 * its list, in the reserved field {@value #FIELD} of the view document itself, so that it is written atomically with
 * the view and a rebuild produces it too. Stored as
 * <pre>
 * _provenance: { events: [ref, ...],                              // each event once, in the order recorded
 *                fields: [ {field: "members[0162].signed", setBy: [position, ...]}, ... ] }
 * </pre>
 * Field names go into values because MongoDB field names cannot hold the dots of a path; fields refer to events by
 * their global position (unique in the log) so that an event that changes ten fields is stored once, not ten times.
 * <p>
 * Deterministic: no clock, and the order of fields and events follows the order of the events and of the document,
 * so a view rebuilt from the same events equals the live one. Idempotent: a fold that returns the document it was
 * given (an event already reflected) records nothing, and an event is never listed twice for one field.
 * <p>
 * The field is hidden from every served view by {@code web.ViewDocumentJson}; it is served through the provenance
 * endpoints only (see {@code doc/provenance.md}).
 */
public final class Provenance {

    /** The reserved field of a view document that holds its provenance. */
    public static final String FIELD = "_provenance";

    /**
     * Fields that identify an element of an array of sub-documents, in order of preference: municipality code,
     * application id, delegation id, document id, report kind, budget year, to-do action.
     */
    public static final List<String> KEYS =
            List.of("code", "applicationId", "delegationId", "documentId", "report", "year", "action");

    private Provenance() {}

    /**
     * Applies {@code fold} to {@code before} and records, in the document it returns, which fields the event of
     * {@code ref} changed. When the fold returns {@code before} itself (nothing to do), so does this. The fold must not
     * change the document it is given. The fold is given the document without its provenance (a shallow copy without
     * the field), so that it does not copy the provenance along with the view on every event.
     */
    public static Document apply(Document before, Document ref, UnaryOperator<Document> fold) {
        Document bare = before;
        if (before != null && before.containsKey(FIELD)) {
            bare = new Document(before);
            bare.remove(FIELD);
        }
        Document after = fold.apply(bare);
        if (after == bare) {
            return before;
        }
        return record(before, after, ref);
    }

    /**
     * Records in {@code after} (and returns it) which leaf fields differ from {@code before} (null: none), with
     * {@code ref} appended to each one's list; the provenance recorded in {@code before} is kept.
     * <p>
     * Copy on write: {@code before}'s provenance is not changed; the new one shares with it the event references and
     * the field entries this event does not touch (none of them is ever changed in place), so recording costs the
     * number of fields and events listed, not a deep copy of them.
     */
    public static Document record(Document before, Document after, Document ref) {
        List<String> changed = changedFields(before, after);
        Document prior = before == null ? null : before.get(FIELD, Document.class);
        if (changed.isEmpty()) {
            // nothing this event set: the provenance as it was (the same object; it is never changed in place)
            if (prior == null) {
                after.remove(FIELD);
            } else {
                after.put(FIELD, prior);
            }
            return after;
        }

        List<Document> events = new ArrayList<>(prior == null ? List.of() : listed(prior, "events"));
        List<Document> fields = new ArrayList<>(prior == null ? List.of() : listed(prior, "fields"));
        long position = EventRef.position(ref);
        if (events.stream().noneMatch(e -> EventRef.position(e) == position)) {
            events.add(ViewFields.copy(ref));
        }
        // one pass over the fields listed: those this event changed get its position (a new list, copy on write)
        java.util.Set<String> pending = new java.util.LinkedHashSet<>(changed);
        for (int i = 0; i < fields.size() && !pending.isEmpty(); i++) {
            Document field = fields.get(i);
            String path = field.getString("field");
            if (!pending.remove(path)) {
                continue;
            }
            List<?> setBy = field.get("setBy", List.class);
            if (setBy.stream().noneMatch(p -> ((Number) p).longValue() == position)) {
                List<Object> longer = new ArrayList<>(setBy);
                longer.add(position);
                fields.set(i, new Document(field).append("setBy", longer));
            }
        }
        for (String path : pending) {
            List<Object> setBy = new ArrayList<>();
            setBy.add(position);
            fields.add(new Document("field", path).append("setBy", setBy));
        }
        if (fields.isEmpty()) {
            after.remove(FIELD);
        } else {
            after.put(FIELD, new Document("events", events).append("fields", fields));
        }
        return after;
    }

    /**
     * The leaf fields of {@code after} whose value differs from, or is absent in, {@code before}, in {@code after}'s
     * order, then those of {@code before} absent in {@code after}, in its order: what comparing the two
     * {@linkplain #flatten flattened} documents gives. Walks both documents together, once in {@code after}'s order for
     * what changed or appeared and once in {@code before}'s for what disappeared, and skips a sub-document or array
     * that is the same object in both (a fold that copies only what it changes shares the rest), so the cost follows
     * what changed, not the document's size. Only where a sub-document became an array of sub-documents or the other
     * way round (no view does that) does it compare the flattened documents.
     */
    static List<String> changedFields(Document before, Document after) {
        List<String> changed = new ArrayList<>();
        if (before == null || after == null || !walkTop(before, after, changed)) {
            return changedByFlattening(before, after);
        }
        goneTop(before, after, changed);
        return changed;
    }

    /** The changed fields by comparing the flattened documents: the definition {@link #changedFields} follows. */
    static List<String> changedByFlattening(Document before, Document after) {
        Map<String, Object> old = flatten(before);
        Map<String, Object> now = flatten(after);
        List<String> changed = new ArrayList<>();
        now.forEach((path, value) -> {
            if (!old.containsKey(path) || !same(old.get(path), value)) {
                changed.add(path);
            }
        });
        old.keySet().stream().filter(path -> !now.containsKey(path)).forEach(changed::add);
        return changed;
    }

    /** Whether {@link #changedFields} finds the fields by the walk alone, without flattening (for its tests). */
    static boolean walkSuffices(Document before, Document after) {
        return before != null && after != null && walkTop(before, after, new ArrayList<>());
    }

    /**
     * Adds the leaves of {@code after} that changed or appeared, in its order; false when a sub-document and an array
     * of sub-documents meet at one path (the caller then flattens).
     */
    private static boolean walkTop(Document before, Document after, List<String> changed) {
        for (Map.Entry<String, Object> field : after.entrySet()) {
            String key = field.getKey();
            if ("_id".equals(key) || FIELD.equals(key)) {
                continue;
            }
            if (!before.containsKey(key)) {
                added(key, field.getValue(), changed);
            } else if (!walk(key, before.get(key), field.getValue(), changed)) {
                return false;
            }
        }
        return true;
    }

    private static boolean walk(String path, Object a, Object b, List<String> changed) {
        if (a == b) {
            return true;
        }
        boolean aMap = a instanceof Map<?, ?> m && !m.isEmpty();
        boolean bMap = b instanceof Map<?, ?> m && !m.isEmpty();
        boolean aList = subDocuments(a);
        boolean bList = subDocuments(b);
        if (bMap && aMap) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) b;
            for (Map.Entry<?, ?> field : y.entrySet()) {
                String next = path + "." + field.getKey();
                if (!x.containsKey(field.getKey())) {
                    added(next, field.getValue(), changed);
                } else if (!walk(next, x.get(field.getKey()), field.getValue(), changed)) {
                    return false;
                }
            }
            return true;
        }
        if (bList && aList) {
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            Map<String, Object> xByKey = byKey(x);
            List<String> yKeys = keys(y);
            for (int i = 0; i < y.size(); i++) {
                String next = path + "[" + yKeys.get(i) + "]";
                if (!xByKey.containsKey(yKeys.get(i))) {
                    added(next, y.get(i), changed);
                } else if (!walk(next, xByKey.get(yKeys.get(i)), y.get(i), changed)) {
                    return false;
                }
            }
            return true;
        }
        if ((aMap && bList) || (aList && bMap)) {
            return false; // the two kinds of structure name their leaves differently: compare the flattened ones
        }
        if (bMap || bList) {
            added(path, b, changed); // a leaf became a structure: its leaves are new (the leaf went, see gone)
        } else if (aMap || aList) {
            changed.add(path); // a structure became a leaf: the leaf is new (the structure's leaves went)
        } else if (!same(a, b)) {
            changed.add(path);
        }
        return true;
    }

    /** Adds the leaves of {@code before} that are absent in {@code after}, in {@code before}'s order. */
    private static void goneTop(Document before, Document after, List<String> gone) {
        for (Map.Entry<String, Object> field : before.entrySet()) {
            String key = field.getKey();
            if ("_id".equals(key) || FIELD.equals(key)) {
                continue;
            }
            if (!after.containsKey(key)) {
                added(key, field.getValue(), gone);
            } else {
                gone(key, field.getValue(), after.get(key), gone);
            }
        }
    }

    /** For {@link #goneTop}: called only where {@link #walk} answered, so no sub-document meets an array here. */
    private static void gone(String path, Object a, Object b, List<String> gone) {
        if (a == b) {
            return;
        }
        boolean aMap = a instanceof Map<?, ?> m && !m.isEmpty();
        boolean bMap = b instanceof Map<?, ?> m && !m.isEmpty();
        boolean aList = subDocuments(a);
        boolean bList = subDocuments(b);
        if (aMap && bMap) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) b;
            for (Map.Entry<?, ?> field : x.entrySet()) {
                String next = path + "." + field.getKey();
                if (!y.containsKey(field.getKey())) {
                    added(next, field.getValue(), gone);
                } else {
                    gone(next, field.getValue(), y.get(field.getKey()), gone);
                }
            }
        } else if (aList && bList) {
            List<?> x = (List<?>) a;
            List<String> xKeys = keys(x);
            Map<String, Object> yByKey = byKey((List<?>) b);
            for (int i = 0; i < x.size(); i++) {
                String next = path + "[" + xKeys.get(i) + "]";
                if (!yByKey.containsKey(xKeys.get(i))) {
                    added(next, x.get(i), gone);
                } else {
                    gone(next, x.get(i), yByKey.get(xKeys.get(i)), gone);
                }
            }
        } else if (aMap || aList) {
            added(path, a, gone); // a structure became a leaf: all its leaves went
        } else if (bMap || bList) {
            gone.add(path); // a leaf became a structure: the leaf went
        }
    }

    /** The elements of an array of sub-documents by their {@linkplain #keys key}. */
    private static Map<String, Object> byKey(List<?> elements) {
        List<String> keys = keys(elements);
        Map<String, Object> byKey = new HashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            byKey.put(keys.get(i), elements.get(i));
        }
        return byKey;
    }

    /** Every leaf of a value that is new at {@code path}. */
    private static void added(String path, Object value, List<String> changed) {
        Map<String, Object> leaves = new LinkedHashMap<>();
        flatten(path, value, leaves);
        changed.addAll(leaves.keySet());
    }

    private static boolean subDocuments(Object value) {
        return value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Map.class::isInstance);
    }

    @SuppressWarnings("unchecked")
    private static List<Document> listed(Document provenance, String key) {
        Object value = provenance.get(key);
        return value instanceof List<?> list ? (List<Document>) list : List.of();
    }

    /**
     * The view document without its provenance (a shallow copy; the document itself when it has none): what live
     * streams carry, in-process and between instances, since no stream serves the provenance.
     */
    public static Document without(Document view) {
        if (view == null || !view.containsKey(FIELD)) {
            return view;
        }
        Document served = new Document(view);
        served.remove(FIELD);
        return served;
    }

    /** The leaf fields of a view document by path, in document order; none for {@code null}. */
    public static Map<String, Object> flatten(Document document) {
        Map<String, Object> leaves = new LinkedHashMap<>();
        if (document != null) {
            document.forEach((key, value) -> {
                if (!"_id".equals(key) && !FIELD.equals(key)) {
                    flatten(key, value, leaves);
                }
            });
        }
        return leaves;
    }

    private static void flatten(String path, Object value, Map<String, Object> leaves) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((key, nested) -> flatten(path + "." + key, nested, leaves));
        } else if (value instanceof List<?> list
                && !list.isEmpty()
                && list.stream().allMatch(Map.class::isInstance)) {
            List<String> keys = keys(list);
            for (int i = 0; i < list.size(); i++) {
                flatten(path + "[" + keys.get(i) + "]", list.get(i), leaves);
            }
        } else {
            leaves.put(path, value);
        }
    }

    /** The keys of the elements of an array of sub-documents: by identifying field, else by index. */
    private static List<String> keys(List<?> elements) {
        for (String key : KEYS) {
            List<String> values = new ArrayList<>();
            for (Object element : elements) {
                Object value = ((Map<?, ?>) element).get(key);
                String text = value == null || value instanceof Map || value instanceof List ? null : value.toString();
                if (text == null || text.isEmpty() || text.contains("[") || text.contains("]")) {
                    break;
                }
                values.add(text);
            }
            if (values.size() == elements.size()) {
                Map<String, Integer> seen = new HashMap<>();
                List<String> keys = new ArrayList<>();
                for (String value : values) {
                    int occurrence = seen.merge(value, 1, Integer::sum);
                    keys.add(occurrence == 1 ? value : value + "#" + occurrence);
                }
                return keys;
            }
        }
        List<String> indexes = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            indexes.add(Integer.toString(i));
        }
        return indexes;
    }

    /** Whether two stored values are the same: numbers by value (an int and a long of 3 are the same), deeply. */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && integral(x) && integral(y)) {
            return x.longValue() == y.longValue();
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> same(x.get(k), y.get(k)));
        }
        return Objects.equals(a, b);
    }

    private static boolean integral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    /** The provenance recorded in a view document: its events by position, and each field's positions. */
    public record Recorded(Map<Long, Document> events, Map<String, List<Long>> fields) {

        /** What {@code view} records; empty for a document without provenance (e.g. built before it existed). */
        public static Recorded of(Document view) {
            Map<Long, Document> events = new LinkedHashMap<>();
            Map<String, List<Long>> fields = new LinkedHashMap<>();
            Document provenance = view == null ? null : view.get(FIELD, Document.class);
            if (provenance != null) {
                ViewFields.list(provenance, "events").forEach(e -> events.put(EventRef.position(e), e));
                for (Document field : ViewFields.list(provenance, "fields")) {
                    List<Long> setBy = new ArrayList<>();
                    field.getList("setBy", Number.class, List.of()).forEach(p -> setBy.add(p.longValue()));
                    fields.put(field.getString("field"), setBy);
                }
            }
            return new Recorded(events, fields);
        }
    }
}
