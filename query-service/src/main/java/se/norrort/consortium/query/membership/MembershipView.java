package se.norrort.consortium.query.membership;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bson.Document;
import se.norrort.consortium.api.events.ApplicationClosed;
import se.norrort.consortium.api.events.ApplicationOpened;
import se.norrort.consortium.api.events.ApplicationRejected;
import se.norrort.consortium.api.events.ApplicationSubmitted;
import se.norrort.consortium.api.events.AwardGranted;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.CooperationFormSigned;
import se.norrort.consortium.api.events.DecisionReferenceCorrected;
import se.norrort.consortium.api.events.JoiningClosed;
import se.norrort.consortium.api.events.MunicipalityInvited;
import se.norrort.consortium.api.events.MunicipalityJoined;
import se.norrort.consortium.api.events.MunicipalityWithdrew;
import se.norrort.consortium.api.events.ParticipationDeclined;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;
import se.norrort.consortium.query.membership.MembershipDocument.Counts;
import se.norrort.consortium.query.membership.MembershipDocument.Member;
import se.norrort.consortium.query.projection.ViewFields;

/**
 * Consortium membership of one application, for the project owner: every invited municipality with its status,
 * the committee decision it joined on, whether it signed, and counts ("14 of 15 joined, 13 signed").
 * <p>
 * A pure fold over {@link MembershipDocument}: {@link #apply(MembershipDocument, ConsortiumEvent, long, Instant)}
 * takes the view (or {@code null}) and an event with its global position and returns the next view. An event at or
 * below the position the view already reflects changes nothing (the same instance is returned), so a redelivered
 * event is harmless. Status words are the domain's ({@link Status}, {@link MembershipStatus}); a municipality that
 * declined or withdrew and is invited again is {@code INVITED} as a newly invited one, as in {@code ApplicationState}.
 * The events it reads:
 * {@link #EVENT_TYPES}; any other event only moves {@code position} and {@code updatedAt} on.
 * <p>
 * The projection stores documents: {@link #apply(Document, ConsortiumEvent, long, Instant)} converts at the edges
 * ({@link MembershipCodec}).
 */
public final class MembershipView {

    /** The event types the fold reads. */
    public static final List<Class<? extends ConsortiumEvent>> EVENT_TYPES = List.of(
            ApplicationOpened.class,
            MunicipalityInvited.class,
            MunicipalityJoined.class,
            DecisionReferenceCorrected.class,
            ParticipationDeclined.class,
            MunicipalityWithdrew.class,
            CooperationFormSigned.class,
            ApplicationSubmitted.class,
            JoiningClosed.class,
            AwardGranted.class,
            ApplicationRejected.class,
            ApplicationClosed.class);

    private MembershipView() {}

    /**
     * The fold on stored documents: {@code view} read as a {@link MembershipDocument}, folded, and written back in the
     * shape it was stored in; {@code view} itself when the event is already reflected.
     */
    public static Document apply(Document view, ConsortiumEvent event, long position, Instant timestamp) {
        if (ViewFields.position(view) >= position) {
            return view;
        }
        MembershipDocument next = apply(MembershipCodec.fromDocument(view), event, position, timestamp);
        return MembershipCodec.toDocument(next, view);
    }

