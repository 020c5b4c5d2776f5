package io.vigil.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Series cardinality: per-source limits, eviction of series nobody updates, and no source starving another. */
class HistoryStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private HistoryStore store(int maxSeries, int maxPerSource) {
        return new HistoryStore(new Config(Duration.ofMinutes(1), maxSeries, maxPerSource), registry);
    }

    @Test
    void aNoisySourceIsCappedAtItsOwnLimitAndTheRefusalsAreCounted() {
        HistoryStore store = store(100, 4);
        store.record("pipelines", gateways(0, 10, T0), T0);
        store.record("host", List.of(Sample.of("host.cpu.percent", 12, T0)), T0);

        assertThat(store.find(SeriesKey.parse("pipelines.gateway.clients"))).hasSize(4);
        assertThat(store.find(SeriesKey.parse("host.cpu.percent"))).hasSize(1);
        assertThat(refused("pipelines")).isEqualTo(6);
        assertThat(refused("host")).isZero();
    }

    @Test
    void seriesNotUpdatedForLongerThanTheWindowAreEvictedAndTheirRoomReused() {
        HistoryStore store = store(100, 4);
        store.record("pipelines", gateways(0, 4, T0), T0);
        Instant later = T0.plusSeconds(30);
        store.record("pipelines", List.of(new Sample("pipelines.count", Map.of("pipeline", "face"), 1, later)), later);
        assertThat(refused("pipelines")).isEqualTo(1);

        // The gateways went quiet; a new one arrives after more than a window: the old ones make room for it.
        Instant afterWindow = T0.plus(Duration.ofMinutes(3));
        store.record("pipelines", gateways(100, 1, afterWindow), afterWindow);
        store.record("pipelines", List.of(new Sample("pipelines.count", Map.of("pipeline", "face"), 2, afterWindow)),
                afterWindow);

        assertThat(store.find(SeriesKey.parse("pipelines.gateway.clients")))
                .containsExactly(new SeriesKey("pipelines.gateway.clients", Map.of("gateway", "gw-100")));
        assertThat(store.find(SeriesKey.parse("pipelines.count"))).hasSize(1);
        assertThat(refused("pipelines")).isEqualTo(1);
    }

    @Test
    void aSeriesUpdatedWithinTheWindowIsKept() {
        HistoryStore store = store(100, 10);
        store.record("host", List.of(Sample.of("host.cpu.percent", 1, T0)), T0);
        store.record("host", List.of(Sample.of("host.mem.percent", 1, T0)), T0);
        Instant almost = T0.plusSeconds(50);
        store.record("host", List.of(Sample.of("host.cpu.percent", 2, almost)), almost);
        Instant later = T0.plusSeconds(110);
        store.record("host", List.of(Sample.of("host.cpu.percent", 3, later)), later);

        assertThat(store.names()).containsExactly("host.cpu.percent");
    }

    @Test
    void theHostAndExperimentsAreNeverStarvedByANoisySource() {
        HistoryStore store = store(20, 20);
        for (int second = 0; second < 5; second++) {
            Instant now = T0.plusSeconds(second);
            store.record("pipelines", gateways(second * 100, 50, now), now);
        }
        Instant now = T0.plusSeconds(6);
        store.record("host", List.of(Sample.of("host.cpu.percent", 10, now), Sample.of("host.mem.percent", 20, now)), now);
        store.record("experiments", List.of(Sample.of("experiments.running", 1, now)), now);

        assertThat(store.find(SeriesKey.parse("host.cpu.percent"))).hasSize(1);
        assertThat(store.find(SeriesKey.parse("host.mem.percent"))).hasSize(1);
        assertThat(store.find(SeriesKey.parse("experiments.running"))).hasSize(1);
        assertThat(refused("host")).isZero();
        assertThat(refused("experiments")).isZero();
        assertThat(refused("pipelines")).isPositive();
        assertThat((int) store.stats().get("series")).isLessThanOrEqualTo(20);
    }

    private double refused(String source) {
        var counter = registry.find("vigil.history.refused.samples").tag("source", source).counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<Sample> gateways(int first, int n, Instant ts) {
        List<Sample> out = new ArrayList<>();
        for (int i = first; i < first + n; i++) {
            out.add(new Sample("pipelines.gateway.clients", Map.of("gateway", "gw-" + i), 1, ts));
        }
        return out;
    }

    record Config(Duration window, int maxSeries, int maxSeriesPerSource) implements HistoryConfig {

        @Override
        public Duration resolution() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration rollupBucket() {
            return Duration.ofMinutes(1);
        }

        @Override
        public Duration rollupRetention() {
            return Duration.ofHours(1);
        }
    }
}
