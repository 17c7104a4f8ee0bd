package se.norrort.consortium.query.municipality;

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
import static se.norrort.consortium.query.TestEvents.openedFor;
import static se.norrort.consortium.query.TestEvents.rejected;
import static se.norrort.consortium.query.TestEvents.repayment;
import static se.norrort.consortium.query.TestEvents.requisitioned;
import static se.norrort.consortium.query.TestEvents.revoked;
import static se.norrort.consortium.query.TestEvents.signed;
import static se.norrort.consortium.query.TestEvents.submitted;
import static se.norrort.consortium.query.TestEvents.withdrew;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.api.events.CooperationFormSigned;
import se.norrort.consortium.api.events.DecisionReferenceCorrected;
import se.norrort.consortium.api.events.DocumentAttached;
import se.norrort.consortium.api.events.ParticipationDeclined;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DocumentId;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.PersonId;
import se.norrort.consortium.query.TestEvents;

/**
 * Histories of applications that together reach every field of the municipality view's entry documents and the orders
 * in which their fields can be set (a member that declined and then joined has its {@code reason} before its
 * {@code decision}; one corrected before it joined has its {@code decisionCorrections} first; budget lines before or
 * after delegations), every event type the fold reads, and the owner that did not invite itself
 * ({@code NOT_INVITED}). {@code stored-entries.txt} holds what the Document-built fold of before the typed records
 * stored for them ({@link MunicipalityStoredShapeTest}).
 */
final class MunicipalityHistories {

    private MunicipalityHistories() {}

    static final Map<String, List<ConsortiumEvent>> HISTORIES = Map.of(
            "grantedAndClosed",
            List.of(
                    openedFor("a", "Gemensam resurs", "0191", "0162", "0187", "0163", "0186"),
                    invited("a", "0180"),
                    joined("a", "0191"),
                    joined("a", "0162"),
                    declined("a", "0187"),
                    declined("a", "0163"),
                    joined("a", "0163"),
                    joined("a", "0186"),
                    withdrew("a", "0186"),
                    delegated("a", "0162", LocalDate.of(2024, 12, 31)),
                    budget("a", "0191", 2024, 50_000),
                    delegated("a", "0191", null),
                    revoked("a", "0191"),
                    delegated("a", "0191", LocalDate.of(2023, 10, 31)),
                    new DecisionReferenceCorrected(
                            new ApplicationId("a"),
                            new MunicipalityCode("0191"),
                            "SignatureDelegated",
                            TestEvents.decision("0191", "§ 45"),
                            TestEvents.decision("0191", "§ 47"),
                            null,
                            "Wrong paragraph"),
                    signed("a", "0191", "pa", "Per Andersson"),
                    signed("a", "0162", "bme", "Britt-Marie Ekström"),
                    corrected("a", "0162", "§ 45", "§ 46"),
                    budget("a", "0162", 2025, 50_000),
                    budget("a", "0162", 2024, 100_000),
                    budget("a", "0162", 2025, 70_000),
                    attached("a", "0162"),
                    new DocumentAttached(
                            new ApplicationId("a"),
                            new DocumentId("doc-owner"),
                            null,
                            null,
                            "budget.xlsx",
                            "application/vnd.ms-excel",
                            1_000,
                            "b".repeat(64)),
                    joiningClosed("a", 3),
                    submitted("a", "0191", "0162", "0163"),
                    granted("a"),
                    requisitioned("a", 500_000, 500_000),
                    interimOverdue("a"),
                    interimReport("a"),
                    repayment("a"),
                    finalReport("a"),
                    closed("a")),
            "rejectedWithNulls",
            List.of(
                    openedFor("b", "Liten resurs", "0191", "0162", "0187"),
                    new ParticipationDeclined(new ApplicationId("b"), new MunicipalityCode("0187"), null, null),
                    TestEvents.correctedWithoutAppealDeadline("b", "0162"),
                    joined("b", "0162"),
                    joined("b", "0191"),
                    new CooperationFormSigned(
                            new ApplicationId("b"),
                            new MunicipalityCode("0191"),
                            new PersonId("pa"),
                            "Per Andersson",
                            "kommunstyrelsens ordförande",
                            null),
                    submitted("b", "0191"),
                    rejected("b"),
                    closed("b")),
            "ownerNotInvited",
            List.of(
                    openedFor("c", "Tolkning", "0162"),
                    invited("c", "0191"),
                    delegated("c", "0160", null),
                    invited("c", "0160"),
                    budget("c", "0160", 2024, 10_000),
                    joined("c", "0162"),
                    joiningClosed("c", 1)));
}
