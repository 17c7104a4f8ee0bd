package se.norrort.consortium.query.municipality;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import se.norrort.consortium.query.live.ViewChangeHub;
import se.norrort.consortium.query.projection.ViewFields;

/**
 * One live subscriber's copy of a municipality's view: its entry documents (without provenance), from the stored
 * state read when the stream opened and every published change of an entry since, each entry kept at its highest
 * revision (an entry's revision counts its versions, so an older copy arriving late, e.g. from another instance's
 * feed, or a stored state read after a change that it already reflects, never replaces a newer one).
 * <p>
 * {@link #next} answers the assembled document whenever it differs from the last one sent, i.e. when the sum of the
 * entries' revisions grew (it never shrinks), and not before the stored state has been read (the changes alone are
 * not the whole view). The document's position (the SSE {@code id:}) is the highest of its entries' and never goes
 * back; a change that completes a state read half-way through a batch's writes may be sent with the same position
 * as that state. States at or below the {@code Last-Event-ID} the client gave are left out. Thread-safe: the
 * stored state and the changes arrive on different threads.
 */
final class LiveMunicipality {

    private final String code;
    private final long lastEventId;
    private Map<String, Document> entries = new LinkedHashMap<>();
    private boolean loaded;
    private long sent = -1;

    LiveMunicipality(String code, Long lastEventId) {
        this.code = code;
        this.lastEventId = lastEventId == null ? -1 : lastEventId;
    }

    /** The stored entry documents, in the index's order. */
    synchronized void loaded(List<Document> stored) {
        Map<String, Document> merged = new LinkedHashMap<>();
        for (Document d : stored) {
            String applicationId = MunicipalityEntries.applicationId(d);
            merged.put(applicationId, newer(d, entries.get(applicationId)));
        }
        // changes of applications the stored index did not list yet: they first concerned it after the read
        entries.forEach(merged::putIfAbsent);
        entries = merged;
        loaded = true;
    }

    /** A published change of one entry document. */
    synchronized void changed(Document entry) {
        String applicationId = MunicipalityEntries.applicationId(entry);
        if (applicationId != null) {
            entries.put(applicationId, newer(entry, entries.get(applicationId)));
        }
    }

    /** The assembled state to send, if it is new. */
    synchronized Optional<ViewChangeHub.Change> next() {
        if (!loaded || entries.isEmpty()) {
            return Optional.empty();
        }
        long revision = 0;
        long position = -1;
        for (Document d : entries.values()) {
            revision += ViewFields.longOf(d, "revision");
            position = Math.max(position, ViewFields.position(d));
        }
        if (revision <= sent || position <= lastEventId) {
            return Optional.empty();
        }
        sent = revision;
        Document view = MunicipalityEntries.assemble(code, entries.values(), false);
        return Optional.of(new ViewChangeHub.Change(MunicipalityProjection.VIEW, code, position, view));
    }

    private static Document newer(Document candidate, Document known) {
        if (known == null) {
            return candidate;
        }
        return ViewFields.longOf(candidate, "revision") > ViewFields.longOf(known, "revision") ? candidate : known;
    }
}
