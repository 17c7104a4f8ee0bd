package se.norrort.consortium.eventstore.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend that commits the MVStore to its file before a write is acknowledged.
 * <p>
 * The stock backend commits in the background about once a second, so {@code kill -9} loses the last second of
 * acknowledged writes. Here every command that left unsaved changes is committed before its reply is sent. A commit
 * hands the data to the operating system (it survives the death of this process); it does not force the disk
 * (fsync), so a power cut can still lose recent writes: production runs on a MongoDB replica set.
 */
public class DurableH2Backend extends H2Backend {

    private final MVStore store;

    public DurableH2Backend(MVStore store) {
        super(store);
        this.store = store;
    }

    public static DurableH2Backend open(String fileName) {
        return new DurableH2Backend(new MVStore.Builder().fileName(fileName).autoCommitDisabled().open());
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Document reply = super.handleCommand(channel, database, command, query);
        if (store.hasUnsavedChanges()) {
            store.commit();
        }
        return reply;
    }
}
