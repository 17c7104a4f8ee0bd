package se.norrort.consortium.command.web;

import java.time.LocalDate;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * A committee decision reference as sent by clients (joining, declining, withdrawing, correcting a reference, and
 * delegating the signing all name one).
 */
public record DecisionRequest(
        String body, LocalDate meetingDate, String paragraph, Boolean immediateAdjustment, LocalDate announcementDate) {

    /** The reference as the contract has it; a missing part is refused as invalid input (400). */
    public DecisionReference toReference(MunicipalityCode municipality) {
        if (this.body == null || meetingDate == null || paragraph == null || announcementDate == null) {
            throw new IllegalArgumentException(
                    "A decision reference needs body, meetingDate, paragraph and" + " announcementDate.");
        }
        return new DecisionReference(
                municipality, body, meetingDate, paragraph, Boolean.TRUE.equals(immediateAdjustment), announcementDate);
    }

    /** An optional decision (declining, withdrawing) as the contract has it: null when the request names none. */
    public static DecisionReference optional(DecisionRequest decision, MunicipalityCode municipality) {
        return decision == null ? null : decision.toReference(municipality);
    }
}
