package se.norrort.consortium.eventstore;

/**
 * Another writer appended to the same aggregate stream at the same sequence number first. Nothing of the refused
 * append was stored.
 */
public class StreamConflictException extends RuntimeException {

    private final String aggregateId;
    private final long sequence;

    public StreamConflictException(String aggregateId, long sequence) {
        super("Aggregate " + aggregateId + " already has an event at sequence " + sequence);
        this.aggregateId = aggregateId;
        this.sequence = sequence;
    }

    public String aggregateId() {
        return aggregateId;
    }

    public long sequence() {
        return sequence;
    }
}
