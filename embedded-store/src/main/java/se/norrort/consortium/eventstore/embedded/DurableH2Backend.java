package se.norrort.consortium.eventstore.embedded;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend that commits the MVStore to its file before a write is acknowledged (and answers
 * {@code findAndModify} consistently, see {@link ConsistentH2Backend}).
 * <p>
 * The stock backend commits in the background about once a second, so {@code kill -9} loses the last second of
 * acknowledged writes. Here every command that may have changed data is acknowledged only once a commit that covers
 * its changes has finished. A commit hands the data to the operating system (it survives the death of this process);
 * it does not force the disk (fsync), so a power cut can still lose recent writes: production runs on a MongoDB
 * replica set.
 *
 * <h2>Group commit</h2>
 * Concurrent writes (on the server's several connection threads) share one commit: a writer that has changed the
 * store takes a number, then the commit lock; if a commit that started after its number was taken has finished
 * meanwhile, it answers at once, otherwise it commits everything written so far, its own changes and those of the
 * writers waiting behind it. Each write is still acknowledged only after the commit that holds it. Reads (and other commands that
 * change nothing) neither commit nor wait.
 */
public class DurableH2Backend extends ConsistentH2Backend {

    /** Commands that never change stored data: answered without a commit. */
    private static final Set<String> READ_ONLY = Set.of(
            "find",
            "getmore",
            "aggregate",
            "count",
            "distinct",
            "listcollections",
            "listindexes",
            "listdatabases",
            "ismaster",
            "hello",
            "ping",
            "buildinfo",
            "serverstatus",
            "getlasterror",
            "whatsmyuri",
            "getlog",
            "getparameter",
            "hostinfo",
            "connectionstatus",
            "killcursors",
            "endsessions",
            "dbstats",
            "collstats",
            "explain",
            "getcmdlineopts",
            "saslstart",
            "saslcontinue");

    private final MVStore store;
    private final Object commitLock = new Object();
    /** Numbers the writes in the order they finished changing the store. */
    private final AtomicLong finishedWrites = new AtomicLong();
    /** Every write numbered up to this is in the file. Guarded by {@link #commitLock}. */
    private long committedWrites;

    public DurableH2Backend(MVStore store) {
        super(store);
        this.store = store;
    }

    public static DurableH2Backend open(String fileName) {
        return new DurableH2Backend(
                new MVStore.Builder().fileName(fileName).autoCommitDisabled().open());
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Document reply = super.handleCommand(channel, database, command, query);
        if (!isReadOnly(command, query)) {
            commitUpTo(finishedWrites.incrementAndGet());
        }
        return reply;
    }

    private static boolean isReadOnly(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        // an aggregation with $out or $merge writes
        return READ_ONLY.contains(name)
                && !(name.equals("aggregate") && query.toString().contains("$out"))
                && !(name.equals("aggregate") && query.toString().contains("$merge"));
    }

    /**
     * Returns once write number {@code write} is committed: by a commit that started after it had finished (the one
     * this thread makes, or one a writer ahead of it made meanwhile).
     */
    private void commitUpTo(long write) {
        synchronized (commitLock) {
            if (committedWrites >= write) {
                return;
            }
            long finished = finishedWrites.get(); // each of these had changed the store before this commit starts
            store.commit();
            committedWrites = finished;
        }
    }
}
