package se.norrort.consortium.query.bench;

/** The read side as configured ({@code query-service.yml}): batches of up to 1000, the waking source, 20 ms fetch. */
class ProjectionBatchedBenchmarkTest extends ProjectionBenchmark {

    @Override
    String name() {
        return "batched";
    }

    @Override
    int rebuildEvents() {
        return Integer.getInteger("bench.rebuildEvents", 50_000);
    }
}
