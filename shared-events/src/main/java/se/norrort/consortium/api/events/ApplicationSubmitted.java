package se.norrort.consortium.api.events;

import java.util.List;
import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * The project owner submitted the application to the funder.
 *
 * @param applicationId the application
 * @param appliedAmountSek the amount applied for, whole kronor
 * @param participatingMunicipalities the municipalities that joined and signed
 * @param participantCount how many municipalities take part
 * @param declinedCount how many declined
 * @param withdrawnCount how many withdrew
 * @param unansweredCount how many invited municipalities never answered
 */
@EventType("ApplicationSubmitted")
public record ApplicationSubmitted(
        ApplicationId applicationId,
        long appliedAmountSek,
        List<MunicipalityCode> participatingMunicipalities,
        int participantCount,
        int declinedCount,
        int withdrawnCount,
        int unansweredCount)
        implements ConsortiumEvent {

    public ApplicationSubmitted {
        participatingMunicipalities =
                participatingMunicipalities == null ? List.of() : List.copyOf(participatingMunicipalities);
    }
}
