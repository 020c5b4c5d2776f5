package io.vigil.hub.persist;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.hub.HistoryConfig;
import io.vigil.hub.HistoryPoint;
import io.vigil.hub.HistoryStore;
import io.vigil.hub.Sample;
import io.vigil.hub.SeriesKey;

/** A small history (10 min raw at 1 s, 1 min roll-up over 2 h) and helpers to fill and read it. */
final class TestHistory {

    static final Duration WINDOW = Duration.ofMinutes(10);
    static final Duration RETENTION = Duration.ofHours(2);
    static final SeriesKey CPU = SeriesKey.parse("host.cpu.percent");
    static final SeriesKey GPU = SeriesKey.parse("host.gpu.memory.percent{gpu=\"0\"}");

    private TestHistory() {
    }

    record Config(Duration window, Duration rollupRetention) implements HistoryConfig {

        @Override
        public Duration resolution() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration rollupBucket() {
            return Duration.ofMinutes(1);
        }

        @Override
        public int maxSeries() {
            return 100;
        }

        @Override
        public int maxSeriesPerSource() {
            return 100;
        }
    }

    static HistoryStore store() {
        return new HistoryStore(new Config(WINDOW, RETENTION), new SimpleMeterRegistry());
    }

    /** One sample of both series every second over {@code [from, to)}, the value being the second's number. */
    static void fill(HistoryStore store, Instant from, Instant to) {
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(1)) {
            double v = t.getEpochSecond() % 1000;
            store.record("host", List.of(new Sample(CPU.name(), CPU.labels(), v, t),
                    new Sample(GPU.name(), Map.of("gpu", "0"), v / 2, t)), t);
        }
    }

    static List<HistoryPoint> raw(HistoryStore store, SeriesKey key, Instant now) {
        return store.query(key, now.minus(WINDOW), now, Duration.ofSeconds(1), now).points();
    }

    static List<HistoryPoint> rollup(HistoryStore store, SeriesKey key, Instant now) {
        return store.query(key, now.minus(RETENTION), now, Duration.ofMinutes(1), now).points();
    }
}
