package se.norrort.consortium.api.commands;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.Municipalities;
import se.norrort.consortium.api.values.MunicipalityCode;

/**
 * Opens a consortium application: the project owner (projektägare, a municipality) starts a joint application for a
 * funding call and invites the other municipalities to join it.
 *
 * @param applicationId          the new application's id
 * @param ownerMunicipality      the project owner, e.g. Sigtuna (0191); its officers act as project owner
 * @param legalBasis             § 37 or § 37a of förordningen (2010:1122)
 * @param funderName             the funder, e.g. "Länsstyrelsen i Stockholms län" (the County Administrative Board)
 * @param title                  the project title
 * @param targetGroups           the target groups as the call names them, e.g. "nyanlända" (newly arrived)
 * @param periodStart            first day of the project period
 * @param periodEnd              last day of the project period
 * @param joiningDeadline        last day on which a municipality may join
 * @param appliedAmountSek       the amount applied for, whole kronor
 * @param invitedMunicipalities  who is invited; all 15 Koordination Norrort municipalities when null or empty.
 *                               The owner is always invited.
 * @param actor                  who opens the application (an officer of the owner municipality)
 */
public record OpenApplication(
        @TargetAggregateIdentifier ApplicationId applicationId,
        MunicipalityCode ownerMunicipality,
        LegalBasis legalBasis,
        String funderName,
        String title,
        List<String> targetGroups,
        LocalDate periodStart,
        LocalDate periodEnd,
        LocalDate joiningDeadline,
        long appliedAmountSek,
        List<MunicipalityCode> invitedMunicipalities,
        Actor actor) {

    public OpenApplication {
        Require.present(applicationId, "Application id");
        Require.present(ownerMunicipality, "Owner municipality");
        Require.present(legalBasis, "Legal basis");
        funderName = Require.name(funderName, "Funder name");
        title = Require.name(title, "Title");
        targetGroups = Require.list(targetGroups, "Target groups").stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> Require.name(s, "Target group"))
                .toList();
        if (RESERVED_IDS.contains(applicationId.value())) {
            throw new IllegalArgumentException("Application id '" + applicationId.value()
                    + "' is reserved (it names an endpoint of the query API)");
        }
        Require.present(periodStart, "Period start");
        Require.present(periodEnd, "Period end");
        Require.present(joiningDeadline, "Joining deadline");
        invitedMunicipalities = invitedMunicipalities == null || invitedMunicipalities.isEmpty()
                ? Municipalities.allCodes()
                : Require.list(invitedMunicipalities, "Invited municipalities").stream()
                        .distinct()
                        .toList();
        Require.present(actor, "Actor");
    }

    /** Ids that are path segments of the query API under {@code /api/applications/}, so no application may have one. */
    public static final java.util.Set<String> RESERVED_IDS = java.util.Set.of("stream");
}
