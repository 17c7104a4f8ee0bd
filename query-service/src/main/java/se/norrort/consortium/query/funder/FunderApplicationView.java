package se.norrort.consortium.query.funder;

import java.time.Instant;
import org.bson.Document;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.query.projection.ApplicationFacts;
import se.norrort.consortium.query.projection.ViewDocuments;

/**
 * One application as the funder (the County Administrative Board) lists it: title, project owner, legal basis,
 * applied and granted amounts, status ({@code SUBMITTED}, {@code GRANTED}, {@code REJECTED}, {@code CLOSED}), case
 * number and decision date, joining deadline, report due dates (with the next one due), requisitioned and
 * reclaimed amounts, and the counts of participating municipalities.
 * <p>
 * A pure fold: the {@link ApplicationFacts} of the application plus what the funder reads from them. An event at or
 * below the position the document already reflects changes nothing (the same instance is returned). While the
 * application is still being prepared ({@code OPEN} or {@code JOINING_CLOSED}) the document is not {@link #listed}:
 * the funder sees an application from its submission on.
 */
public final class FunderApplicationView {

    private FunderApplicationView() {}

    public static Document apply(Document view, ConsortiumEvent event, long position, Instant timestamp) {
        Document next = ApplicationFacts.apply(view, event, position, timestamp);
        if (next == view) {
            return view;
        }
        next.append("participants", ApplicationFacts.counts(next));
        String nextReportDue = null;
        for (Document report : ViewDocuments.list(next, "reports")) {
            String due = report.getString("dueDate");
            if (!Boolean.TRUE.equals(report.getBoolean("submitted"))
                    && due != null
                    && (nextReportDue == null || due.compareTo(nextReportDue) < 0)) {
                nextReportDue = due;
            }
        }
        return next.append("nextReportDue", nextReportDue);
    }

    /** Whether the funder lists the application: it has been submitted (or has gone further). */
    public static boolean listed(Document view) {
        String status = view == null ? null : view.getString("status");
        return status != null && !ApplicationFacts.beforeSubmission(status);
    }
}
