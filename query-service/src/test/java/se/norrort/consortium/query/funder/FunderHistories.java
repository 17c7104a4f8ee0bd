package se.norrort.consortium.query.funder;

import static se.norrort.consortium.query.TestEvents.attached;
import static se.norrort.consortium.query.TestEvents.closed;
import static se.norrort.consortium.query.TestEvents.declined;
import static se.norrort.consortium.query.TestEvents.finalReport;
import static se.norrort.consortium.query.TestEvents.granted;
import static se.norrort.consortium.query.TestEvents.interimOverdue;
import static se.norrort.consortium.query.TestEvents.interimReport;
import static se.norrort.consortium.query.TestEvents.invited;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.joiningClosed;
import static se.norrort.consortium.query.TestEvents.opened;
import static se.norrort.consortium.query.TestEvents.openedFor;
import static se.norrort.consortium.query.TestEvents.rejected;
import static se.norrort.consortium.query.TestEvents.repayment;
import static se.norrort.consortium.query.TestEvents.requisitioned;
import static se.norrort.consortium.query.TestEvents.signed;
import static se.norrort.consortium.query.TestEvents.submitted;
import static se.norrort.consortium.query.TestEvents.withdrew;

import java.util.List;
import java.util.Map;
import se.norrort.consortium.api.events.ConsortiumEvent;

/** Histories of one application that together reach every field of the funder's entry. */
final class FunderHistories {

    private FunderHistories() {}

    static final Map<String, List<ConsortiumEvent>> HISTORIES = Map.of(
            "grantedReportedClosed",
            List.of(
                    opened("a"),
                    invited("a", "0180"),
                    joined("a", "0191"),
                    joined("a", "0162"),
                    declined("a", "0187"),
                    joined("a", "0186"),
                    withdrew("a", "0186"),
                    signed("a", "0191", "pa", "Per Andersson"),
                    signed("a", "0162", "bme", "Britt-Marie Ekström"),
                    attached("a", "0191"),
                    joiningClosed("a", 2),
                    submitted("a", "0191", "0162"),
                    granted("a"),
                    requisitioned("a", 1_000_000, 1_000_000),
                    interimOverdue("a"),
                    interimReport("a"),
                    requisitioned("a", 500_000, 1_500_000),
                    finalReport("a"),
                    repayment("a"),
                    closed("a")),
            "rejected",
            List.of(
                    openedFor("b", "Liten resurs", "0191", "0162"),
                    joined("b", "0191"),
                    submitted("b", "0191"),
                    rejected("b"),
                    closed("b")));
}
