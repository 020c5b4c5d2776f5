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
     * Points of one series from {@code from} to {@code to}, averaged into steps. Raw history serves ranges it covers
     * (starting within {@code vigil.history.window} of now); older ranges come from the roll-up, whose step is at
     * least one bucket.
     */
    public HistoryQuery.Result query(SeriesKey key, Instant from, Instant to, Duration step, Instant now) {
        Duration effective = effectiveStep(from, step, now);
        String resolution = rawCovers(from, now) ? "raw" : "rollup";
        SeriesHistory history = series.get(key);
        if (history == null) {
            return new HistoryQuery.Result(key, List.of(), resolution, effective);
        }
        List<HistoryPoint> points = rawCovers(from, now) ? history.raw(from.toEpochMilli(), to.toEpochMilli())
                : history.rollup(from.toEpochMilli(), to.toEpochMilli());
        return new HistoryQuery.Result(key, HistoryQuery.downsample(points, effective.toMillis()), resolution, effective);
    }

    /** The most points one series can give for a query, whatever it holds: the bound an answer is checked against. */
    public long pointsAtMost(Instant from, Instant to, Duration step, Instant now) {
        Duration finest = rawCovers(from, now) ? config.resolution() : config.rollupBucket();
        Duration effective = effectiveStep(from, step, now);
        long stepMs = Math.max(1, Math.max(effective.toMillis(), finest.toMillis()));
        return Duration.between(from, to).toMillis() / stepMs + 1;
    }

    private boolean rawCovers(Instant from, Instant now) {
        return !from.isBefore(now.minus(config.window()));
    }

    private Duration effectiveStep(Instant from, Duration step, Instant now) {
        return rawCovers(from, now) || step.compareTo(config.rollupBucket()) >= 0 ? step : config.rollupBucket();
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
