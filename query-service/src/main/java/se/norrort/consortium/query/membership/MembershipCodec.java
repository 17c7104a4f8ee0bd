package se.norrort.consortium.query.membership;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.model.ApplicationState.MembershipStatus;
import se.norrort.consortium.model.ApplicationState.Status;
import se.norrort.consortium.query.membership.MembershipDocument.Counts;
import se.norrort.consortium.query.membership.MembershipDocument.Member;
import se.norrort.consortium.query.projection.StoredShape;
import se.norrort.consortium.query.projection.ViewFields;

/**
 * The membership view's record to and from the stored {@link Document}, which keeps the shape it has always had:
 * the same field names, BSON types ({@code counts.invited} an int32, the other counts, {@code position} and
 * {@code grantedAmountSek} int64), texts for dates and times, and the same fields present or absent. A field is
 * stored from the event that first sets it on (with {@code null} where that event gave none) and keeps its place
 * ({@link StoredShape}): {@code toDocument(fromDocument(d), d)} is {@code d}.
 * <p>
 * Stored fields, in order for a document begun by {@code ApplicationOpened} (every application's stream is):
 * {@code _id}; {@code owner, ownerName, title, funder, joiningDeadline} from the opening; {@code status}; {@code
 * members}; {@code counts, summary, notAnswered, notSigned}; {@code position, updatedAt}; {@code grantedAmountSek}
 * from the grant; {@code caseNumber} from the grant or rejection. A member: {@code code, name, status, signed};
 * {@code decision, appealDeadline} from the join (or a correction); {@code joinedAt}; {@code reason} from a decline or
 * withdrawal; {@code signatory, signatoryRole, signedAt} from the signature; a member that declined and then joined
 * has its {@code reason} before its {@code decision}, as stored.
 */
public final class MembershipCodec {

    private MembershipCodec() {}

    /** The stored document of {@code view}, shaped after {@code previous}, the document it was folded from (or null). */
    public static Document toDocument(MembershipDocument view, Document previous) {
        List<Document> previousMembers = previous == null ? List.of() : previous.getList("members", Document.class);
        List<Document> members = new ArrayList<>();
        for (Member m : view.members()) {
            members.add(member(m, previousMember(previousMembers, m.code())));
        }
        Counts c = view.counts();
        boolean opened = view.owner() != null;
        return StoredShape.after(previous)
                .put("_id", view.applicationId())
                .putIf(opened, "owner", ViewFields.text(view.owner()))
                .putIf(opened, "ownerName", view.ownerName())
                .putIf(opened, "title", view.title())
                .putIf(opened, "funder", view.funder())
                .putIf(opened, "joiningDeadline", ViewFields.text(view.joiningDeadline()))
                .putIfNotNull(
                        "status", view.status() == null ? null : view.status().name())
                .put("members", members)
                .put(
                        "counts",
                        new Document("invited", c.invited())
                                .append("joined", c.joined())
                                .append("signed", c.signed())
                                .append("declined", c.declined())
                                .append("withdrawn", c.withdrawn()))
                .put("summary", view.summary())
                .put("notAnswered", codes(view.notAnswered()))
                .put("notSigned", codes(view.notSigned()))
                .put("position", view.position())
                .put("updatedAt", ViewFields.text(view.updatedAt()))
                .putIfNotNull("grantedAmountSek", view.grantedAmountSek())
                .putIf(
                        view.caseNumber() != null
                                || view.status() == Status.GRANTED
                                || view.status() == Status.REJECTED,
                        "caseNumber",
                        view.caseNumber())
                .document();
    }

    /** The record of a stored document ({@code null} for none); the provenance field, if any, is not part of it. */
    public static MembershipDocument fromDocument(Document document) {
        if (document == null) {
            return null;
        }
        List<Member> members = new ArrayList<>();
        for (Document m : document.getList("members", Document.class, List.of())) {
            members.add(member(m));
        }
        Document counts = document.get("counts", Document.class);
        String owner = document.getString("owner");
        String status = document.getString("status");
        Number position = document.get("position", Number.class);
        Number granted = document.get("grantedAmountSek", Number.class);
        return new MembershipDocument(
                document.getString("_id"),
                owner == null ? null : new MunicipalityCode(owner),
                document.getString("ownerName"),
                document.getString("title"),
                document.getString("funder"),
                ViewFields.date(document.getString("joiningDeadline")),
                status == null ? null : Status.valueOf(status),
                members,
                counts == null
                        ? new Counts(0, 0, 0, 0, 0)
                        : new Counts(
                                counts.get("invited", Number.class).intValue(),
                                counts.get("joined", Number.class).longValue(),
                                counts.get("signed", Number.class).longValue(),
                                counts.get("declined", Number.class).longValue(),
                                counts.get("withdrawn", Number.class).longValue()),
                document.getString("summary"),
                codesOf(document.getList("notAnswered", String.class, List.of())),
                codesOf(document.getList("notSigned", String.class, List.of())),
                position == null ? -1 : position.longValue(),
                ViewFields.instant(document.getString("updatedAt")),
                granted == null ? null : granted.longValue(),
                document.getString("caseNumber"));
    }

    private static Document member(Member m, Document previous) {
        boolean signedNow = m.signedAt() != null;
        return StoredShape.after(previous)
                .put("code", m.code().toString())
                .put("name", m.name())
                .put("status", m.status().name())
                .put("signed", m.signed())
                .putIfNotNull("decision", decision(m.decision()))
                .putIf(m.decision() != null, "appealDeadline", ViewFields.text(m.appealDeadline()))
                .putIfNotNull("joinedAt", ViewFields.text(m.joinedAt()))
                .putIf(
                        m.reason() != null
                                || m.status() == MembershipStatus.DECLINED
                                || m.status() == MembershipStatus.WITHDRAWN,
                        "reason",
                        m.reason())
                .putIf(signedNow, "signatory", m.signatory())
                .putIf(signedNow, "signatoryRole", m.signatoryRole())
                .putIfNotNull("signedAt", ViewFields.text(m.signedAt()))
                .document();
    }

    private static Member member(Document m) {
        Document decision = m.get("decision", Document.class);
        MunicipalityCode code = new MunicipalityCode(m.getString("code"));
        return new Member(
                code,
                m.getString("name"),
                MembershipStatus.valueOf(m.getString("status")),
                m.getBoolean("signed", false),
                ViewFields.decisionOf(decision, code),
                ViewFields.date(m.getString("appealDeadline")),
                ViewFields.instant(m.getString("joinedAt")),
                m.getString("reason"),
                m.getString("signatory"),
                m.getString("signatoryRole"),
                ViewFields.instant(m.getString("signedAt")));
    }

    /** A member's decision as stored: without its municipality (the member's own) and its appeal deadline. */
    private static Document decision(DecisionReference d) {
        if (d == null) {
            return null;
        }
        return new Document("body", d.body())
                .append("meetingDate", ViewFields.text(d.meetingDate()))
                .append("paragraph", d.paragraph())
                .append("immediateAdjustment", d.immediateAdjustment())
                .append("announcementDate", ViewFields.text(d.announcementDate()));
    }

    private static Document previousMember(List<Document> previousMembers, MunicipalityCode code) {
        for (Document m : previousMembers) {
            if (code.toString().equals(m.getString("code"))) {
                return m;
            }
        }
        return null;
    }

    private static List<String> codes(List<MunicipalityCode> codes) {
        return codes.stream().map(MunicipalityCode::toString).toList();
    }

    private static List<MunicipalityCode> codesOf(List<String> codes) {
        return codes.stream().map(MunicipalityCode::new).toList();
    }
}
