package se.norrort.consortium.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.corrected;
import static se.norrort.consortium.query.TestEvents.joined;
import static se.norrort.consortium.query.TestEvents.opened;
import static se.norrort.consortium.query.TestEvents.signed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.MetadataKeys;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.query.membership.MembershipView;

/** The recorder: which leaf fields an event changed, under which paths, recorded once each, the same every time. */
class ProvenanceTest {

    private static final Instant T = Instant.parse("2023-09-21T10:00:00Z");

    @Test
    void givenNestedDocumentsAndKeyedArrays_whenAnEventChangesLeaves_thenExactlyThoseFieldsNameIt() {
        Document before = new Document("_id", "a")
                .append("counts", new Document("joined", 0L).append("invited", 2L))
                .append(
                        "members",
                        List.of(
                                new Document("code", "0162").append("signed", false),
                                new Document("code", "0191").append("signed", false)));
        Document after = ViewFields.copy(before);
        after.get("counts", Document.class).append("joined", 1L);
        after.getList("members", Document.class).get(0).append("signed", true);

        Document recorded = Provenance.record(before, after, ref(7, "ev-7"));

        Provenance.Recorded provenance = Provenance.Recorded.of(recorded);
        assertThat(provenance.fields()).containsOnlyKeys("counts.joined", "members[0162].signed");
        assertThat(provenance.fields().get("members[0162].signed")).containsExactly(7L);
        assertThat(provenance.events()).containsOnlyKeys(7L);
        assertThat(provenance.events().get(7L).getString("eventId")).isEqualTo("ev-7");
        assertThat(Provenance.flatten(recorded))
                .containsOnlyKeys(
                        "counts.joined", "counts.invited",
                        "members[0162].code", "members[0162].signed",
                        "members[0191].code", "members[0191].signed");
    }

    @Test
    void givenArraysWithoutAnIdentifyingField_orWithARepeatedKey_thenElementsAreKeyedByIndexOrOccurrence() {
        Document view = new Document("_id", "a")
                .append(
                        "decisionCorrections",
                        List.of(new Document("reason", "first"), new Document("reason", "second")))
                .append(
                        "reports",
                        List.of(
                                new Document("report", "INTERIM").append("dueDate", "2024-09-30"),
                                new Document("report", "INTERIM").append("dueDate", "2025-03-31"),
                                new Document("report", "FINAL").append("dueDate", "2026-02-28")))
                .append("budgetLines", List.of(new Document("year", 2024).append("amountSek", 400_000L)))
                .append("targetGroups", List.of("nyanlända"))
                .append("delegations", List.of())
                .append("granted", new Document());

        assertThat(Provenance.flatten(view))
                .containsOnlyKeys(
                        "decisionCorrections[0].reason",
                        "decisionCorrections[1].reason",
                        "reports[INTERIM].report",
                        "reports[INTERIM].dueDate",
                        "reports[INTERIM#2].report",
                        "reports[INTERIM#2].dueDate",
                        "reports[FINAL].report",
                        "reports[FINAL].dueDate",
                        "budgetLines[2024].year",
                        "budgetLines[2024].amountSek",
                        "targetGroups",
                        "delegations",
                        "granted");
    }

    @Test
    void givenAFieldRemoved_thenItsRemovalIsRecordedAndEarlierProvenanceKept() {
        Document first = Provenance.record(
                null,
                new Document("_id", "a").append("reason", "Budget cut").append("status", "WITHDRAWN"),
                ref(3, "ev-3"));
        Document second = ViewFields.copy(first);
        second.remove("reason");
        second.append("status", "JOINED");

        Document recorded = Provenance.record(first, second, ref(5, "ev-5"));

        Provenance.Recorded provenance = Provenance.Recorded.of(recorded);
        assertThat(provenance.fields().get("reason")).containsExactly(3L, 5L);
        assertThat(provenance.fields().get("status")).containsExactly(3L, 5L);
        assertThat(provenance.events()).containsOnlyKeys(3L, 5L);
        assertThat(recorded).doesNotContainKey("reason");
    }

