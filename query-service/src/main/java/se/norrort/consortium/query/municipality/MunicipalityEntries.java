package se.norrort.consortium.query.municipality;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import se.norrort.consortium.query.projection.ApplicationFacts;
import se.norrort.consortium.query.projection.ApplicationFactsCodec;
import se.norrort.consortium.query.projection.EventRef;
import se.norrort.consortium.query.projection.Provenance;
import se.norrort.consortium.query.projection.ReplayedEvent;
import se.norrort.consortium.query.projection.ViewFields;

/**
 * The stored layout of the municipality view: one <em>entry document</em> per municipality and application, one
 * <em>index document</em> per municipality, and the municipality's document as served, assembled from them on read.
 * <p>
 * <b>Entry document</b> ({@link MunicipalityProjection#COLLECTION}, {@code _id} = {@code <code>/<applicationId>}):
 * exactly what {@link MunicipalityView#apply} makes of the events of one application for one municipality, i.e. the
 * municipality's document as it was with that one application in it ({@code code}, {@code name},
 * {@code applications: [entry]}, {@code todo}, {@code counts}, {@code position}, {@code revision}, {@code updatedAt})
 * and its own provenance. An event changes the entries of the municipalities it concerns and nothing else, so its
 * cost no longer grows with the number of applications a municipality takes part in.
 * <p>
 * <b>Index document</b> ({@link MunicipalityProjection#INDEX}, {@code _id} = the code): the ids of the applications
 * that concern the municipality, in order of first appearance; changed only when an application first concerns it.
 * A read is one find by {@code _id} of the index and one {@code $in} on the entries' {@code _id}s, both served from
 * the {@code _id} index (on the embedded server as on MongoDB).
 * <p>
 * <b>Assembled</b> ({@link #assemble}): the entries in the index's order; {@code todo} and {@code counts} derived
 * from them as the fold derives them; {@code position} the highest of the entries'; {@code revision} the sum of
 * theirs (each event that changed the municipality's view changed exactly one entry once, so this counts the view's
 * versions as before); {@code updatedAt} that of the entry with the highest position. The provenance of the
 * assembled document is the entries' (see {@link #provenance}).
 */
public final class MunicipalityEntries {

    private MunicipalityEntries() {}

    /** The id of the entry document of {@code applicationId} in {@code code}'s view. */
    public static String id(String code, String applicationId) {
        return code + "/" + applicationId;
    }

    /**
     * A new entry's municipality-wide counts before its first event: what it adds to the municipality's counts is
     * recorded as a change of theirs (an entry that joins one application counts 1 joined more), not their
     * appearing at 0 (see {@link #provenance}).
     */
    private static final Document ZERO = new Document(
            "counts",
            new Document("applications", 0L)
                    .append("joined", 0L)
                    .append("signed", 0L)
                    .append("todo", 0L));

    /**
     * Applies an event (of the entry's application) to the entry document of {@code code} ({@code null}: none yet),
     * with the application's facts after the event, and records the fields it set ({@link Provenance}); the very
     * document given when the entry reflects the event already. The projection's one step per entry, live and in a
     * rebuild.
     */
    public static Document apply(Document entry, String code, ReplayedEvent e, Document facts) {
        return apply(entry, code, e, ApplicationFactsCodec.fromDocument(facts));
    }

    /** {@link #apply(Document, String, ReplayedEvent, Document)} with the facts as a record (decoded once per event). */
    public static Document apply(Document entry, String code, ReplayedEvent e, ApplicationFacts.Facts facts) {
        return apply(entry, code, e, facts, MunicipalityRecords.none());
    }

    /**
     * {@link #apply(Document, String, ReplayedEvent, ApplicationFacts.Facts)} folding from the records a batch knows
     * ({@link MunicipalityRecords}): the same documents, without decoding each entry again for each event.
     */
    static Document apply(
            Document entry, String code, ReplayedEvent e, ApplicationFacts.Facts facts, MunicipalityRecords records) {
        if (entry != null) {
            return e.applyTo(
                    entry,
                    (v, event, position, timestamp) ->
                            MunicipalityView.apply(v, code, event, position, timestamp, facts, records));
        }
        // not remembered: the document is named after the fold (its record's id is the code)
        Document created = MunicipalityView.apply(
                (Document) null, code, e.event(), e.position(), e.timestamp(), facts, MunicipalityRecords.none());
        created.put("_id", id(code, e.event().applicationId().toString())); // the fold names it by the code
        return Provenance.record(ZERO, created, e.ref());
    }

    /** The application of an entry document (its one entry's id). */
    public static String applicationId(Document entryDocument) {
        List<Document> entries = entryDocument.getList("applications", Document.class, List.of());
        return entries.isEmpty() ? null : entries.get(0).getString("applicationId");
    }

    /** The application ids an index document lists, in order of first appearance. */
    public static List<String> applications(Document index) {
        return index == null ? List.of() : index.getList("applications", String.class, List.of());
    }

