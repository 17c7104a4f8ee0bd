package se.norrort.consortium.api.events;

import java.time.LocalDate;
import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * The decision reference recorded for a municipality was corrected. Nothing is edited in place: this event names
 * what it corrects (the event type and the reference as it was) and the reference that is right.
 *
 * @param applicationId the application
 * @param municipality the municipality whose decision reference is corrected
 * @param correctedEventType the stored type name of the event whose reference is corrected, e.g. "MunicipalityJoined"
 * @param previousReference the reference as it was recorded
 * @param newReference the right reference
 * @param appealDeadline the appeal deadline that follows from the new reference
 * @param reason why, in words
 */
@EventType("DecisionReferenceCorrected")
public record DecisionReferenceCorrected(
        ApplicationId applicationId,
        MunicipalityCode municipality,
        String correctedEventType,
        DecisionReference previousReference,
        DecisionReference newReference,
        LocalDate appealDeadline,
        String reason)
        implements ConsortiumEvent {}
