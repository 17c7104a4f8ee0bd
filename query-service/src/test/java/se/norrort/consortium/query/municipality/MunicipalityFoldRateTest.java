package se.norrort.consortium.query.municipality;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.seedStory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.query.projection.ReplayedEvent;
import se.norrort.consortium.query.projection.StoredDocuments;

/**
 * A measurement, not a check (tagged {@code benchmark}: only with {@code -Pbenchmark}): the CPU the municipality
 * view's fold takes per event, without the store, as a rebuild's batch applies it (each step given the document the
 * one before made; facts and entries in memory). It is the part of a rebuild that the fold's own code decides; the
 * store's share is what {@link MunicipalityRebuildRateTest} adds. Both ways in one run, interleaved round by round:
 * folding from the records the batch remembers ({@link MunicipalityRecords}, what the projection does) and decoding
 * every document again for each event (as before those records). Prints the thread's CPU per event of each and their
 * ratio. Rerun with
 * <pre>
 * ./mvnw -B -Pbenchmark -pl query-service verify -Dtest=MunicipalityFoldRateTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.foldApplications=300] [-Dbench.foldRounds=5]
 * </pre>
 */
@Tag("benchmark")
class MunicipalityFoldRateTest {

    @Test
    void foldCostPerEvent() {
        int applications = Integer.getInteger("bench.foldApplications", 300);
        int rounds = Integer.getInteger("bench.foldRounds", 5);
        List<ReplayedEvent> log = log(applications);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        fold(log, true); // warm up both ways
        fold(log, false);
        long remembered = 0;
        long decoded = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = threads.getCurrentThreadCpuTime();
            Map<String, Document> withRecords = fold(log, true);
            long t1 = threads.getCurrentThreadCpuTime();
            Map<String, Document> decoding = fold(log, false);
            long t2 = threads.getCurrentThreadCpuTime();
            remembered += t1 - t0;
            decoded += t2 - t1;
            assertThat(withRecords).isEqualTo(decoding);
        }
        double perEventRemembered = remembered / 1e3 / rounds / log.size();
        double perEventDecoded = decoded / 1e3 / rounds / log.size();
        System.out.printf(
                "Municipality fold, %d applications (%,d events), %d rounds: from remembered records %.1f µs of CPU"
                        + " per event (%,.0f events/s of one core); decoding each document %.1f µs (%,.0f events/s);"
                        + " ratio %.2f×%n",
                applications,
                log.size(),
                rounds,
                perEventRemembered,
                1e6 / perEventRemembered,
                perEventDecoded,
                1e6 / perEventDecoded,
                perEventDecoded / perEventRemembered);
    }

    /** The entries and facts after folding the whole log in memory, as one batch. */
    private static Map<String, Document> fold(List<ReplayedEvent> log, boolean remember) {
        MunicipalityRecords records = remember ? MunicipalityRecords.create() : MunicipalityRecords.none();
        Map<String, Document> documents = new HashMap<>();
        for (ReplayedEvent e : log) {
            String applicationId = e.event().applicationId().toString();
            Document facts = records.applyToFacts(documents.get(applicationId), e.event(), e.position(), e.timestamp());
            documents.put(applicationId, facts);
            var typed = records.factsOf(facts);
            for (String code : MunicipalityView.affected(e.event(), typed)) {
                String id = MunicipalityEntries.id(code, applicationId);
                documents.put(id, MunicipalityEntries.apply(documents.get(id), code, e, typed, records));
            }
        }
        return documents;
    }

    private static List<ReplayedEvent> log(int applications) {
        List<ReplayedEvent> log = new ArrayList<>();
        for (int i = 0; i < applications; i++) {
            for (ConsortiumEvent event : seedStory("fold-" + i)) {
                long position = log.size() + 1;
                log.add(new ReplayedEvent(
                        event,
                        position,
                        StoredDocuments.at(position),
                        position,
                        "event-" + position,
                        MetaData.with("actorId", "officer-" + position)));
            }
        }
        return log;
    }
}
