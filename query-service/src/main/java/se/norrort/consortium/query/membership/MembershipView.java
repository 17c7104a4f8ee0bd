package se.norrort.consortium.query.membership;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.Municipalities;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.query.projection.ViewDocuments;

/**
 * Consortium membership of one application, for the project owner: every invited municipality with its status,
 * the committee decision it joined on, whether it signed, and counts ("14 of 15 joined, 13 signed").
 * <p>
 * A pure fold: {@link #apply} takes the view document (or {@code null}) and an event with its global position and
 * returns the next document, never changing the one it was given. An event at or below the position the view already
 * reflects changes nothing (the same instance is returned), so a redelivered event is harmless.
 */
public final class MembershipView {

    private MembershipView() {}

    public static Document apply(Document view, ConsortiumEvent event, long position, Instant timestamp) {
        if (view != null && view.get("position", Number.class).longValue() >= position) {
            return view;
        }
        Document next = view == null ? new Document("_id", event.applicationId().toString()) : ViewDocuments.copy(view);
        if (event instanceof ApplicationOpened e) {
            next.append("owner", e.ownerMunicipality().toString())
                    .append("ownerName", name(e.ownerMunicipality()))
                    .append("title", e.title())
                    .append("funder", e.funderName())
                    .append("joiningDeadline", e.joiningDeadline().toString())
                    .append("status", "OPEN");
            List<Document> members = new ArrayList<>();
            e.invitedMunicipalities().forEach(code -> members.add(member(code)));
            next.append("members", members);
        } else if (event instanceof MunicipalityInvited e) {
            if (find(next, e.municipality()) == null) {
                members(next).add(member(e.municipality()));
            }
        } else if (event instanceof MunicipalityJoined e) {
            update(
                    next,
                    e.municipality(),
                    m -> m.append("status", "JOINED")
                            .append("decision", decision(e.decision()))
                            .append("appealDeadline", e.appealDeadline().toString())
                            .append("joinedAt", timestamp.toString()));
        } else if (event instanceof DecisionReferenceCorrected e) {
            update(
                    next,
                    e.municipality(),
                    m -> m.append("decision", decision(e.newReference()))
                            .append(
                                    "appealDeadline",
                                    e.appealDeadline() == null
                                            ? null
                                            : e.appealDeadline().toString()));
        } else if (event instanceof ParticipationDeclined e) {
            update(next, e.municipality(), m -> m.append("status", "DECLINED").append("reason", e.reason()));
        } else if (event instanceof MunicipalityWithdrew e) {
            update(next, e.municipality(), m -> m.append("status", "WITHDRAWN").append("reason", e.reason()));
        } else if (event instanceof CooperationFormSigned e) {
            update(
                    next,
                    e.municipality(),
                    m -> m.append("signed", true)
                            .append("signatory", e.signatoryName())
                            .append("signatoryRole", e.signatoryRole())
                            .append("signedAt", timestamp.toString()));
        } else if (event instanceof ApplicationSubmitted) {
            next.append("status", "SUBMITTED");
        } else if (event instanceof JoiningClosed) {
            next.append("status", "JOINING_CLOSED");
        } else if (event instanceof AwardGranted e) {
            next.append("status", "GRANTED")
                    .append("grantedAmountSek", e.amountSek())
                    .append("caseNumber", e.caseNumber());
        } else if (event instanceof ApplicationRejected e) {
            next.append("status", "REJECTED").append("caseNumber", e.caseNumber());
        } else if (event instanceof ApplicationClosed) {
            next.append("status", "CLOSED");
        }
        recount(next);
        return next.append("position", position).append("updatedAt", timestamp.toString());
    }

    private static void recount(Document view) {
        List<Document> members = members(view);
        long joined = members.stream()
                .filter(m -> "JOINED".equals(m.getString("status")))
                .count();
        long signed =
                members.stream().filter(m -> m.getBoolean("signed", false)).count();
        long declined = members.stream()
                .filter(m -> "DECLINED".equals(m.getString("status")))
                .count();
        long withdrawn = members.stream()
                .filter(m -> "WITHDRAWN".equals(m.getString("status")))
                .count();
        List<String> notAnswered = members.stream()
                .filter(m -> "INVITED".equals(m.getString("status")))
                .map(m -> m.getString("code"))
                .toList();
        List<String> notSigned = members.stream()
                .filter(m -> "JOINED".equals(m.getString("status")) && !m.getBoolean("signed", false))
                .map(m -> m.getString("code"))
                .toList();
        view.append(
                        "counts",
                        new Document("invited", members.size())
                                .append("joined", joined)
                                .append("signed", signed)
                                .append("declined", declined)
                                .append("withdrawn", withdrawn))
                .append("summary", joined + " of " + members.size() + " joined, " + signed + " signed")
                .append("notAnswered", notAnswered)
                .append("notSigned", notSigned);
    }

    private static Document member(MunicipalityCode code) {
        return new Document("code", code.toString())
                .append("name", name(code))
                .append("status", "INVITED")
                .append("signed", false);
    }

    private static String name(MunicipalityCode code) {
        return Municipalities.byCode(code).map(Municipalities::officialName).orElse(code.toString());
    }

    private static Document decision(DecisionReference d) {
        return new Document("body", d.body())
                .append("meetingDate", d.meetingDate().toString())
                .append("paragraph", d.paragraph())
                .append("immediateAdjustment", d.immediateAdjustment())
                .append("announcementDate", d.announcementDate().toString());
    }

    @SuppressWarnings("unchecked")
    private static List<Document> members(Document view) {
        Object members = view.get("members");
        if (members == null) {
            List<Document> list = new ArrayList<>();
            view.append("members", list);
            return list;
        }
        return (List<Document>) members;
    }

    private static Document find(Document view, MunicipalityCode code) {
        return members(view).stream()
                .filter(m -> code.toString().equals(m.getString("code")))
                .findFirst()
                .orElse(null);
    }

    private static void update(Document view, MunicipalityCode code, java.util.function.UnaryOperator<Document> f) {
        List<Document> members = members(view);
        for (int i = 0; i < members.size(); i++) {
            if (code.toString().equals(members.get(i).getString("code"))) {
                members.set(i, f.apply(new Document(members.get(i))));
                return;
            }
        }
        members.add(f.apply(member(code)));
    }
}
