package se.norrort.consortium.api.events;

import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;

/**
 * The application was closed; nothing changes after this.
 *
 * @param applicationId the application
 * @param reason why, in words
 */
@EventType("ApplicationClosed")
public record ApplicationClosed(ApplicationId applicationId, String reason) implements ConsortiumEvent {}
