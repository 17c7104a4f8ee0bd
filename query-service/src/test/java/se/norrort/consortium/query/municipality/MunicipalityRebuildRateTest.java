package se.norrort.consortium.query.municipality;

import static org.assertj.core.api.Assertions.assertThat;
import static se.norrort.consortium.query.TestEvents.seedStory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.norrort.consortium.api.events.ConsortiumEvent;
import se.norrort.consortium.query.CatchUp;
import se.norrort.consortium.query.QueryApiTestBase;
import se.norrort.consortium.query.projection.rebuild.ProjectionRebuilder;

/**
 * A measurement, not a check (tagged {@code benchmark}: only with {@code -Pbenchmark}): how fast the municipality
 * view catches up live and rebuilds from the log when one municipality (the owner, Sigtuna) is in every application.
 * Prints events/s and the process's CPU time per event rebuilt; asserts only that the view caught up and the rebuild finished. Rerun with
 * <pre>
 * ./mvnw -B -Pbenchmark -pl query-service -am verify -Dtest=MunicipalityRebuildRateTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.municipalityApplications=100]
 * </pre>
 * Each application is the seed story (46 events, 15 municipalities).
 */
@Tag("benchmark")
class MunicipalityRebuildRateTest extends QueryApiTestBase {

    private static final Duration PATIENCE = Duration.ofMinutes(20);

    @Autowired
    ProjectionRebuilder rebuilder;

    @Test
    void rebuildRateWithManyApplicationsOfOneOwner() throws InterruptedException {
        int applications = Integer.getInteger("bench.municipalityApplications", 60);
        long t0 = System.nanoTime();
        int events = 0;
        for (int i = 0; i < applications; i++) {
            String id = "rate-" + i;
            List<ConsortiumEvent> story = seedStory(id);
            List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
            for (int s = 0; s < story.size(); s++) {
                messages.add(new GenericDomainEventMessage<>(
                        "ConsortiumApplication", id, s, story.get(s), MetaData.from(Map.of("actorId", "bench"))));
            }
            eventStore.publish(messages);
            events += story.size();
        }
        long last =
                eventLog.readStream("rate-" + (applications - 1), 45, 1).get(0).position();
        CatchUp.get(web, "/api/municipalities/0191?minPosition=" + last)
                .expectStatus()
                .isOk();
        double live = (System.nanoTime() - t0) / 1e9;

        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long r0 = System.nanoTime();
        rebuilder.start(MunicipalityProjection.VIEW, null).block(Duration.ofSeconds(30));
        Document progress;
        do {
            Thread.sleep(50);
            progress = rebuilder.progress(MunicipalityProjection.VIEW).block(Duration.ofSeconds(30));
        } while (List.of("REPLAYING", "SWITCHING").contains(progress.getString("state"))
                && System.nanoTime() - r0 < PATIENCE.toNanos());
        double rebuild = (System.nanoTime() - r0) / 1e9;
        long done = ((Number) progress.get("eventsDone")).longValue();
        // the CPU the whole process (view service and embedded store) spent while rebuilding: steadier than the
        // elapsed time on a machine shared with others, and what a faster fold saves even when the store bounds it
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;

        System.out.printf(
                "Municipality view, %d applications of one owner (%,d events): appended and projected live in %.1f s"
                        + " (%,.0f events/s); rebuilt %,d events in %.1f s = %,.0f events/s (%s), %.1f s of CPU ="
                        + " %.0f µs of CPU per event%n",
                applications,
                events,
                live,
                events / live,
                done,
                rebuild,
                done / rebuild,
                progress.getString("state"),
                cpu,
                cpu * 1e6 / done);
        assertThat(progress.getString("state")).isEqualTo("DONE");
    }
}
