package se.norrort.consortium.eventstore;

import java.time.Instant;
import java.util.UUID;

/** Builds stored events for the conformance suite. */
public final class TestEvents {

    private TestEvents() {}

    public static StoredEvent event(String aggregateId, long sequence) {
        return new StoredEvent(
                0,
                UUID.randomUUID().toString(),
                "TestAggregate",
                aggregateId,
                sequence,
                Instant.now(),
                "TestEventHappened",
                null,
                "{\"aggregate\":\"" + aggregateId + "\",\"seq\":" + sequence + "}",
                "{}");
    }
}