    /** The view after {@code event}; {@code view} itself when the event is at or below the position it reflects. */
    public static MembershipDocument apply(
            MembershipDocument view, ConsortiumEvent event, long position, Instant timestamp) {
        if (view != null && view.position() >= position) {
            return view;
        }
        Opening opening = view == null
                ? new Opening(null, null, null, null, null)
                : new Opening(view.owner(), view.ownerName(), view.title(), view.funder(), view.joiningDeadline());
        Status status = view == null ? null : view.status();
        List<Member> members = view == null ? List.of() : view.members();
        Long grantedAmountSek = view == null ? null : view.grantedAmountSek();
        String caseNumber = view == null ? null : view.caseNumber();

        if (event instanceof ApplicationOpened e) {
            opening = new Opening(
                    e.ownerMunicipality(), name(e.ownerMunicipality()), e.title(), e.funderName(), e.joiningDeadline());
            status = Status.OPEN;
            members = e.invitedMunicipalities().stream()
                    .map(MembershipView::invited)
                    .toList();
        } else if (event instanceof MunicipalityInvited e) {
            if (members.stream().noneMatch(m -> m.code().equals(e.municipality()))) {
                members = with(members, invited(e.municipality()));
            } else {
                // invited again after it declined or withdrew: invited as new, as in ApplicationState (no decision,
                // appeal deadline, signature or reason); one still invited or joined stays as it is
                members = update(members, e.municipality(), m -> answeredAndGone(m) ? invited(m.code()) : m);
            }
        } else if (event instanceof MunicipalityJoined e) {
            members = update(
                    members,
                    e.municipality(),
                    m -> new Member(
                            m.code(),
                            m.name(),
                            MembershipStatus.JOINED,
                            m.signed(),
                            e.decision(),
                            e.appealDeadline(),
                            timestamp,
                            m.reason(),
                            m.signatory(),
                            m.signatoryRole(),
                            m.signedAt()));
        } else if (event instanceof DecisionReferenceCorrected e) {
            members = update(
                    members,
                    e.municipality(),
                    m -> new Member(
                            m.code(),
                            m.name(),
                            m.status(),
                            m.signed(),
                            e.newReference(),
                            e.appealDeadline(),
                            m.joinedAt(),
                            m.reason(),
                            m.signatory(),
                            m.signatoryRole(),
                            m.signedAt()));
        } else if (event instanceof ParticipationDeclined e) {
            members = update(members, e.municipality(), m -> left(m, MembershipStatus.DECLINED, e.reason()));
        } else if (event instanceof MunicipalityWithdrew e) {
            members = update(members, e.municipality(), m -> left(m, MembershipStatus.WITHDRAWN, e.reason()));
        } else if (event instanceof CooperationFormSigned e) {
            members = update(
                    members,
                    e.municipality(),
                    m -> new Member(
                            m.code(),
                            m.name(),
                            m.status(),
                            true,
                            m.decision(),
                            m.appealDeadline(),
                            m.joinedAt(),
                            m.reason(),
                            e.signatoryName(),
                            e.signatoryRole(),
                            timestamp));
        } else if (event instanceof ApplicationSubmitted) {
            status = Status.SUBMITTED;
        } else if (event instanceof JoiningClosed) {
            status = Status.JOINING_CLOSED;
        } else if (event instanceof AwardGranted e) {
            status = Status.GRANTED;
            grantedAmountSek = e.amountSek();
            caseNumber = e.caseNumber();
        } else if (event instanceof ApplicationRejected e) {
            status = Status.REJECTED;
            caseNumber = e.caseNumber();
        } else if (event instanceof ApplicationClosed) {
            status = Status.CLOSED;
        }

        long joined = count(members, MembershipStatus.JOINED);
        long signed = members.stream().filter(Member::signed).count();
        return new MembershipDocument(
                view == null ? event.applicationId().toString() : view.applicationId(),
                opening.owner(),
                opening.ownerName(),
                opening.title(),
                opening.funder(),
                opening.joiningDeadline(),
                status,
                members,
                new Counts(
                        members.size(),
                        joined,
                        signed,
                        count(members, MembershipStatus.DECLINED),
                        count(members, MembershipStatus.WITHDRAWN)),
                joined + " of " + members.size() + " joined, " + signed + " signed",
                members.stream()
                        .filter(m -> m.status() == MembershipStatus.INVITED)
                        .map(Member::code)
                        .toList(),
                members.stream()
                        .filter(m -> m.status() == MembershipStatus.JOINED && !m.signed())
                        .map(Member::code)
                        .toList(),
                position,
                timestamp,
                grantedAmountSek,
                caseNumber);
    }

    /** The fields {@code ApplicationOpened} sets. */
    private record Opening(
            MunicipalityCode owner,
            String ownerName,
            String title,
            String funder,
            java.time.LocalDate joiningDeadline) {}

    private static long count(List<Member> members, MembershipStatus status) {
        return members.stream().filter(m -> m.status() == status).count();
    }

    private static Member invited(MunicipalityCode code) {
        return new Member(code, name(code), MembershipStatus.INVITED, false, null, null, null, null, null, null, null);
    }

    /** Whether the member declined or withdrew: the project owner may invite it again. */
    private static boolean answeredAndGone(Member m) {
        return m.status() == MembershipStatus.DECLINED || m.status() == MembershipStatus.WITHDRAWN;
    }

    /**
     * Declined or withdrew: a form it signed before it withdrew no longer counts, as in {@code ApplicationState} (the
     * signature is in the audit trail).
     */
    private static Member left(Member m, MembershipStatus status, String reason) {
        return new Member(
                m.code(),
                m.name(),
                status,
                false,
                m.decision(),
                m.appealDeadline(),
                m.joinedAt(),
                reason,
                null,
                null,
                null);
    }

    private static String name(MunicipalityCode code) {
        return ViewFields.name(code);
    }

    private static List<Member> with(List<Member> members, Member member) {
        List<Member> longer = new ArrayList<>(members);
        longer.add(member);
        return longer;
    }

    /** The members with {@code change} applied to the one with {@code code}, or to a new invited one at the end. */
    private static List<Member> update(List<Member> members, MunicipalityCode code, UnaryOperator<Member> change) {
        List<Member> next = new ArrayList<>(members);
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).code().equals(code)) {
                next.set(i, change.apply(next.get(i)));
                return next;
            }
        }
        next.add(change.apply(invited(code)));
        return next;
    }
}
