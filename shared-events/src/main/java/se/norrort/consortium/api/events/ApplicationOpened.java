package se.norrort.consortium.api.events;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import se.norrort.consortium.api.EventType;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * A consortium application was opened by its project owner (projektägare) for a funding call, and the listed
 * municipalities were invited to join.
 * <p>
 * Revision 2 added {@code legalBasis}; revision 1 data is upcast with § 37 as legal basis.
 *
 * @param applicationId the application
 * @param ownerMunicipality the project owner
 * @param legalBasis § 37 or § 37a of förordningen (2010:1122)
 * @param funderName the funder, e.g. Länsstyrelsen i Stockholms län
 * @param title the project title
 * @param targetGroups the target groups
 * @param periodStart first day of the project period
 * @param periodEnd last day of the project period
 * @param joiningDeadline last day on which a municipality may join
 * @param appliedAmountSek the amount applied for, whole kronor
 * @param invitedMunicipalities the municipalities invited, the owner included
 */
@EventType("ApplicationOpened")
@Revision("2")
public record ApplicationOpened(
        ApplicationId applicationId,
        MunicipalityCode ownerMunicipality,
        LegalBasis legalBasis,
        String funderName,
        String title,
        List<String> targetGroups,
        LocalDate periodStart,
        LocalDate periodEnd,
        LocalDate joiningDeadline,
        long appliedAmountSek,
        List<MunicipalityCode> invitedMunicipalities)
        implements ConsortiumEvent {

    public ApplicationOpened {
        targetGroups = targetGroups == null ? List.of() : List.copyOf(targetGroups);
        invitedMunicipalities = invitedMunicipalities == null ? List.of() : List.copyOf(invitedMunicipalities);
    }
}
