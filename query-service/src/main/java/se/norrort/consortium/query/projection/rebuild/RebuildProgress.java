package se.norrort.consortium.query.projection.rebuild;

import java.time.Duration;
import java.time.Instant;
import org.bson.Document;

/**
 * How far a rebuild of one view has come, as operators see it: its state, the events replayed, the log position
 * reached and the log's head, the rate (events per second since the replay started) and the estimated time left.
 * <p>
 * {@code total} is the head of the log (its highest committed position), so {@code done / total} counts positions
 * rather than events where the log has closed gaps; the estimate is {@code (head - position) / rate}. The head moves
 * on while events arrive, so the estimate is for the log as it is now.
 *
 * @param view       the view's name
 * @param state      {@code IDLE} (never rebuilt here), {@code REPLAYING}, {@code SWITCHING} (the final catch-up
 *                   and the swap of collections, live writes held), {@code DONE} or {@code FAILED}
 * @param startedAt  when the rebuild started, {@code null} when idle
 * @param eventsDone events replayed into the fresh collections
 * @param position   the log position the fresh collections reflect
 * @param head       the log's head when last looked at
 * @param maxRate    the events per second the operator limited the replay to, {@code null} for no limit
 * @param switchedAt when the rebuilt collections replaced the live ones, {@code null} before
 * @param finishedAt when the rebuild ended (switched or failed), {@code null} before
 * @param error      why it failed, for the operator ({@link RebuildStopped#describe}); {@code null} unless
 *                   {@code FAILED}
 */
public record RebuildProgress(
        String view,
        State state,
        Instant startedAt,
        long eventsDone,
        long position,
        long head,
        Integer maxRate,
        Instant switchedAt,
        Instant finishedAt,
        String error) {

    /** The states of a rebuild. */
    public enum State {
        IDLE,
        REPLAYING,
        SWITCHING,
        DONE,
        FAILED;

        /** Whether a rebuild in this state still runs. */
        public boolean running() {
            return this == REPLAYING || this == SWITCHING;
        }
    }

    /** No rebuild of the view is known. */
    public static RebuildProgress idle(String view) {
        return new RebuildProgress(view, State.IDLE, null, 0, 0, 0, null, null, null, null);
    }

    /** Events per second from the start to {@code now} (or to the end), {@code null} before any time has passed. */
    public Double ratePerSecond(Instant now) {
        if (startedAt == null) {
            return null;
        }
        Instant end = finishedAt == null ? now : finishedAt;
        long millis = Duration.between(startedAt, end).toMillis();
        return millis <= 0 ? null : eventsDone * 1000.0 / millis;
    }

    /** Seconds until the fresh collections reach the head at the current rate: 0 once there, {@code null} unknown. */
    public Long etaSeconds(Instant now) {
        if (state == State.DONE || (state.running() && position >= head)) {
            return 0L;
        }
        Double rate = ratePerSecond(now);
        if (!state.running() || rate == null || rate <= 0) {
            return null;
        }
        return (long) Math.ceil((head - position) / rate);
    }

    /** The share of the log replayed, 0 to 100. */
    public double percent() {
        if (state == State.DONE) {
            return 100.0;
        }
        return head <= 0 ? 0.0 : Math.min(100.0, Math.floor(position * 1000.0 / head) / 10.0);
    }

    /** The JSON body of the operator API: times as UTC ISO-8601, the rate rounded to 0.1 events per second. */
    public Document body(Instant now) {
        Double rate = ratePerSecond(now);
        return new Document("view", view)
                .append("state", state.name())
                .append("eventsDone", eventsDone)
                .append("total", head)
                .append("position", position)
                .append("percent", percent())
                .append("ratePerSecond", rate == null ? null : Math.round(rate * 10) / 10.0)
                .append("etaSeconds", etaSeconds(now))
                .append("maxRate", maxRate)
                .append("startedAt", text(startedAt))
                .append("switchedAt", text(switchedAt))
                .append("finishedAt", text(finishedAt))
                .append("error", error);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
