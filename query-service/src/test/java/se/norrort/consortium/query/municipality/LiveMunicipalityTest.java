package se.norrort.consortium.query.municipality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.query.live.ViewChangeHub;

/** One live subscriber's state of a municipality's view: never an older state, never a change left unsent. */
class LiveMunicipalityTest {

    private static Document entry(String applicationId, String status, long position, long revision) {
        return new Document("_id", MunicipalityEntries.id("0162", applicationId))
                .append("code", "0162")
                .append(
                        "applications",
                        List.of(new Document("applicationId", applicationId)
                                .append("status", status)
                                .append("signed", false)
                                .append("position", position)
                                .append("todo", List.of())))
                .append("position", position)
                .append("revision", revision)
                .append(
                        "updatedAt",
                        Instant.parse("2023-09-21T10:00:00Z")
                                .plusSeconds(position)
                                .toString());
    }

    private static List<String> statuses(Optional<ViewChangeHub.Change> change) {
        return change.orElseThrow().document().getList("applications", Document.class).stream()
                .map(e -> e.getString("applicationId") + ":" + e.getString("status"))
                .toList();
    }

    @Test
    void givenChangesBeforeTheStoredState_thenNothingIsSentUntilItIsRead_andNewApplicationsComeLast() {
        LiveMunicipality state = new LiveMunicipality("0162", null);
        state.changed(entry("c", "INVITED", 20, 1));
        assertThat(state.next()).as("the changes alone are not the view").isEmpty();

        state.loaded(List.of(entry("a", "INVITED", 10, 1), entry("b", "INVITED", 12, 1)));
        Optional<ViewChangeHub.Change> first = state.next();

        assertThat(statuses(first)).containsExactly("a:INVITED", "b:INVITED", "c:INVITED");
        assertThat(first.orElseThrow().position()).isEqualTo(20);
        assertThat(first.orElseThrow().document().getLong("revision")).isEqualTo(3);
        assertThat(state.next()).as("nothing new").isEmpty();
    }

    @Test
    void givenAStoredStateReadHalfWayThroughABatch_whenTheBatchsChangeOfAnOlderPositionArrives_thenItIsSent() {
        LiveMunicipality state = new LiveMunicipality("0162", null);
        // b's entry at 12 was written, a's change at 11 (same batch) not yet when the state was read
        state.loaded(List.of(entry("a", "INVITED", 10, 1), entry("b", "JOINED", 12, 2)));
        assertThat(state.next().orElseThrow().position()).isEqualTo(12);

        state.changed(entry("a", "JOINED", 11, 2));
        Optional<ViewChangeHub.Change> completed = state.next();

        assertThat(statuses(completed)).containsExactly("a:JOINED", "b:JOINED");
        assertThat(completed.orElseThrow().position())
                .as("never lower than sent")
                .isEqualTo(12);
    }

    @Test
    void givenAnOlderCopyOfAnEntryArrivingLate_thenTheNewerStays_andNothingIsSent() {
        LiveMunicipality state = new LiveMunicipality("0162", null);
        state.changed(entry("a", "JOINED", 11, 2));
        state.loaded(List.of(entry("a", "INVITED", 10, 1)));
        assertThat(statuses(state.next())).containsExactly("a:JOINED");

        state.changed(entry("a", "INVITED", 10, 1));

        assertThat(state.next()).isEmpty();
        state.changed(entry("a", "DECLINED", 13, 3));
        assertThat(statuses(state.next())).containsExactly("a:DECLINED");
    }

    @Test
    void givenALastEventId_thenStatesAtOrBelowItAreLeftOut() {
        LiveMunicipality state = new LiveMunicipality("0162", 12L);
        state.loaded(List.of(entry("a", "INVITED", 12, 1)));
        assertThat(state.next()).isEmpty();

        state.changed(entry("a", "JOINED", 13, 2));

        assertThat(state.next().orElseThrow().position()).isEqualTo(13);
    }
}