    /**
     * The index document with {@code applicationId} listed (appended when new); the very one given when it lists it
     * already, so that the step is a pure, idempotent fold (the batch may apply it again after a conflict).
     */
    public static Document indexed(Document index, String code, String applicationId) {
        List<String> listed = applications(index);
        if (listed.contains(applicationId)) {
            return index;
        }
        List<String> longer = new ArrayList<>(listed);
        longer.add(applicationId);
        return new Document("_id", code)
                .append("code", code)
                .append("applications", longer)
                .append("revision", ViewFields.longOf(index, "revision") + 1);
    }

    /**
     * The municipality's document as served (and as the old layout stored it), from its entry documents in the
     * index's order; {@code null} when there are none. With {@code withProvenance} (the entries read with theirs) it
     * carries the merged provenance under {@link Provenance#FIELD}.
     */
    public static Document assemble(String code, Collection<Document> entryDocuments, boolean withProvenance) {
        if (entryDocuments.isEmpty()) {
            return null;
        }
        List<MunicipalityEntry> applications = new ArrayList<>(entryDocuments.size());
        long position = -1;
        long revision = 0;
        Instant updatedAt = null;
        for (Document d : entryDocuments) {
            MunicipalityDocument entry = MunicipalityCodec.fromDocument(d);
            applications.addAll(entry.applications());
            revision += entry.revision();
            if (entry.position() > position) {
                position = entry.position();
                updatedAt = entry.updatedAt();
            }
        }
        MunicipalityDocument assembled =
                MunicipalityView.summarized(code, code, applications, position, revision, updatedAt);
        // each application entry in the shape its entry document stored it in
        Document view = MunicipalityCodec.toDocument(assembled, null, MunicipalityCodec.entriesOf(entryDocuments));
        if (withProvenance) {
            Document provenance = provenance(entryDocuments);
            if (provenance != null) {
                view.put(Provenance.FIELD, provenance);
            }
        }
        return view;
    }

    /**
     * The provenance of the assembled document, from the entries': the events of all of them (each once, by
     * position), and each field with the events that set it in any entry, oldest first. The entries' own fields
     * ({@code applications[<id>]....}) are each in one entry only, so they are as recorded. The municipality-wide
     * fields are in every entry, and each event changes one entry: {@code todo[...]} and {@code counts.*} change
     * exactly when that entry's share of them changes (a new entry records its share against zero, see
     * {@link #apply}), and {@code position}, {@code revision} and {@code updatedAt} change with every event, so the
     * union of the entries' lists is what the whole document recorded. {@code code}, {@code name} and the
     * {@code counts.*} appeared with the document's first event (the earliest of all), which sets them too; {@code
     * code} and {@code name} were set by it alone. The whole {@code todo} list as one leaf (it is one only while it is
     * empty) lists the events that emptied or first filled any entry's share of it: this one differs from the old
     * layout's record.
     */
    static Document provenance(Collection<Document> entryDocuments) {
        TreeMap<Long, Document> events = new TreeMap<>();
        Map<String, Set<Long>> fields = new LinkedHashMap<>();
        for (Document d : entryDocuments) {
            Provenance.Recorded recorded = Provenance.Recorded.of(d);
            recorded.events().forEach(events::putIfAbsent);
            recorded.fields()
                    .forEach((path, setBy) -> fields.computeIfAbsent(path, p -> new LinkedHashSet<>())
                            .addAll(setBy));
        }
        if (fields.isEmpty()) {
            return null;
        }
        long first = events.isEmpty() ? -1 : events.firstKey();
        if (first >= 0) {
            // the counts appeared with the document: an entry that never changed one (0 joined) does not list it
            for (String count : ZERO.get("counts", Document.class).keySet()) {
                fields.computeIfAbsent("counts." + count, p -> new LinkedHashSet<>());
            }
        }
        List<Document> listed = new ArrayList<>(fields.size());
        for (Map.Entry<String, Set<Long>> field : fields.entrySet()) {
            String path = field.getKey();
            if (path.startsWith("counts.") && first >= 0) {
                field.getValue().add(first);
            }
            List<Long> setBy = new ArrayList<>(field.getValue());
            setBy.sort(Comparator.naturalOrder());
            if (("code".equals(path) || "name".equals(path)) && setBy.size() > 1) {
                setBy = new ArrayList<>(setBy.subList(0, 1));
            }
            listed.add(new Document("field", field.getKey()).append("setBy", setBy));
        }
        Set<Long> referenced = new java.util.HashSet<>();
        listed.forEach(f -> f.getList("setBy", Long.class).forEach(referenced::add));
        List<Document> refs = new ArrayList<>();
        events.forEach((position, ref) -> {
            if (referenced.contains(EventRef.position(ref))) {
                refs.add(ref);
            }
        });
        return new Document("events", refs).append("fields", listed);
    }
}
