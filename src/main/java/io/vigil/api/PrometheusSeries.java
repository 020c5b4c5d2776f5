package io.vigil.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vigil.hub.HubMessage;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.Sample;
import io.vigil.hub.SeriesKey;
import io.vigil.hub.SourceHealth;
import io.vigil.hub.SourceStatus;
import io.vigil.lifecycle.Started;

/**
 * Every series of the stream as a Prometheus gauge at /q/metrics, named as in the stream with '_' for '.'
 * ({@code host.cpu.percent} → {@code host_cpu_percent}), plus {@code vigil_source_up{source}}.
 */
@ApplicationScoped
public class PrometheusSeries {

    private final MetricsHub hub;
    private final MeterRegistry registry;
    private final Map<SeriesKey, LatestValue> gauges = new ConcurrentHashMap<>();

    public PrometheusSeries(MetricsHub hub, MeterRegistry registry) {
        this.hub = hub;
        this.registry = registry;
    }

    void start(@Observes Started event) {
        for (String source : hub.sourceNames()) {
            Gauge.builder("vigil.source.up", hub, h -> h.health(source).map(PrometheusSeries::up).orElse(0.0))
                    .description("1 when the source is UP or DEGRADED")
                    .tag("source", source)
                    .register(registry);
        }
        Gauge.builder("vigil.hub.dropped_for_slow_subscribers", hub, MetricsHub::droppedForSlowConsumers)
                .description("Messages dropped because a subscriber fell too far behind")
                .register(registry);
        Gauge.builder("vigil.hub.conflated_for_slow_subscribers", hub, MetricsHub::conflatedForSlowConsumers)
                .description("Updates replaced by a newer one before a slow subscriber took them")
                .register(registry);
        hub.messages().subscribe().with(message -> {
            if (message instanceof HubMessage.Update update) {
                update.update().samples().forEach(this::set);
            }
        });
    }

    private void set(Sample sample) {
        gauges.computeIfAbsent(sample.key(), this::register).value = sample.value();
    }

    private LatestValue register(SeriesKey key) {
        LatestValue holder = new LatestValue();
        Tags tags = Tags.empty();
        for (Map.Entry<String, String> label : key.labels().entrySet()) {
            tags = tags.and(label.getKey(), label.getValue());
        }
        // A HELP line for each: Prometheus' linter asks for one, and it names the series as the stream and rules do.
        Gauge.builder(key.name(), holder, h -> h.value).tags(tags).strongReference(true)
                .description("Latest sample of Vigil's stream series " + key.name())
                .register(registry);
        return holder;
    }

    private static double up(SourceHealth health) {
        return health.status() == SourceStatus.UP || health.status() == SourceStatus.DEGRADED ? 1 : 0;
    }

    private static final class LatestValue {

        volatile double value = Double.NaN;
    }
}
