package se.norrort.consortium.query.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;
import se.norrort.consortium.query.live.LiveStreams;

/** {@code norrort.live.streams}: the Server-Sent Event streams open on this instance. */
@Component
public class LiveStreamMetrics implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("norrort.live.streams", LiveStreams::open)
                .description("Live (Server-Sent Event) streams open on this instance")
                .register(registry);
    }
}
