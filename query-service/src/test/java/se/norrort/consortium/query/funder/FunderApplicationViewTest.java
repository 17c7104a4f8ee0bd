package se.norrort.consortium.query.funder;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.closed;
import static se.norrort.consortium.query.TestEvents.declined;
import static se.norrort.consortium.query.TestEvents.granted;
import static se.norrort.consortium.query.TestEvents.interimOverdue;
import static se.norrort.consortium.query.TestEvents.interimReport;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.joiningClosed;
import static se.norrort.consortium.query.TestEvents.opened;
import static se.norrort.consortium.query.TestEvents.rejected;
import static se.norrort.consortium.query.TestEvents.repayment;
import static se.norrort.consortium.query.TestEvents.requisitioned;
import static se.norrort.consortium.query.TestEvents.signed;
import static se.norrort.consortium.query.TestEvents.submitted;

import java.time.Instant;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.events.ConsortiumEvent;

/** given(events) → then(view). */
class FunderApplicationViewTest {

    private static final Instant T = Instant.parse("2023-12-01T09:00:00Z");

    private static Document given(ConsortiumEvent... events) {
        Document view = null;
        long position = 0;
        for (ConsortiumEvent event : events) {
            view = FunderApplicationView.apply(view, event, ++position, T);
        }
        return view;
    }

    @Test
    void givenAnApplicationStillBeingPrepared_thenTheFunderDoesNotListIt() {
        Document view = given(opened("a"), joined("a", "0162"));

        assertThat(FunderApplicationView.listed(view)).isFalse();
        assertThat(view.getString("status")).isEqualTo("OPEN");
    }

    @Test
    void givenJoiningClosedBeforeTheSubmission_thenTheStatusIsJoiningClosed_andTheFunderStillDoesNotListIt() {
        Document view = given(opened("a"), joined("a", "0191"), joiningClosed("a", 1));

        assertThat(view.getString("status")).isEqualTo("JOINING_CLOSED");
        assertThat(view.getBoolean("joiningClosed")).isTrue();
        assertThat(FunderApplicationView.listed(view)).isFalse();

        Document submittedLater = FunderApplicationView.apply(view, submitted("a", "0191"), 4, T);
        assertThat(submittedLater.getString("status")).isEqualTo("SUBMITTED");
        assertThat(FunderApplicationView.listed(submittedLater)).isTrue();
    }

    @Test
    void givenASubmission_thenTheApplicationIsListedWithItsAmountsDeadlinesAndParticipants() {
        Document view = given(
                opened("a"),
                joined("a", "0191"),
                joined("a", "0162"),
                declined("a", "0187"),
                signed("a", "0191", "pa", "Per Andersson"),
                signed("a", "0162", "bme", "Britt-Marie Ekström"),
                submitted("a", "0191", "0162"));

        assertThat(FunderApplicationView.listed(view)).isTrue();
        assertThat(view.getString("status")).isEqualTo("SUBMITTED");
        assertThat(view.getString("title"))
                .isEqualTo("Gemensam resurs i Norrort för rådgivning och ansökan om externa medel");
        assertThat(view.getString("owner")).isEqualTo("0191");
        assertThat(view.getString("ownerName")).isEqualTo("Sigtuna");
        assertThat(view.get("appliedAmountSek")).isEqualTo(4_000_000L);
        assertThat(view.getString("joiningDeadline")).isEqualTo("2023-10-31");
        assertThat(view.getString("submittedAt")).isEqualTo(T.toString());
        assertThat(view.get("submittedPosition")).isEqualTo(7L);
        Document participants = view.get("participants", Document.class);
        assertThat(participants.get("invited")).isEqualTo(15L);
        assertThat(participants.get("joined")).isEqualTo(2L);
        assertThat(participants.get("signed")).isEqualTo(2L);
        assertThat(participants.get("declined")).isEqualTo(1L);
        assertThat(participants.get("notAnswered")).isEqualTo(12L);
        assertThat(view.get("submission", Document.class).get("participantCount"))
                .isEqualTo(2);
    }

    @Test
    void givenAGrant_thenGrantedAmountCaseNumberAndReportDueDatesAreShown_andTheNextReportDueMovesOn() {
        Document view = given(opened("a"), submitted("a", "0191"), granted("a"));

        assertThat(view.getString("status")).isEqualTo("GRANTED");
        assertThat(view.get("grantedAmountSek")).isEqualTo(3_200_000L);
        assertThat(view.getString("caseNumber")).isEqualTo("851-41235-2023");
        assertThat(view.getString("decisionDate")).isEqualTo("2023-12-14");
        assertThat(view.getList("reports", Document.class))
                .extracting(r -> r.getString("report"))
                .containsExactly("INTERIM", "FINAL");
        assertThat(view.getString("nextReportDue")).isEqualTo("2025-01-31");

        Document later = FunderApplicationView.apply(view, interimOverdue("a"), 4, T);
        later = FunderApplicationView.apply(later, interimReport("a"), 5, T);
        later = FunderApplicationView.apply(later, requisitioned("a", 1_000_000, 1_000_000), 6, T);
        later = FunderApplicationView.apply(later, repayment("a"), 7, T);
        later = FunderApplicationView.apply(later, closed("a"), 8, T);

        assertThat(later.getList("reports", Document.class).get(0).getBoolean("submitted"))
                .isTrue();
        assertThat(later.getList("reports", Document.class).get(0).getBoolean("overdue"))
                .isTrue();
        assertThat(later.getString("nextReportDue")).isEqualTo("2026-03-31");
        assertThat(later.get("requisitionedSek")).isEqualTo(1_000_000L);
        assertThat(later.get("repaymentClaimedSek")).isEqualTo(100_000L);
        assertThat(later.getString("status")).isEqualTo("CLOSED");
        assertThat(later.getString("decision")).isEqualTo("GRANTED");
        assertThat(FunderApplicationView.listed(later)).isTrue();
    }

    @Test
    void givenARejection_thenTheCaseNumberAndReasonAreShown() {
        Document view = given(opened("a"), submitted("a", "0191"), rejected("a"));

        assertThat(view.getString("status")).isEqualTo("REJECTED");
        assertThat(view.getString("caseNumber")).isEqualTo("851-41235-2023");
        assertThat(view.getString("rejectionReason")).contains("räcker inte");
        assertThat(view.get("grantedAmountSek")).isNull();
    }

    @Test
    void givenAnEventAlreadyReflected_whenDeliveredAgain_thenTheViewIsUnchanged() {
        Document view = given(opened("a"), submitted("a", "0191"));

        assertThat(FunderApplicationView.apply(view, submitted("a", "0191"), 2, T))
                .isSameAs(view);
        assertThat(FunderApplicationView.apply(view, granted("a"), 1, T)).isSameAs(view);
        assertThat(view.getString("status")).isEqualTo("SUBMITTED");
    }
}
