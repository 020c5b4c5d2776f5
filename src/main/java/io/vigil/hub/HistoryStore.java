package io.vigil.hub;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.log.LogSafe;

/**
 * History of every series the hub has seen, bounded by {@link HistoryConfig}. Series belong to the source that first
 * reported them. Three rules keep one source that invents series (a label per gateway id) from taking the room of
 * the others: each source holds at most {@code max-series-per-source}; a series nobody updated for longer than the
 * raw window is evicted; and when the store is full, a new series of a source holding fewer series than the largest
 * one takes the room of that source's least recently updated series. Samples that are not kept are counted per
 * source ({@code vigil.history.refused.samples}) and warned about at most once a minute per source.
 */
@ApplicationScoped
public class HistoryStore {

    private static final Logger LOG = Logger.getLogger(HistoryStore.class);
    static final String REFUSED_METRIC = "vigil.history.refused.samples";
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private final HistoryConfig config;
    private final MeterRegistry registry;
    private final Duration sweepEvery;
    private final Map<SeriesKey, Entry> series = new ConcurrentHashMap<>();
    /** Written only under this store's lock, by {@link #record}. */
    private final Map<String, Share> shares = new HashMap<>();
    private final AtomicLong refusedSamples = new AtomicLong();
    private final AtomicLong evictedSeries = new AtomicLong();
    private Instant nextSweep = Instant.MIN;

    public HistoryStore(HistoryConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
        if (config.window().compareTo(config.resolution()) < 0) {
            throw new IllegalArgumentException("vigil.history.window must be at least vigil.history.resolution");
        }
        if (config.maxSeriesPerSource() < 1 || config.maxSeries() < 1) {
            throw new IllegalArgumentException("vigil.history.max-series and max-series-per-source must be at least 1");
        }
        // Stale series go within a tenth of the window (at most a minute) of turning stale: cheap, and soon enough.
        Duration tenth = config.window().dividedBy(10);
        this.sweepEvery = tenth.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : tenth;
    }

    /** One series' history, who feeds it, and when it was last written (Vigil's clock, not the sample's). */
    private static final class Entry {

        final String source;
        final SeriesHistory history;
        volatile long lastUpdateMs;

        Entry(String source, SeriesHistory history) {
            this.source = source;
            this.history = history;
        }
    }

    /** What one source holds, and how often it was refused. */
    private static final class Share {

        int series;
        Counter refused;
        long unwarned;
        Instant nextWarning = Instant.MIN;
    }

    /** Keeps {@code samples} of {@code source}, received {@code now}. The hub is the only writer. */
    public synchronized void record(String source, List<Sample> samples, Instant now) {
        if (!now.isBefore(nextSweep)) {
            evictStale(now);
            nextSweep = now.plus(sweepEvery);
        }
        for (Sample sample : samples) {
            if (Double.isNaN(sample.value())) {
                continue;
            }
            SeriesKey key = sample.key();
            Entry entry = series.get(key);
            if (entry == null) {
                entry = admit(source, key);
                if (entry == null) {
                    refuse(source, key, now);
                    continue;
                }
            }
            entry.history.add(sample.ts().toEpochMilli(), sample.value());
            entry.lastUpdateMs = now.toEpochMilli();
        }
    }

    private Entry admit(String source, SeriesKey key) {
        return admit(source, key, newHistory());
    }

    private Entry admit(String source, SeriesKey key, SeriesHistory history) {
        Share share = share(source);
        if (share.series >= config.maxSeriesPerSource()) {
            return null;
        }
        if (series.size() >= config.maxSeries() && !takeRoomFromTheLargest(source, share)) {
            return null;
        }
        Entry entry = new Entry(source, history);
        series.put(key, entry);
        share.series++;
        return entry;
    }

    /**
     * The store is full: the source holding the most series gives up its least recently updated one, unless that
     * would leave it holding fewer than the newcomer's source. So every source can always hold its fair share.
     */
    private boolean takeRoomFromTheLargest(String source, Share share) {
        Map.Entry<String, Share> largest = shares.entrySet().stream()
                .max(Comparator.comparingInt((Map.Entry<String, Share> e) -> e.getValue().series)).orElseThrow();
        if (largest.getKey().equals(source) || largest.getValue().series <= share.series + 1) {
            return false;
        }
        series.entrySet().stream()
                .filter(e -> e.getValue().source.equals(largest.getKey()))
                .min(Comparator.comparingLong(e -> e.getValue().lastUpdateMs))
                .ifPresent(e -> evict(e.getKey(), e.getValue()));
        return true;
    }

