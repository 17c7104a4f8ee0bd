package se.norrort.consortium.query.municipality;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.budget;
import static se.norrort.consortium.query.TestEvents.corrected;
import static se.norrort.consortium.query.TestEvents.declined;
import static se.norrort.consortium.query.TestEvents.delegated;
import static se.norrort.consortium.query.TestEvents.granted;
import static se.norrort.consortium.query.TestEvents.interimReport;
import static se.norrort.consortium.query.TestEvents.invited;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.opened;
import static se.norrort.consortium.query.TestEvents.openedFor;
import static se.norrort.consortium.query.TestEvents.revoked;
import static se.norrort.consortium.query.TestEvents.signed;
import static se.norrort.consortium.query.TestEvents.submitted;
import static se.norrort.consortium.query.TestEvents.withdrew;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.query.projection.ApplicationFacts;
import se.norrort.consortium.query.projection.Provenance;
import se.norrort.consortium.query.projection.ReplayedEvent;

/**
 * The layout of one document per municipality and application serves what the layout of one document per
 * municipality stored: the same events folded both ways (with provenance, as the projection applies them), the
 * assembled document equals the whole one, value for value, and its provenance names the same events for every
 * field.
 */
class MunicipalityEntriesTest {

    private static final Instant T = Instant.parse("2023-09-21T10:00:00Z");

    /** Both layouts, fed the same events as the projection feeds them. */
    private static final class Both {
        final Map<String, Document> facts = new LinkedHashMap<>();
        final Map<String, Document> whole = new LinkedHashMap<>();
        final Map<String, Document> entries = new LinkedHashMap<>();
        final Map<String, Document> index = new LinkedHashMap<>();
        long position;

        Both given(ConsortiumEvent... events) {
            for (ConsortiumEvent event : events) {
                long at = ++position;
                String id = event.applicationId().toString();
                Document next = ApplicationFacts.apply(facts.get(id), event, at, T.plusSeconds(at));
                facts.put(id, next);
                ReplayedEvent e =
                        new ReplayedEvent(event, at, T.plusSeconds(at), at, "event-" + at, MetaData.emptyInstance());
                for (String code : MunicipalityView.affected(event, next)) {
                    ReplayedEvent.Fold fold = (v, ev, p, ts) -> MunicipalityView.apply(v, code, ev, p, ts, next);
                    whole.put(code, e.applyTo(whole.get(code), fold));
                    String entryId = MunicipalityEntries.id(code, id);
                    Document before = entries.get(entryId);
                    Document after = MunicipalityEntries.apply(before, code, e, next);
                    if (before == null && after != null) {
                        index.put(code, MunicipalityEntries.indexed(index.get(code), code, id));
                    }
                    entries.put(entryId, after);
                }
            }
            return this;
        }

        Document assembled(String code, boolean withProvenance) {
            List<Document> ordered = new ArrayList<>();
            for (String applicationId : MunicipalityEntries.applications(index.get(code))) {
                Document entry = entries.get(MunicipalityEntries.id(code, applicationId));
                ordered.add(withProvenance ? entry : Provenance.without(entry));
            }
            return MunicipalityEntries.assemble(code, ordered, withProvenance);
        }
    }

    private static Both story() {
        return new Both()
                .given(opened("a"), joined("a", "0162"), openedFor("b", "Språkstöd", "0191", "0162", "0187"))
                .given(delegated("a", "0162", LocalDate.of(2023, 10, 31)), joined("b", "0187"), declined("a", "0187"))
                .given(corrected("a", "0162", "§ 45", "§ 46"), signed("a", "0162", "bme", "Britt-Marie Ekström"))
                .given(joined("a", "0160"), withdrew("a", "0160"), budget("a", "0162", 2024, 100_000))
                .given(delegated("b", "0187", null), revoked("b", "0187"), invited("b", "0160"))
                .given(openedFor("c", "Tolkning", "0191", "0162"), joined("c", "0162"))
                .given(submitted("a", "0191", "0162"), granted("a"), interimReport("a"));
    }

    @Test
    void givenAStoryOfThreeApplications_thenEachAssembledViewEqualsTheWholeDocument() {
        Both story = story();

        assertThat(story.whole).isNotEmpty();
        for (String code : story.whole.keySet()) {
            Document whole = Provenance.without(story.whole.get(code));
            assertThat(story.assembled(code, false)).as("municipality %s", code).isEqualTo(whole);
            assertThat(MunicipalityView.asOf(story.assembled(code, false), LocalDate.of(2023, 11, 1)))
                    .as("municipality %s as served on a day", code)
                    .isEqualTo(MunicipalityView.asOf(whole, LocalDate.of(2023, 11, 1)));
        }
        Document sigtuna = story.assembled("0191", false);
        assertThat(sigtuna.getList("applications", Document.class))
                .extracting(e -> e.getString("applicationId"))
                .containsExactly("a", "b", "c");
        assertThat(sigtuna.getLong("revision"))
                .isEqualTo(story.whole.get("0191").getLong("revision"));
    }

    @Test
    void givenAStoryOfThreeApplications_thenEveryFieldNamesTheEventsTheWholeDocumentRecorded() {
        Both story = story();

        for (String code : story.whole.keySet()) {
            Provenance.Recorded whole = Provenance.Recorded.of(story.whole.get(code));
            Provenance.Recorded assembled = Provenance.Recorded.of(story.assembled(code, true));
            Map<String, List<Long>> expected = new LinkedHashMap<>(whole.fields());
            Map<String, List<Long>> actual = new LinkedHashMap<>(assembled.fields());
            // The whole list as one leaf exists only while it is empty: in an entry's document it is empty when that
            // entry has nothing to do, so it is recorded differently (doc/provenance.md).
            expected.remove("todo");
            actual.remove("todo");
            Map<String, String> differences = new LinkedHashMap<>();
            expected.forEach((path, setBy) -> {
                if (!setBy.equals(actual.get(path))) {
                    differences.put(path, setBy + " but " + actual.get(path));
                }
            });
            actual.keySet().stream()
                    .filter(path -> !expected.containsKey(path))
                    .forEach(path -> differences.put(path, "none but " + actual.get(path)));
            assertThat(differences)
                    .as("municipality %s: expected but assembled", code)
                    .isEmpty();
            assertThat(actual).as("municipality %s", code).isEqualTo(expected);
            assertThat(assembled.events().keySet())
                    .as("municipality %s", code)
                    .containsExactlyElementsOf(whole.events().keySet());
        }
    }

    @Test
    void givenAnEventAlreadyReflected_thenNoEntryChanges() {
        Both story = story();
        Map<String, Document> before = new LinkedHashMap<>(story.entries);

        story.position = 3; // redelivered from position 4 on: each entry reflects it already
        story.given(delegated("a", "0162", LocalDate.of(2023, 10, 31)));

        story.entries.forEach((id, entry) -> assertThat(entry).as(id).isSameAs(before.get(id)));
    }
}
