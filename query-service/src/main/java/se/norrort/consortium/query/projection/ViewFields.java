package se.norrort.consortium.query.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;
import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.Municipalities;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.ReportDueDate;

/** How the view folds write domain values into document fields and read them back: copies, names, decisions, dates, money in words. */
public final class ViewFields {

    private ViewFields() {}

    /**
     * A deep copy of a view document (nested documents and lists copied too), so that a fold never changes the
     * document it was given.
     */
    public static Document copy(Document document) {
        return document == null ? null : (Document) copyOf(document);
    }

    /** A deep copy of a value of a view document: documents and lists are copied, other values are immutable. */
    public static Object copyOf(Object value) {
        if (value instanceof Map<?, ?> map) {
            Document copy = new Document();
            map.forEach((k, v) -> copy.put(String.valueOf(k), copyOf(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(copyOf(v)));
            return copy;
        }
        return value;
    }

    /** The position a view document reflects, or -1 for none. */
    public static long position(Document view) {
        Number position = view == null ? null : view.get("position", Number.class);
        return position == null ? -1 : position.longValue();
    }

    /** A numeric field as a long, 0 when absent. */
    public static long longOf(Document document, String key) {
        Number value = document == null ? null : document.get(key, Number.class);
        return value == null ? 0 : value.longValue();
    }

    /** The list under {@code key}, created (and stored) when absent. */
    @SuppressWarnings("unchecked")
    public static List<Document> list(Document document, String key) {
        Object value = document.get(key);
        if (value instanceof List<?>) {
            return (List<Document>) value;
        }
        List<Document> list = new ArrayList<>();
        document.put(key, list);
        return list;
    }

    /** The official name of a municipality, or its code when it is not one of the 15. */
    public static String name(MunicipalityCode code) {
        return Municipalities.byCode(code).map(Municipalities::officialName).orElse(code.toString());
    }

    /** The official name of a municipality given by its code text. */
    public static String name(String code) {
        try {
            return name(new MunicipalityCode(code));
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    /** A municipality as people read it: "Danderyd (0162)". */
    public static String label(MunicipalityCode code) {
        return name(code) + " (" + code + ")";
    }

    /** The stored type name of an event ({@link EventType}), or its simple class name if it has none. */
    public static String eventType(Object event) {
        EventType type = event.getClass().getAnnotation(EventType.class);
        return type == null ? event.getClass().getSimpleName() : type.value();
    }

    /** A committee decision reference as a view document, with the appeal deadline that follows from it. */
    public static Document decision(DecisionReference d) {
        if (d == null) {
            return null;
        }
        return new Document("municipality", d.municipality().toString())
                .append("body", d.body())
                .append("meetingDate", d.meetingDate().toString())
                .append("paragraph", d.paragraph())
                .append("immediateAdjustment", d.immediateAdjustment())
                .append("announcementDate", d.announcementDate().toString())
                .append("appealDeadline", d.appealDeadline().toString());
    }

    /**
     * A committee decision reference read back from its view document ({@link #decision}); {@code municipality} when
     * the stored document does not name one (a member's own decision is stored without it). {@code null} for none.
     */
    public static DecisionReference decisionOf(Document d, MunicipalityCode municipality) {
        if (d == null) {
            return null;
        }
        String stored = d.getString("municipality");
        return new DecisionReference(
                stored == null ? municipality : new MunicipalityCode(stored),
                d.getString("body"),
                date(d.getString("meetingDate")),
                d.getString("paragraph"),
                d.getBoolean("immediateAdjustment", false),
                date(d.getString("announcementDate")));
    }

    /** A value as the views store dates, times and codes: its text; {@code null} for none. */
    public static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A stored date ({@code 2023-09-20}); {@code null} for none. */
    public static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }

    /** A stored time (ISO-8601 UTC); {@code null} for none. */
    public static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /** A decision in words: "Socialnämnden's decision § 45 of 2023-09-20, adjusted immediately". */
    public static String decisionInWords(DecisionReference d) {
        String words = d.body() + "'s decision " + d.paragraph() + " of " + d.meetingDate();
        return d.immediateAdjustment()
                ? words + ", adjusted immediately"
                : words + ", announced " + d.announcementDate();
    }

    /** Report due dates as view documents: report kind, due date, not yet submitted. */
    public static List<Document> reports(List<ReportDueDate> dueDates) {
        List<Document> reports = new ArrayList<>();
        dueDates.forEach(r -> reports.add(new Document("report", r.report().name())
                .append("dueDate", r.dueDate().toString())
                .append("submitted", false)
                .append("overdue", false)));
        return reports;
    }

    /** Whole kronor as people read them in English: "2,400,000 SEK". */
    public static String sek(long amount) {
        return String.format(Locale.ENGLISH, "%,d SEK", amount);
    }
}
