package se.norrort.consortium.query.municipality;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.query.municipality.MunicipalityEntry.ToDo;

/**
 * A municipality's view document, as {@link MunicipalityView} folds it and {@link MunicipalityCodec} stores it: an
 * <em>entry document</em> ({@code _id} {@code <code>/<applicationId>}, one application; see {@link
 * MunicipalityEntries}) or the municipality's document assembled from them ({@code _id} the code, every application).
 *
 * @param id           the {@code _id}
 * @param code         the municipality
 * @param name         its official name (the code for one that is not of the 15)
 * @param applications the applications, in order of first appearance
 * @param todo         what it still has to do, over every application, by due date (none last), then application
 * @param counts       the applications, those it joined and signed, and the things to do
 * @param position     the highest global position reflected
 * @param revision     the number of versions (for conditional writes)
 * @param updatedAt    when the event at {@code position} was recorded
 */
public record MunicipalityDocument(
        String id,
        MunicipalityCode code,
        String name,
        List<MunicipalityEntry> applications,
        List<Task> todo,
        Counts counts,
        long position,
        long revision,
        Instant updatedAt) {

    public MunicipalityDocument {
        applications = List.copyOf(applications);
        todo = List.copyOf(todo);
    }

    /** The entry of that application, or {@code null}. */
    public MunicipalityEntry entry(String applicationId) {
        return applications.stream()
                .filter(e -> e.applicationId().equals(applicationId))
                .findFirst()
                .orElse(null);
    }

    /** One thing to do in one application. */
    public record Task(String applicationId, String title, ToDo action, LocalDate due) {}

    /** The applications, those the municipality joined and, of these, signed, and the things to do. */
    public record Counts(long applications, long joined, long signed, long todo) {}
}
