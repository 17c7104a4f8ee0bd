package se.norrort.consortium.query.funder;

import java.time.Instant;
import java.time.LocalDate;
import org.bson.Document;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.query.projection.ApplicationFacts;
import se.norrort.consortium.query.projection.ApplicationFacts.Facts;
import se.norrort.consortium.query.projection.ApplicationFacts.Report;
import se.norrort.consortium.query.projection.ViewFields;

/**
 * One application as the funder (the County Administrative Board) lists it: title, project owner, legal basis,
 * applied and granted amounts, status ({@code SUBMITTED}, {@code GRANTED}, {@code REJECTED}, {@code CLOSED}), case
 * number and decision date, joining deadline, report due dates (with the next one due), requisitioned and
 * reclaimed amounts, and the counts of participating municipalities.
 * <p>
 * A pure fold over {@link FunderEntry}: the {@link ApplicationFacts} of the application plus what the funder reads
 * from them; it reads the events {@link ApplicationFacts#EVENT_TYPES} lists. An event at or below the position the
 * entry already reflects changes nothing (the same instance is returned). While the application is still being
 * prepared ({@code OPEN} or {@code JOINING_CLOSED}) the entry is not {@link #listed}: the funder sees an application
 * from its submission on. The projection stores documents: {@link #apply(Document, ConsortiumEvent, long, Instant)}
 * converts at the edges ({@link FunderEntryCodec}).
 */
public final class FunderApplicationView {

    private FunderApplicationView() {}

    /**
     * The fold on stored documents: {@code view} read as a {@link FunderEntry}, folded, and written back in the shape
     * it was stored in; {@code view} itself when the event is already reflected.
     */
    public static Document apply(Document view, ConsortiumEvent event, long position, Instant timestamp) {
        if (ViewFields.position(view) >= position) {
            return view;
        }
        FunderEntry next = apply(FunderEntryCodec.fromDocument(view), event, position, timestamp);
        return FunderEntryCodec.toDocument(next, view);
    }

    /** The entry after {@code event}; {@code view} itself when the event is at or below the position it reflects. */
    public static FunderEntry apply(FunderEntry view, ConsortiumEvent event, long position, Instant timestamp) {
        Facts before = view == null ? null : view.facts();
        Facts facts = ApplicationFacts.apply(before, event, position, timestamp);
        if (view != null && facts == before) {
            return view;
        }
        LocalDate nextReportDue = null;
        for (Report report : facts.reports()) {
            LocalDate due = report.dueDate();
            if (!report.submitted() && due != null && (nextReportDue == null || due.isBefore(nextReportDue))) {
                nextReportDue = due;
            }
        }
        return new FunderEntry(facts, ApplicationFacts.counts(facts), nextReportDue);
    }

    /** Whether the funder lists the application: it has been submitted (or has gone further). */
    public static boolean listed(FunderEntry entry) {
        return entry != null
                && entry.facts().status() != null
                && !ApplicationFacts.beforeSubmission(entry.facts().status());
    }

    /** Whether the funder lists the application of a stored entry. */
    public static boolean listed(Document view) {
        String status = view == null ? null : view.getString("status");
        return status != null && !ApplicationFacts.beforeSubmission(status);
    }
}
