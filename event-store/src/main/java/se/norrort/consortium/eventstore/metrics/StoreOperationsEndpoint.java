package se.norrort.consortium.eventstore.metrics;

import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code GET /actuator/storeoperations}: the MongoDB wire commands this service has sent since it started, by command
 * and collection (operators only, like every actuator endpoint but health). Read by the benchmark.
 */
@Endpoint(id = "storeoperations")
public class StoreOperationsEndpoint {

    private final StoreOperationCounter counter;

    public StoreOperationsEndpoint(StoreOperationCounter counter) {
        this.counter = counter;
    }

    @ReadOperation
    public Map<String, Long> operations() {
        return counter.snapshot();
    }
}
