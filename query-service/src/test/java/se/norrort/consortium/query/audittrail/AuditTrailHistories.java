package se.norrort.consortium.query.audittrail;

import static se.norrort.consortium.query.TestEvents.attached;
import static se.norrort.consortium.query.TestEvents.budget;
import static se.norrort.consortium.query.TestEvents.closed;
import static se.norrort.consortium.query.TestEvents.corrected;
import static se.norrort.consortium.query.TestEvents.declined;
import static se.norrort.consortium.query.TestEvents.delegated;
import static se.norrort.consortium.query.TestEvents.finalReport;
import static se.norrort.consortium.query.TestEvents.granted;
import static se.norrort.consortium.query.TestEvents.interimOverdue;
import static se.norrort.consortium.query.TestEvents.interimReport;
import static se.norrort.consortium.query.TestEvents.invited;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.joiningClosed;
import static se.norrort.consortium.query.TestEvents.opened;
import static se.norrort.consortium.query.TestEvents.rejected;
import static se.norrort.consortium.query.TestEvents.repayment;
import static se.norrort.consortium.query.TestEvents.requisitioned;
import static se.norrort.consortium.query.TestEvents.revoked;
import static se.norrort.consortium.query.TestEvents.signed;
import static se.norrort.consortium.query.TestEvents.submitted;
import static se.norrort.consortium.query.TestEvents.withdrew;

import java.time.LocalDate;
import java.util.List;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.query.projection.StoredDocuments;

/**
 * One event of every type, and the contexts (with and without metadata) the audit trail's golden documents
 * ({@code stored-entries.txt}, {@code stored-headers.txt}) were stored for.
 */
final class AuditTrailHistories {

    private AuditTrailHistories() {}

    static final List<ConsortiumEvent> EVERY_TYPE = List.of(
            opened("a"),
            invited("a", "0180"),
            joined("a", "0162"),
            declined("a", "0187"),
            withdrew("a", "0160"),
            corrected("a", "0162", "§ 45", "§ 46"),
            delegated("a", "0162", LocalDate.of(2024, 12, 31)),
            delegated("a", "0163", null),
            revoked("a", "0162"),
            signed("a", "0162", "bme", "Britt-Marie Ekström"),
            budget("a", "0162", 2024, 150_000),
            attached("a", "0162"),
            submitted("a", "0191", "0162"),
            joiningClosed("a", 2),
            granted("a"),
            rejected("a"),
            requisitioned("a", 1_000_000, 1_000_000),
            interimReport("a"),
            finalReport("a"),
            interimOverdue("a"),
            repayment("a"),
            closed("a"));

    /** The context of the event at {@code sequence}: every other one without metadata. */
    static AuditTrailView.Context context(long sequence) {
        long position = sequence + 1;
        if (sequence % 2 == 1) {
            return new AuditTrailView.Context(
                    "evt-" + sequence,
                    sequence,
                    position,
                    StoredDocuments.at(position),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        return new AuditTrailView.Context(
                "evt-" + sequence,
                sequence,
                position,
                StoredDocuments.at(position),
                "lina",
                "Lina Holm",
                "MUNICIPALITY_OFFICER",
                "0162",
                "del-0162",
                "corr-" + sequence,
                "cmd-" + sequence);
    }
}
