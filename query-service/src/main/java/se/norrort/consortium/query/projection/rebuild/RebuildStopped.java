package se.norrort.consortium.query.projection.rebuild;

import com.mongodb.MongoException;

/**
 * A rebuild stopped for a reason written for the operator: its message is what the progress document's
 * {@code error} says. Any other failure is named there only by kind ({@link #describe}), without exception classes
 * or a library's message; the query-service log has the whole failure either way.
 */
final class RebuildStopped extends IllegalStateException {

    RebuildStopped(String message) {
        super(message);
    }

    RebuildStopped(String message, Throwable cause) {
        super(message, cause);
    }

    /** What the progress document says about {@code failure}. */
    static String describe(Throwable failure) {
        if (failure instanceof RebuildStopped) {
            return failure.getMessage();
        }
        if (failure instanceof MongoException) {
            return "The store refused or did not answer a request; the query-service log has the details";
        }
        return "An unexpected error stopped the rebuild; the query-service log has the details";
    }
}