    @Test
    void givenARedeliveredEvent_thenNothingIsRecordedTwice() {
        Document view = fold(null, opened("a"), 1);
        view = fold(view, joined("a", "0162"), 2);

        Document again =
                Provenance.apply(view, ref(2, "ev-2"), v -> MembershipView.apply(v, joined("a", "0162"), 2, T));
        assertThat(again).isSameAs(view);

        // A fold that is not idempotent by position would change the document again: the event is still listed once.
        Document changedAgain = ViewFields.copy(view).append("summary", "changed by the same event");
        Document recorded = Provenance.record(view, changedAgain, ref(2, "ev-2"));
        Provenance.Recorded provenance = Provenance.Recorded.of(recorded);
        assertThat(provenance.fields().get("summary")).containsExactly(1L, 2L);
        assertThat(provenance.fields().get("members[0162].status")).containsExactly(1L, 2L);
        assertThat(provenance.events()).containsOnlyKeys(1L, 2L);
    }

    @Test
    void givenTheSameEvents_whenFoldedTwice_thenTheDocumentsAreEqualAndTheFieldsNameTheirEvents() {
        List<ConsortiumEvent> story = List.of(
                opened("a"),
                joined("a", "0162"),
                signed("a", "0162", "bme", "Britt-Marie Ekström"),
                corrected("a", "0162", "§ 45", "§ 46"));
        Document once = null;
        Document twice = null;
        for (int i = 0; i < story.size(); i++) {
            once = fold(once, story.get(i), i + 1);
            twice = fold(twice, story.get(i), i + 1);
        }

        assertThat(twice).isEqualTo(once);
        Provenance.Recorded provenance = Provenance.Recorded.of(once);
        assertThat(provenance.fields().get("members[0162].signed")).containsExactly(1L, 3L);
        assertThat(provenance.fields().get("members[0162].decision.paragraph")).containsExactly(2L, 4L);
        assertThat(provenance.fields().get("members[0162].status")).containsExactly(1L, 2L);
        assertThat(provenance.fields().get("members[0191].status")).containsExactly(1L);
        assertThat(provenance.fields().get("summary")).containsExactly(1L, 2L, 3L);
        assertThat(provenance.fields().get("position")).containsExactly(1L, 2L, 3L, 4L);
        assertThat(provenance.events().get(3L).getString("delegationId")).isEqualTo("del-0162");
        assertThat(provenance.events().get(3L).get("actor", Document.class).getString("name"))
                .isEqualTo("Lina Holm");
        assertThat(provenance.events().get(2L).get("decision", Document.class).getString("paragraph"))
                .isEqualTo("§ 45");
        assertThat(provenance.events().get(4L).get("decision", Document.class).getString("paragraph"))
                .isEqualTo("§ 46");
        assertThat(provenance.events().get(4L).getString("type")).isEqualTo("DecisionReferenceCorrected");
        List<String> paths = new ArrayList<>(Provenance.flatten(once).keySet());
        assertThat(provenance.fields().keySet()).containsAll(paths);
    }

    @Test
    void givenAnIntAndALongOfTheSameValue_thenTheFieldIsUnchanged() {
        Document before = new Document("_id", "a").append("year", 2024).append("count", 3);
        Document after = new Document("_id", "a").append("year", 2024L).append("count", 4L);

        Map<String, List<Long>> fields = Provenance.Recorded.of(Provenance.record(before, after, ref(9, "ev-9")))
                .fields();

        assertThat(fields).containsOnlyKeys("count");
    }

    private static Document fold(Document view, ConsortiumEvent event, long position) {
        return Provenance.apply(
                view, ref(event, position), v -> MembershipView.apply(v, event, position, T.plusSeconds(position)));
    }

    private static Document ref(long position, String eventId) {
        return EventRef.of("a", eventId, position, position - 1, T, opened("a"), key -> null);
    }

