package se.norrort.consortium.api.events;

import java.time.LocalDate;
import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;

/**
 * The joining deadline passed: no municipality may join any more.
 *
 * @param applicationId the application
 * @param joiningDeadline the deadline that passed
 * @param joinedCount how many municipalities had joined
 */
@EventType("JoiningClosed")
public record JoiningClosed(ApplicationId applicationId, LocalDate joiningDeadline, int joinedCount)
        implements ConsortiumEvent {}
