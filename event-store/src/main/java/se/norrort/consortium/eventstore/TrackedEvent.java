package se.norrort.consortium.eventstore;

/** An event read from the global log, with the reader's position right after it. */
public record TrackedEvent(StoredEvent event, LogPosition positionAfter) {}
