package se.norrort.consortium.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.cache.CachingEventLog;
import se.norrort.consortium.eventstore.chain.HashChain;
import se.norrort.consortium.eventstore.mongo.MongoEventLog;

/**
 * Two command-service instances on one application: this one has the application cached; another instance appends
 * to it between this one's load and its append. The append collides, the cache evicts the stream, and the command is
 * handled again on the stored state: accepted after the other instance's event, nothing lost or doubled, the hash
 * chain intact. And a command refused on the cached state when another instance has appended unseen is confirmed
 * against the store before it is answered, found stale, and handled again on the stored stream.
 */
class StaleCacheRetryTest extends CommandApiScenarioBase {

    @Autowired
    private MongoDatabase database;

    private MongoEventLog store() {
        return (MongoEventLog) ((CachingEventLog) eventLog).delegate();
    }

    @AfterEach
    void disarm() {
        store().beforeInsert(position -> {});
    }

    @Test
    void givenAnotherInstanceAppendsDuringACommand_whenItsAppendCollides_thenTheCommandIsHandledAgainAndAccepted() {
        String id = "stale-cache-" + System.nanoTime();
        open(id);
        join(id, SIGTUNA); // cached here, up to sequence 1
        StoredEvent last = lastEvent(id);
        // the other instance: its own log on the same database, appending what it decided (here: a copy of the last
        // event, which the aggregate replays like any other) right before this instance inserts its commit
        MongoEventLog otherInstance = new MongoEventLog(database, Duration.ofSeconds(10), Clock.systemUTC());
        StoredEvent foreign = new StoredEvent(
                0,
                UUID.randomUUID().toString(),
                last.aggregateType(),
                id,
                last.sequence() + 1,
                Instant.now(),
                last.payloadType(),
                last.payloadRevision(),
                last.payload(),
                last.metadata());
        AtomicBoolean armed = new AtomicBoolean(true);
        store().beforeInsert(position -> {
            if (armed.compareAndSet(true, false)) {
                otherInstance.append(List.of(foreign));
            }
        });

        join(id, DANDERYD); // expects 202

        assertThat(armed).as("the other instance did append in between").isFalse();
        List<StoredEvent> stored = stream(id);
        assertThat(stored).extracting(StoredEvent::sequence).containsExactly(0L, 1L, 2L, 3L);
        assertThat(stored.get(2).eventId()).isEqualTo(foreign.eventId());
        assertThat(stored.get(3).payload()).contains(DANDERYD);
        assertThat(HashChain.verify(stored)).as("the chain verifies").isEmpty();
    }

    @Test
    void givenAnotherInstanceAppendedUnseen_whenACommandIsRefusedOnTheCachedState_thenItIsHandledAgainAndAccepted() {
        String id = "stale-refusal-" + System.nanoTime();
        open(id);
        join(id, SIGTUNA);
        StoredEvent sigtunaJoined = lastEvent(id);
        delegate(id, DANDERYD); // cached here, up to sequence 2
        // the other instance records Danderyd's joining (its own log on the same database); this instance's cache
        // does not know it, and Danderyd's signature is refused on the cached state (MUNICIPALITY_NOT_JOINED)
        MongoEventLog otherInstance = new MongoEventLog(database, Duration.ofSeconds(10), Clock.systemUTC());
        StoredEvent danderydJoined = new StoredEvent(
                0,
                UUID.randomUUID().toString(),
                sigtunaJoined.aggregateType(),
                id,
                sigtunaJoined.sequence() + 2,
                Instant.now(),
                sigtunaJoined.payloadType(),
                sigtunaJoined.payloadRevision(),
                sigtunaJoined.payload().replace(SIGTUNA, DANDERYD),
                sigtunaJoined.metadata());
        otherInstance.append(List.of(danderydJoined));

        sign(id, DANDERYD); // expects 202: decided again on the stored stream

        List<StoredEvent> stored = stream(id);
        assertThat(stored).extracting(StoredEvent::sequence).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(stored.get(3).eventId()).isEqualTo(danderydJoined.eventId());
        assertThat(stored.get(4).payloadType()).contains("CooperationFormSigned");
        assertThat(HashChain.verify(stored)).as("the chain verifies").isEmpty();
    }
}
