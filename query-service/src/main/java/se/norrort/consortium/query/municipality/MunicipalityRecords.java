package se.norrort.consortium.query.municipality;

import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import org.bson.Document;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.query.projection.ApplicationFacts;
import se.norrort.consortium.query.projection.ApplicationFactsCodec;

/**
 * The records of the entry and facts documents a batch decoded or wrote, so that the next event of the batch on the
 * same entry (or application) folds from the record instead of decoding the document again, and the codec can share
 * what the event left as it was (see
 * {@link MunicipalityCodec#toDocument(MunicipalityDocument, Document, MunicipalityDocument)}).
 * <p>
 * Facts are keyed by the identity of their document; entries by the identity of the document's {@code applications}
 * list, since the fold is given a shallow copy of the stored document (without its provenance, see
 * {@code Provenance#apply}), which shares that list. A document read again after a conflict is another object and is
 * decoded. Sound because view documents are never changed in place, and because decoding a document this codec wrote
 * gives the record it wrote ({@code MunicipalityStoredShapeTest} checks that after every event of the histories, and
 * that folding through the records stores every golden document).
 * <p>
 * Lives as long as its {@code ViewBatch}'s documents (one batch), and is used by the thread that applies the batch's
 * events only (a rebuild's writes on another thread re-apply no steps: its collections have no other writer), so it
 * takes no lock.
 */
final class MunicipalityRecords {

    private static final MunicipalityRecords NONE = new MunicipalityRecords(false);

    private final Map<Object, MunicipalityDocument> entries = new IdentityHashMap<>();
    private final Map<Document, ApplicationFacts.Facts> facts = new IdentityHashMap<>();
    private final boolean remembers;

    private MunicipalityRecords(boolean remembers) {
        this.remembers = remembers;
    }

    /** A memo for one batch. */
    static MunicipalityRecords create() {
        return new MunicipalityRecords(true);
    }

    /** No memo: every document is decoded (shared by every thread; it holds nothing). */
    static MunicipalityRecords none() {
        return NONE;
    }

    /** The record of a stored entry document ({@code null} for none): remembered, or decoded (and remembered). */
    MunicipalityDocument of(Document stored) {
        if (stored == null) {
            return null;
        }
        MunicipalityDocument known = entries.get(stored.get("applications"));
        if (known != null) {
            return known;
        }
        MunicipalityDocument decoded = MunicipalityCodec.fromDocument(stored);
        remember(stored, decoded);
        return decoded;
    }

    /** The record {@code stored} was written from (its decoding gives it). */
    void remember(Document stored, MunicipalityDocument record) {
        Object applications = stored.get("applications");
        if (remembers && applications != null) {
            entries.put(applications, record);
        }
    }

    /** The application's facts of a stored facts document ({@code null} for none): remembered, or decoded (and remembered). */
    ApplicationFacts.Facts factsOf(Document stored) {
        if (stored == null) {
            return null;
        }
        ApplicationFacts.Facts known = facts.get(stored);
        if (known != null) {
            return known;
        }
        ApplicationFacts.Facts decoded = ApplicationFactsCodec.fromDocument(stored);
        if (remembers) {
            facts.put(stored, decoded);
        }
        return decoded;
    }

    /**
     * What {@link ApplicationFacts#apply(Document, ConsortiumEvent, long, Instant)} makes of the facts document
     * {@code before} ({@code null}: none yet), folded from its remembered facts, and remembering those of the document
     * it answers; {@code before} itself when the event is reflected.
     */
    Document applyToFacts(Document before, ConsortiumEvent event, long position, Instant timestamp) {
        ApplicationFacts.Facts known = factsOf(before);
        ApplicationFacts.Facts next = ApplicationFacts.apply(known, event, position, timestamp);
        if (next == known) {
            return before;
        }
        Document stored = ApplicationFactsCodec.toDocument(next, before);
        if (remembers) {
            facts.put(stored, next);
        }
        return stored;
    }
}