    private static Document ref(ConsortiumEvent event, long position) {
        Map<String, String> metadata = Map.of(
                MetadataKeys.ACTOR_ID,
                "lina",
                MetadataKeys.ACTOR_NAME,
                "Lina Holm",
                MetadataKeys.ACTOR_ROLE,
                "MUNICIPALITY_OFFICER",
                MetadataKeys.ACTOR_MUNICIPALITY,
                "0162");
        return EventRef.of(
                "a", "ev-" + position, position, position - 1, T.plusSeconds(position), event, metadata::get);
    }

    @Test
    void givenRandomEdits_theWalkOverBothDocumentsFindsWhatComparingTheirFlattenedFieldsFinds() {
        java.util.Random random = new java.util.Random(11);
        int walked = 0;
        for (int round = 0; round < 2_000; round++) {
            Document before = randomDocument(random, 3);
            Document after = edit(random, before, 3);
            assertThat(Provenance.changedFields(before, after))
                    .as("round " + round + ": " + before + " -> " + after)
                    .isEqualTo(Provenance.changedByFlattening(before, after));
            if (Provenance.walkSuffices(before, after)) {
                walked++;
            }
        }
        // the comparison says something only where the walk answered without falling back to flattening, which it
        // does only where a sub-document and an array of sub-documents meet at one path
        assertThat(walked).as("rounds the walk answered alone").isGreaterThan(1_800);
    }

    private static Document randomDocument(java.util.Random random, int depth) {
        Document d = new Document("_id", "x");
        int fields = random.nextInt(4);
        for (int i = 0; i < fields; i++) {
            d.append("f" + random.nextInt(5), randomValue(random, depth));
        }
        return d;
    }

    private static Object randomValue(java.util.Random random, int depth) {
        int kind = depth <= 0 ? random.nextInt(3) : random.nextInt(6);
        switch (kind) {
            case 0:
                return (long) random.nextInt(3);
            case 1:
                return random.nextBoolean() ? null : "s" + random.nextInt(3);
            case 2:
                return random.nextInt(3);
            case 3: {
                Document d = new Document();
                int n = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    d.append("k" + random.nextInt(4), randomValue(random, depth - 1));
                }
                return d;
            }
            case 4: {
                List<Object> list = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    Document element = new Document();
                    if (random.nextInt(4) > 0) {
                        element.append("code", "c" + random.nextInt(3));
                    }
                    element.append("v", randomValue(random, depth - 1));
                    list.add(element);
                }
                return list;
            }
            default:
                return List.of(random.nextInt(3), random.nextInt(3));
        }
    }

    /** A copy of {@code value} with random changes, sharing the parts it leaves alone (as the folds do). */
    @SuppressWarnings("unchecked")
    private static <T> T edit(java.util.Random random, T value, int depth) {
        if (random.nextInt(3) == 0) {
            return value; // shared
        }
        if (value instanceof Document d) {
            Document copy = new Document();
            d.forEach((k, v) -> {
                int action = random.nextInt(10);
                if (action == 0 && !"_id".equals(k)) {
                    return; // removed
                }
                copy.append(
                        k, action == 1 && !"_id".equals(k) ? randomValue(random, depth) : edit(random, v, depth - 1));
            });
            if (random.nextInt(4) == 0) {
                copy.append("n" + random.nextInt(3), randomValue(random, depth));
            }
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object element : list) {
                if (random.nextInt(8) > 0) {
                    copy.add(edit(random, element, depth - 1));
                }
            }
            if (random.nextInt(4) == 0) {
                copy.add(new Document("code", "c" + random.nextInt(3)).append("v", randomValue(random, depth - 1)));
            }
            if (random.nextInt(4) == 0) {
                java.util.Collections.shuffle(copy, random); // elements move (a to-do list sorted again)
            }
            return (T) copy;
        }
        return random.nextInt(2) == 0 ? value : (T) randomValue(random, 0);
    }
}
