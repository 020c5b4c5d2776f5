package io.vigil.hub;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vigil.log.LogSafe;

/** History of every series the hub has seen, bounded by {@link HistoryConfig}. */
@ApplicationScoped
public class HistoryStore {

    private static final Logger LOG = Logger.getLogger(HistoryStore.class);

    private final HistoryConfig config;
    private final Map<SeriesKey, SeriesHistory> series = new ConcurrentHashMap<>();
    private final AtomicLong refusedSamples = new AtomicLong();

    public HistoryStore(HistoryConfig config) {
        this.config = config;
        if (config.window().compareTo(config.resolution()) < 0) {
            throw new IllegalArgumentException("vigil.history.window must be at least vigil.history.resolution");
        }
    }

    public void record(List<Sample> samples) {
        for (Sample sample : samples) {
            if (Double.isNaN(sample.value())) {
                continue;
            }
            SeriesHistory history = series.get(sample.key());
            if (history == null) {
                if (series.size() >= config.maxSeries()) {
                    if (refusedSamples.getAndIncrement() == 0) {
                        LOG.warnf("History holds vigil.history.max-series=%d series; samples of %s and other new series are"
                                + " not kept", config.maxSeries(), LogSafe.escape(sample.key()));
                    }
                    continue;
                }
                history = series.computeIfAbsent(sample.key(), k -> newHistory());
            }
            history.add(sample.ts().toEpochMilli(), sample.value());
        }
    }

    private SeriesHistory newHistory() {
        int raw = (int) Math.max(1, config.window().toMillis() / config.resolution().toMillis());
        int buckets = (int) Math.max(1, config.rollupRetention().toMillis() / config.rollupBucket().toMillis());
        return new SeriesHistory(raw, config.resolution().toMillis(), buckets, config.rollupBucket().toMillis());
    }

    /** Series keys matching the selector: its name and at least its labels. */
    public List<SeriesKey> find(SeriesKey selector) {
        return series.keySet().stream()
                .filter(k -> k.matches(selector))
                .sorted(Comparator.comparing(SeriesKey::toString))
                .toList();
    }

    public List<String> names() {
        return series.keySet().stream().map(SeriesKey::name).distinct().sorted().toList();
    }

    /**
     * Points of one series over the window ending now, averaged into steps. Raw history serves windows it covers;
     * longer windows come from the roll-up, whose step is at least one bucket.
     */
    public HistoryQuery.Result query(SeriesKey key, Duration window, Duration step, Instant now) {
        SeriesHistory history = series.get(key);
        if (history == null) {
            return new HistoryQuery.Result(key, List.of(), "raw", step);
        }
        long to = now.toEpochMilli();
        long from = to - window.toMillis();
        boolean rawCovers = window.compareTo(config.window()) <= 0;
        if (rawCovers) {
            return new HistoryQuery.Result(key, HistoryQuery.downsample(history.raw(from, to), step.toMillis()), "raw", step);
        }
        Duration rollupStep = step.compareTo(config.rollupBucket()) < 0 ? config.rollupBucket() : step;
        return new HistoryQuery.Result(key, HistoryQuery.downsample(history.rollup(from, to), rollupStep.toMillis()), "rollup",
                rollupStep);
    }

    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("series", series.size());
        stats.put("max_series", config.maxSeries());
        stats.put("bytes_allocated", series.values().stream().mapToLong(SeriesHistory::bytes).sum());
        stats.put("refused_samples", refusedSamples.get());
        return stats;
    }

    public HistoryConfig config() {
        return config;
    }
}
