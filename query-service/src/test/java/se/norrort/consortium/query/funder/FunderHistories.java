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

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import se.norrort.consortium.api.events.ApplicationClosed;
import se.norrort.consortium.api.events.ApplicationOpened;
import se.norrort.consortium.api.events.AwardGranted;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.ReportOverdue;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.ReportKind;

/**
 * Histories of one application that together reach every field of the funder's entry and of the application's facts
 * (with the values an event may leave {@code null}); {@code stored-documents.txt} here and {@code stored-facts.txt} in
 * {@code projection} hold what the Document-built folds stored for them.
 */
public final class FunderHistories {

    private FunderHistories() {}

    public static final Map<String, List<ConsortiumEvent>> HISTORIES = Map.of(
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
                    closed("b")),
            "grantedWithNulls",
            List.of(
                    new ApplicationOpened(
                            new ApplicationId("c"),
                            new MunicipalityCode("0191"),
                            null,
                            "Länsstyrelsen i Stockholms län",
                            "Utan rättslig grund",
                            List.of(),
                            null,
                            null,
                            LocalDate.of(2023, 12, 31),
                            1_000,
                            List.of(new MunicipalityCode("0191"))),
                    submitted("c", "0191"),
                    new AwardGranted(new ApplicationId("c"), 900, 1_000, null, null, null, List.of()),
                    interimReport("c"),
                    new ReportOverdue(new ApplicationId("c"), ReportKind.FINAL, null),
                    new ApplicationClosed(new ApplicationId("c"), null)));
}