    private void evictStale(Instant now) {
        long oldest = now.minus(config.window()).toEpochMilli();
        series.entrySet().removeIf(e -> {
            if (e.getValue().lastUpdateMs >= oldest) {
                return false;
            }
            share(e.getValue().source).series--;
            evictedSeries.incrementAndGet();
            return true;
        });
    }

    private void evict(SeriesKey key, Entry entry) {
        if (series.remove(key, entry)) {
            share(entry.source).series--;
            evictedSeries.incrementAndGet();
        }
    }

    private void refuse(String source, SeriesKey key, Instant now) {
        refusedSamples.incrementAndGet();
        Share share = share(source);
        share.refused.increment();
        if (now.isBefore(share.nextWarning)) {
            share.unwarned++;
            return;
        }
        share.nextWarning = now.plus(WARN_EVERY);
        String why = share.series >= config.maxSeriesPerSource()
                ? "it holds vigil.history.max-series-per-source=" + config.maxSeriesPerSource() + " series"
                : "history holds vigil.history.max-series=" + config.maxSeries() + " series and no source holds more than it";
        LOG.warnf("History keeps no new series of source %s (%s, e.g. %s)%s. Refused samples are counted in %s{source=\"%s\"};"
                + " series not updated for %s are evicted. Reported at most once a minute per source", source, why,
                LogSafe.escape(key), share.unwarned == 0 ? "" : "; " + share.unwarned + " more refused since the previous report",
                REFUSED_METRIC, source, config.window());
        share.unwarned = 0;
    }

    private Share share(String source) {
        return shares.computeIfAbsent(source, s -> {
            Share share = new Share();
            share.refused = Counter.builder(REFUSED_METRIC).tag("source", s)
                    .description("Samples the history did not keep because a series limit was reached")
                    .register(registry);
            return share;
        });
    }

    private SeriesHistory newHistory() {
        int raw = (int) Math.max(1, config.window().toMillis() / config.resolution().toMillis());
        int buckets = (int) Math.max(1, config.rollupRetention().toMillis() / config.rollupBucket().toMillis());
        return new SeriesHistory(raw, config.resolution().toMillis(), buckets, config.rollupBucket().toMillis());
    }

    /**
     * Hands a copy of every series to {@code consumer}, one series at a time, so a snapshot never holds more than one
     * copy. Recording goes on meanwhile: each copy is consistent in itself.
     */
    public void forEachSeries(Consumer<SeriesSnapshot> consumer) {
        for (Map.Entry<SeriesKey, Entry> e : series.entrySet()) {
            Entry entry = e.getValue();
            consumer.accept(entry.history.copy(e.getKey(), entry.source, entry.lastUpdateMs));
        }
    }

    /**
     * Takes back a series from a snapshot, as if its samples had been recorded: points older than the raw window or
     * the roll-up retention are dropped, a series not updated for the window is not taken (it would be evicted), nor
     * one already present (what was recorded since wins), and the series limits hold as for recording.
     *
     * @return whether the series was taken
     */
    public synchronized boolean restore(SeriesSnapshot snapshot, Instant now) {
        long lastUpdate = Math.min(snapshot.lastUpdateMs(), now.toEpochMilli());
        if (series.containsKey(snapshot.key()) || lastUpdate < now.minus(config.window()).toEpochMilli()) {
            return false;
        }
        SeriesHistory history = newHistory();
        history.restore(snapshot, now.minus(config.window()).toEpochMilli(),
                now.minus(config.rollupRetention()).toEpochMilli());
        if (history.isEmpty()) {
            return false;
        }
        Entry entry = admit(snapshot.source(), snapshot.key(), history);
        if (entry == null) {
            return false;
        }
        entry.lastUpdateMs = lastUpdate;
        return true;
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
        Entry entry = series.get(key);
        if (entry == null) {
            return new HistoryQuery.Result(key, List.of(), resolution, effective);
        }
        SeriesHistory history = entry.history;
        List<HistoryPoint> points = rawCovers(from, now)
                ? history.raw(from.toEpochMilli(), to.toEpochMilli())
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
        stats.put("bytes_allocated", series.values().stream().mapToLong(e -> e.history.bytes()).sum());
        stats.put("max_series_per_source", config.maxSeriesPerSource());
        stats.put("series_per_source", seriesPerSource());
        stats.put("refused_samples", refusedSamples.get());
        stats.put("evicted_series", evictedSeries.get());
        return stats;
    }

    private synchronized Map<String, Integer> seriesPerSource() {
        Map<String, Integer> out = new TreeMap<>();
        shares.forEach((source, share) -> out.put(source, share.series));
        return out;
    }

    public HistoryConfig config() {
        return config;
    }
}
