package se.norrort.consortium.query.projection;

import com.mongodb.reactivestreams.client.MongoCollection;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;

/**
 * A projection whose view can be rebuilt from the event log while it keeps serving (see {@link ProjectionRebuilder}).
 * <p>
 * Its live event handler must write inside the {@link ViewGate} under {@link #view()}, and {@link #replay} must
 * apply an event with the same fold and the same writes as the live handler, only into the collections it is given,
 * and without publishing live changes or moving the view's progress: so that a view rebuilt from the same events
 * equals the live one, document for document.
 */
public interface RebuildableProjection {

    /** The view's name in the operator API, e.g. {@code membership}; also its {@link ViewGate} key. */
    String view();

    /**
     * The names of the collections the view consists of. A rebuild renames its fresh collections over these in this
     * order, so the one the view is read from (which a reader opens first) should come last.
     */
    List<String> collections();

    /**
     * Applies one event from the log to the view in {@code collections} (given one of {@link #collections()}, the
     * collection to write instead), through {@code batch}, which the caller flushes. Events of other types are
     * ignored.
     */
    void replay(ReplayedEvent event, ViewBatch batch, Function<String, MongoCollection<Document>> collections);

    /**
     * A batch for the live handler's writes: with the view's collections in {@link #collections()} order, its live
     * changes and, where the view has it, its progress (see {@link LiveBatches}).
     */
    ViewBatch liveBatch();
}
