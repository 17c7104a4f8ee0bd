package se.norrort.consortium.query.bench;

import org.springframework.test.context.TestPropertySource;

/**
 * The same code configured as the read side was before batching: batches of one event, processors on Axon's
 * embedded event store with its default 1 s fetch delay (and the pooled processor's 500 ms look when its stream
 * cannot call back), no dead-letter cache, a rebuild that writes after every event.
 */
@TestPropertySource(
        properties = {
            "axon.eventhandling.processors.membership.batch-size=1",
            "axon.eventhandling.processors.municipality.batch-size=1",
            "axon.eventhandling.processors.funder-applications.batch-size=1",
            "axon.eventhandling.processors.audit-trail.batch-size=1",
            "axon.eventhandling.processors.membership.source=eventStore",
            "axon.eventhandling.processors.municipality.source=eventStore",
            "axon.eventhandling.processors.funder-applications.source=eventStore",
            "axon.eventhandling.processors.audit-trail.source=eventStore",
            "norrort.query.fetch-delay=1000ms",
            "norrort.query.dead-letter-cache=false",
            "norrort.query.rebuild-batch-events=1"
        })
class ProjectionBaselineBenchmarkTest extends ProjectionBenchmark {

    @Override
    String name() {
        return "baseline";
    }

    @Override
    int rebuildEvents() {
        return Integer.getInteger("bench.baselineRebuildEvents", 5_000);
    }
}
