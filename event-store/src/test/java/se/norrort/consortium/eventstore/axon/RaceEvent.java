package se.norrort.consortium.eventstore.axon;

import se.norrort.consortium.api.EventType;

/** A test event for the tracking race. */
@EventType("RaceEventHappened")
public record RaceEvent(String stream, long sequence) {}
