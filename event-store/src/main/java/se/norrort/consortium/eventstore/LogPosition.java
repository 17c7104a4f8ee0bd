package se.norrort.consortium.eventstore;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A reader's place in the global log: every position up to and including {@code index} has been seen, except the
 * {@code gaps}, which were allocated to a writer that had not yet committed when the reader passed them. A gap is
 * read again until it is filled by its event or closed by a tombstone, so no committed event is ever skipped.
 */
public record LogPosition(long index, SortedSet<Long> gaps) {

    /** The position before the first event. */
    public static final LogPosition START = new LogPosition(0, Collections.emptySortedSet());

    public LogPosition {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative");
        }
        TreeSet<Long> copy = new TreeSet<>(gaps == null ? Collections.emptySet() : gaps);
        if (!copy.isEmpty() && (copy.first() < 1 || copy.last() >= index)) {
            throw new IllegalArgumentException("gaps must lie in [1, index): " + copy + " index " + index);
        }
        gaps = Collections.unmodifiableSortedSet(copy);
    }

    public static LogPosition of(long index, Collection<Long> gaps) {
        return new LogPosition(index, new TreeSet<>(gaps));
    }

    /** Whether the event at {@code position} has been seen from here. */
    public boolean covers(long position) {
        return position <= index && !gaps.contains(position);
    }
}
