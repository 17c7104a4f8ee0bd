package se.norrort.consortium.query.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.declined;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.opened;
import static se.norrort.consortium.query.TestEvents.signed;

import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.query.projection.ViewDocuments;

/** given(events) → then(view). */
class MembershipViewTest {

    private static final Instant T = Instant.parse("2023-09-21T10:00:00Z");

    @Test
    void givenOpenedJoinedDeclinedSigned_thenCountsMissingAndDecisionsAreShown() {
        Document view = MembershipView.apply(null, opened("a"), 1, T);
        view = MembershipView.apply(view, joined("a", "0162"), 2, T);
        view = MembershipView.apply(view, joined("a", "0191"), 3, T);
        view = MembershipView.apply(view, declined("a", "0187"), 4, T);
        view = MembershipView.apply(view, signed("a", "0162", "bme", "Britt-Marie Ekström"), 5, T);

        assertThat(view.getString("summary")).isEqualTo("2 of 15 joined, 1 signed");
        assertThat(view.get("counts", Document.class).get("declined")).isEqualTo(1L);
        assertThat(view.getList("notSigned", String.class)).containsExactly("0191");
        assertThat(view.getList("notAnswered", String.class)).hasSize(12).doesNotContain("0162", "0191", "0187");
        Document danderyd = member(view, "0162");
        assertThat(danderyd.getString("status")).isEqualTo("JOINED");
        assertThat(danderyd.getBoolean("signed")).isTrue();
        assertThat(danderyd.getString("signatory")).isEqualTo("Britt-Marie Ekström");
        assertThat(danderyd.get("decision", Document.class).getString("paragraph"))
                .isEqualTo("§ 45");
        assertThat(view.get("position", Number.class).longValue()).isEqualTo(5);
    }

    @Test
    void givenAnEventAlreadyReflected_whenDeliveredAgain_thenTheViewIsUnchanged() {
        Document view = MembershipView.apply(null, opened("a"), 1, T);
        view = MembershipView.apply(view, joined("a", "0162"), 2, T);
        Document again = MembershipView.apply(view, joined("a", "0162"), 2, T);
        Document older = MembershipView.apply(view, declined("a", "0162"), 1, T);

        assertThat(again).isSameAs(view);
        assertThat(older).isSameAs(view);
        assertThat(member(view, "0162").getString("status")).isEqualTo("JOINED");
    }

    @Test
    void givenAView_whenAnEventIsApplied_thenTheDocumentGivenIsUnchanged() {
        Document view = MembershipView.apply(null, opened("a"), 1, T);
        Document copy = ViewDocuments.copy(view);

        Document next = MembershipView.apply(view, joined("a", "0162"), 2, T);

        assertThat(view).isEqualTo(copy);
        assertThat(member(view, "0162").getString("status")).isEqualTo("INVITED");
        assertThat(member(next, "0162").getString("status")).isEqualTo("JOINED");
    }

    private static Document member(Document view, String code) {
        List<Document> members = view.getList("members", Document.class);
        return members.stream()
                .filter(m -> code.equals(m.getString("code")))
                .findFirst()
                .orElseThrow();
    }
}
