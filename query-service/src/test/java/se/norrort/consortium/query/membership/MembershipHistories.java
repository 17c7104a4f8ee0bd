package se.norrort.consortium.query.membership;

import static se.norrort.consortium.query.TestEvents.budget;
import static se.norrort.consortium.query.TestEvents.closed;
import static se.norrort.consortium.query.TestEvents.corrected;
import static se.norrort.consortium.query.TestEvents.declined;
import static se.norrort.consortium.query.TestEvents.delegated;
import static se.norrort.consortium.query.TestEvents.granted;
import static se.norrort.consortium.query.TestEvents.invited;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.joiningClosed;
import static se.norrort.consortium.query.TestEvents.opened;
import static se.norrort.consortium.query.TestEvents.openedFor;
import static se.norrort.consortium.query.TestEvents.rejected;
import static se.norrort.consortium.query.TestEvents.signed;
import static se.norrort.consortium.query.TestEvents.submitted;
import static se.norrort.consortium.query.TestEvents.withdrew;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.ParticipationDeclined;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.query.TestEvents;

/**
 * Histories of one application that together reach every field of the membership document and the orders in which
 * its fields can be set (a member that declined and then joined has its {@code reason} before its {@code decision});
 * {@code MembershipStoredShapeTest} holds the documents the Document-built fold of before the typed records stored for
 * them.
 */
final class MembershipHistories {

    private MembershipHistories() {}

    static final Map<String, List<ConsortiumEvent>> HISTORIES = Map.of(
            "grantedAndClosed",
            List.of(
                    opened("a"),
                    invited("a", "0180"),
                    joined("a", "0191"),
                    joined("a", "0162"),
                    declined("a", "0187"),
                    declined("a", "0163"),
                    joined("a", "0163"),
                    joined("a", "0186"),
                    withdrew("a", "0186"),
                    delegated("a", "0162", LocalDate.of(2024, 12, 31)),
                    signed("a", "0191", "pa", "Per Andersson"),
                    signed("a", "0162", "bme", "Britt-Marie Ekström"),
                    corrected("a", "0162", "§ 45", "§ 46"),
                    budget("a", "0162", 2024, 100_000),
                    joiningClosed("a", 3),
                    submitted("a", "0191", "0162", "0163"),
                    granted("a"),
                    closed("a")),
            "rejectedWithNulls",
            List.of(
                    openedFor("b", "Liten resurs", "0191", "0162", "0187"),
                    new ParticipationDeclined(new ApplicationId("b"), new MunicipalityCode("0187"), null, null),
                    TestEvents.correctedWithoutAppealDeadline("b", "0162"),
                    joined("b", "0191"),
                    submitted("b", "0191"),
                    rejected("b"),
                    closed("b")),
            "joiningClosedOnly",
            List.of(opened("c"), joined("c", "0191"), joiningClosed("c", 1)));
}
