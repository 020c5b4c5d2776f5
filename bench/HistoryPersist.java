import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.hub.HistoryConfig;
import io.vigil.hub.HistoryStore;
import io.vigil.hub.Sample;
import io.vigil.hub.persist.HistoryPersistence;

/**
 * Cost of keeping the history across restarts: fills N series (default 1000) so that both rings are full (23 h at one
 * sample every 10 s, then 1 h at 1 s: 1,440 roll-up buckets and 3,600 raw points each, the default 60 min window and
 * 24 h roll-up), then writes the snapshot file several times and reads it back into a fresh store.
 *
 * Reports the file size (bytes per series), the time of a full write (median, min, max of the writes after a warm-up)
 * and of a read, and the heap the writing thread allocates per snapshot.
 *
 * Run with: java -cp "target/classes:target/quarkus-app/lib/main/*:target/quarkus-app/lib/boot/*" bench/HistoryPersist.java [N] [writes] [dir]
 * Output: human-readable lines, plus "key=value" lines prefixed with "RESULT " for the harness.
 */
public class HistoryPersist {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int writes = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("vigil-history-bench");
        Path file = dir.resolve("history.snapshot");

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
                return n;
            }

            public int maxSeriesPerSource() {
                return n;
            }
        };

        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Instant end = start.plus(Duration.ofHours(24));
        HistoryStore store = new HistoryStore(config, new SimpleMeterRegistry());
        long t0 = System.nanoTime();
        fill(store, n, start, end);
        System.out.printf("filled %d series in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);

        Clock clock = Clock.fixed(end, ZoneOffset.UTC);
        HistoryPersistence persistence = HistoryPersistence.inFile(file, store, clock);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] ms = new double[writes];
        long allocated = 0;
        persistence.save(); // warm-up
        for (int i = 0; i < writes; i++) {
            long a0 = threads.getCurrentThreadAllocatedBytes();
            long w0 = System.nanoTime();
            if (!persistence.save()) {
                throw new IllegalStateException("the snapshot was not written");
            }
            ms[i] = (System.nanoTime() - w0) / 1e6;
            allocated = threads.getCurrentThreadAllocatedBytes() - a0;
        }
        long bytes = Files.size(file);
        Arrays.sort(ms);

        HistoryStore restored = new HistoryStore(config, new SimpleMeterRegistry());
        long r0 = System.nanoTime();
        int series = HistoryPersistence.inFile(file, restored, clock).load();
        double readMs = (System.nanoTime() - r0) / 1e6;
        if (series != n) {
            throw new IllegalStateException("read back " + series + " of " + n + " series");
        }

        long inMemory = ((Number) store.stats().get("bytes_allocated")).longValue();
        System.out.printf("snapshot of %d full series: %d bytes (%d B per series; the rings take %d B per series in memory)%n",
                n, bytes, bytes / n, inMemory / n);
        System.out.printf("full write (temp file, fsync, rename), %d runs: median %.0f ms, min %.0f ms, max %.0f ms;"
                + " %.1f MB allocated per write%n", writes, ms[writes / 2], ms[0], ms[writes - 1], allocated / 1e6);
        System.out.printf("read back into a fresh store: %.0f ms%n", readMs);
        System.out.println("RESULT series=" + n);
        System.out.println("RESULT snapshot_bytes=" + bytes);
        System.out.println("RESULT snapshot_bytes_per_series=" + bytes / n);
        System.out.println("RESULT ring_bytes_per_series=" + inMemory / n);
        System.out.println("RESULT write_ms_median=" + String.format("%.0f", ms[writes / 2]));
        System.out.println("RESULT write_ms_min=" + String.format("%.0f", ms[0]));
        System.out.println("RESULT write_ms_max=" + String.format("%.0f", ms[writes - 1]));
        System.out.println("RESULT write_allocated_bytes=" + allocated);
        System.out.println("RESULT read_ms=" + String.format("%.0f", readMs));
        if (args.length <= 2) {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** One sample every 10 s for 23 h (6 per bucket), then one a second for the last hour; values like a CPU percentage (0.1 steps). */
    private static void fill(HistoryStore store, int n, Instant start, Instant end) {
        List<String> names = new ArrayList<>(n);
        List<Map<String, String>> labels = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            names.add("bench.series." + s % 50);
            labels.add(Map.of("i", String.valueOf(s)));
        }
        Random random = new Random(42);
        Instant rawFrom = end.minus(Duration.ofHours(1));
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(t.isBefore(rawFrom) ? 10 : 1)) {
            List<Sample> batch = new ArrayList<>(n);
            double phase = t.getEpochSecond() / 600.0;
            for (int s = 0; s < n; s++) {
                double value = Math.round((50 + 30 * Math.sin(phase + s) + random.nextGaussian() * 3) * 10) / 10.0;
                batch.add(new Sample(names.get(s), labels.get(s), value, t));
            }
            store.record("bench", batch, t);
        }
    }
}
