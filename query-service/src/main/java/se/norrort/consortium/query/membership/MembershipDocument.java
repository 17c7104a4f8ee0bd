package se.norrort.consortium.query.membership;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;

/**
 * The membership view of one application, as {@link MembershipView} folds it and {@link MembershipCodec} stores it
 * (collection {@code view_membership}, one document per application, {@code _id} the application id).
 *
 * @param applicationId    the application ({@code _id})
 * @param owner            the project owner; {@code null} (with the other fields of the opening) before
 *                         {@code ApplicationOpened}
 * @param ownerName        the owner's official name
 * @param title            the application's title
 * @param funder           the funder's name
 * @param joiningDeadline  the last day to join
 * @param status           the application's status, the domain's word; {@code null} before any event that sets it
 * @param members          every invited municipality, in invitation order
 * @param counts           the members counted by status
 * @param summary          "14 of 15 joined, 13 signed"
 * @param notAnswered      the members still {@code INVITED}
 * @param notSigned        the members {@code JOINED} that have not signed
 * @param position         the global position of the last event the view reflects
 * @param updatedAt        when that event was recorded
 * @param grantedAmountSek the amount granted, whole kronor; {@code null} until the grant
 * @param caseNumber       the funder's case number; {@code null} until the grant or rejection
 */
public record MembershipDocument(
        String applicationId,
        MunicipalityCode owner,
        String ownerName,
        String title,
        String funder,
        LocalDate joiningDeadline,
        Status status,
        List<Member> members,
        Counts counts,
        String summary,
        List<MunicipalityCode> notAnswered,
        List<MunicipalityCode> notSigned,
        long position,
        Instant updatedAt,
        Long grantedAmountSek,
        String caseNumber) {

    public MembershipDocument {
        members = List.copyOf(members);
        notAnswered = List.copyOf(notAnswered);
        notSigned = List.copyOf(notSigned);
    }

    /** The member with this code, or {@code null}. */
    public Member member(MunicipalityCode code) {
        return members.stream().filter(m -> m.code().equals(code)).findFirst().orElse(null);
    }

    /**
     * One invited municipality.
     *
     * @param code           its municipality code
     * @param name           its official name (the code for one that is not of the 15)
     * @param status         where it stands, the domain's word
     * @param signed         whether it signed the cooperation form
     * @param decision       the committee decision it joined on (as corrected); {@code null} until it joined; stored
     *                       without its municipality (the member's own)
     * @param appealDeadline the last day to appeal that decision; set with the decision (a correction may leave it
     *                       {@code null})
     * @param joinedAt       when it joined; {@code null} until then
     * @param reason         why it declined or withdrew (may be {@code null} also then); kept after a later join
     * @param signatory      who signed, with {@code signatoryRole} and {@code signedAt}; {@code null} until signed
     * @param signatoryRole  the signatory's role
     * @param signedAt       when it signed
     */
    public record Member(
            MunicipalityCode code,
            String name,
            MembershipStatus status,
            boolean signed,
            DecisionReference decision,
            LocalDate appealDeadline,
            Instant joinedAt,
            String reason,
            String signatory,
            String signatoryRole,
            Instant signedAt) {}

    /** The members counted: all invited, and those joined, signed, declined and withdrawn. */
    public record Counts(int invited, long joined, long signed, long declined, long withdrawn) {}
}
