import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.hub.HistoryConfig;
import io.vigil.hub.HistoryStore;
import io.vigil.hub.Sample;

/**
 * Heap cost of the history store with a full window: creates a HistoryStore (60 min raw at 1 s, 1 min roll-up over
 * 24 h), fills N series with 24 h of samples at 1 s and reports heap used after GC before, after the first sample of
 * every series (the rings are preallocated then) and after the fill.
 *
 * Run with: java -cp "target/classes:target/quarkus-app/lib/main/*:target/quarkus-app/lib/boot/*" bench/HistoryFill.java [N] [hours]
 * (jboss-logging, which HistoryStore needs, is in lib/boot, not lib/main.)
 * Output: human-readable lines, plus "key=value" lines prefixed with "RESULT " for the harness.
 */
public class HistoryFill {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 24;

        HistoryConfig config = new HistoryConfig() {

            public Duration window() {
                return Duration.ofMinutes(60);
            }

            public Duration resolution() {
                return Duration.ofSeconds(1);
            }

            public Duration rollupBucket() {
                return Duration.ofMinutes(1);
            }

            public Duration rollupRetention() {
                return Duration.ofHours(24);
            }

            public int maxSeries() {
                return 1000;
            }

            public int maxSeriesPerSource() {
                return 1000;
            }
        };

        // Labels and names made once, so the loop allocates only what the store would see from a source anyway.
        List<String> names = new ArrayList<>(n);
        List<Map<String, String>> labels = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            names.add("bench.series." + s);
            labels.add(Map.of("i", String.valueOf(s)));
        }

        long before = usedAfterGc();
        HistoryStore store = new HistoryStore(config, new SimpleMeterRegistry());
        long seconds = hours * 3600L;
        Instant start = Instant.parse("2026-01-01T00:00:00Z");

        // First sample of every series: the rings are allocated in full here.
        store.record("bench", batch(names, labels, 0, start), start);
        long afterFirst = usedAfterGc();

        long t0 = System.nanoTime();
        for (long sec = 1; sec < seconds; sec++) {
            store.record("bench", batch(names, labels, sec, start.plusSeconds(sec)), start.plusSeconds(sec));
        }
        double fillSeconds = (System.nanoTime() - t0) / 1e9;
        long after = usedAfterGc();

        Map<String, Object> stats = store.stats();
        long allocated = ((Number) stats.get("bytes_allocated")).longValue();
        int series = ((Number) stats.get("series")).intValue();
        long samples = seconds * n;

        System.out.printf("series=%d samples=%d (%d h at 1 s) fill took %.1f s (%.2f M samples/s)%n", series, samples,
                hours, fillSeconds, samples / fillSeconds / 1e6);
        System.out.printf("heap used after GC: before %d B, after first sample %d B, after fill %d B%n", before,
                afterFirst, after);
        System.out.printf("per series: %d B after first sample, %d B fully filled; store's own estimate %d B%n",
                (afterFirst - before) / n, (after - before) / n, allocated / Math.max(1, series));
        System.out.println("RESULT series=" + series);
        System.out.println("RESULT samples=" + samples);
        System.out.println("RESULT fill_seconds=" + String.format("%.1f", fillSeconds));
        System.out.println("RESULT heap_before=" + before);
        System.out.println("RESULT heap_after_first=" + afterFirst);
        System.out.println("RESULT heap_after_fill=" + after);
        System.out.println("RESULT bytes_per_series_first=" + (afterFirst - before) / n);
        System.out.println("RESULT bytes_per_series_full=" + (after - before) / n);
        System.out.println("RESULT bytes_allocated=" + allocated);
        System.out.println("RESULT bytes_allocated_per_series=" + allocated / Math.max(1, series));
        // Keep the store reachable until the last measurement.
        java.lang.ref.Reference.reachabilityFence(store);
    }

    private static List<Sample> batch(List<String> names, List<Map<String, String>> labels, long sec, Instant ts) {
        List<Sample> out = new ArrayList<>(names.size());
        for (int s = 0; s < names.size(); s++) {
            // A value that varies over time and across series.
            double value = (sec * 31 + s * 17) % 1000 / 10.0;
            out.add(new Sample(names.get(s), labels.get(s), value, ts));
        }
        return out;
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
