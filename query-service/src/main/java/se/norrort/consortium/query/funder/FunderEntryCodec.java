package se.norrort.consortium.query.funder;

import java.time.LocalDate;
import org.bson.Document;
import se.norrort.consortium.query.projection.ApplicationFactsCodec;
import se.norrort.consortium.query.projection.StoredShape;

/**
 * {@link FunderEntry} to and from the stored {@link Document}, in the shape the entry has always been stored in: the
 * facts' fields ({@link ApplicationFactsCodec}), with {@code participants} (every count an int64), {@code reports}
 * (an empty list until the grant) and {@code nextReportDue} (may be {@code null}) after {@code updatedAt}, where the
 * first event put them; every field keeps its place ({@link StoredShape}), so {@code toDocument(fromDocument(d), d)}
 * is {@code d}.
 */
public final class FunderEntryCodec {

    private FunderEntryCodec() {}

    /** The stored document of {@code entry}, shaped after {@code previous}, the document it was folded from. */
    public static Document toDocument(FunderEntry entry, Document previous) {
        StoredShape shape = StoredShape.after(previous);
        ApplicationFactsCodec.write(shape, entry.facts(), previous, s -> {
            if (!s.has("members")) {
                s.put("members", java.util.List.of());
            }
            s.put("participants", ApplicationFactsCodec.counts(entry.participants()))
                    .put("reports", ApplicationFactsCodec.reports(entry.facts().reports(), previous))
                    .put(
                            "nextReportDue",
                            entry.nextReportDue() == null
                                    ? null
                                    : entry.nextReportDue().toString());
        });
        return shape.document();
    }

    /** The entry of a stored document ({@code null} for none); the provenance field, if any, is not part of it. */
    public static FunderEntry fromDocument(Document document) {
        if (document == null) {
            return null;
        }
        Document participants = document.get("participants", Document.class);
        String nextReportDue = document.getString("nextReportDue");
        return new FunderEntry(
                ApplicationFactsCodec.fromDocument(document),
                ApplicationFactsCodec.countsOf(participants),
                nextReportDue == null ? null : LocalDate.parse(nextReportDue));
    }
}
