package io.vigil.source.pipelines;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Results and their latencies over a sliding window: a ring of {@code buckets} slices of {@code window / buckets}
 * each, every slice with its own success and error counts and latency histogram. Consumer threads record without
 * locks (an HdrHistogram {@link Recorder} and atomic counters); {@link #read(Instant)} moves what was recorded since
 * the last read into the current slice, forgets slices older than the window and merges the rest. Memory is fixed by
 * the number of buckets, whatever the traffic.
 */
final class ResultWindow {

    /** Latencies are kept in microseconds, with two significant digits (1 %), up to an hour. */
    static final long HIGHEST_MICROS = Duration.ofHours(1).toNanos() / 1000;
    private static final int DIGITS = 2;

    private final long sliceMs;
    private final int slices;
    private final long createdMs;
    private final Recorder recorder = new Recorder(HIGHEST_MICROS, DIGITS);
    private final AtomicLong pendingSuccess = new AtomicLong();
    private final AtomicLong pendingErrors = new AtomicLong();

    private final long[] sliceStart;
    private final long[] success;
    private final long[] errors;
    private final Histogram[] latency;
    private final Histogram merged = new Histogram(HIGHEST_MICROS, DIGITS);
    private Histogram spare;

    ResultWindow(Duration window, int buckets, Instant created) {
        if (buckets < 1 || window.toMillis() < buckets) {
            throw new IllegalArgumentException("a window of " + window + " cannot hold " + buckets + " buckets");
        }
        this.slices = buckets;
        this.sliceMs = window.toMillis() / buckets;
        this.createdMs = created.toEpochMilli();
        this.sliceStart = new long[buckets];
        this.success = new long[buckets];
        this.errors = new long[buckets];
        this.latency = new Histogram[buckets];
        for (int i = 0; i < buckets; i++) {
            sliceStart[i] = Long.MIN_VALUE;
            latency[i] = new Histogram(HIGHEST_MICROS, DIGITS);
        }
    }

    /** Thread-safe and lock-free: called by the consumers for every result. */
    void record(boolean ok, Duration latencyTaken) {
        // Compared before converting: a span of centuries has no nanosecond count in a long.
        long micros = latencyTaken.compareTo(Duration.ofNanos(HIGHEST_MICROS * 1000)) >= 0
                ? HIGHEST_MICROS
                : Math.max(0, latencyTaken.toNanos() / 1000);
        recorder.recordValue(micros);
        (ok ? pendingSuccess : pendingErrors).incrementAndGet();
    }

    /** The window as of {@code now}; one reader at a time. */
    synchronized Reading read(Instant now) {
        long nowMs = now.toEpochMilli();
        long currentStart = Math.floorDiv(nowMs, sliceMs) * sliceMs;
        int current = slot(currentStart);
        if (sliceStart[current] != currentStart) {
            clear(current, currentStart);
        }
        spare = recorder.getIntervalHistogram(spare);
        latency[current].add(spare);
        success[current] += pendingSuccess.getAndSet(0);
        errors[current] += pendingErrors.getAndSet(0);

        long oldestKept = currentStart - (long) (slices - 1) * sliceMs;
        long ok = 0;
        long failed = 0;
        merged.reset();
        for (int i = 0; i < slices; i++) {
            if (sliceStart[i] >= oldestKept && sliceStart[i] <= currentStart) {
                ok += success[i];
                failed += errors[i];
                merged.add(latency[i]);
            }
        }
        long coveredMs = Math.max(0, nowMs - Math.max(oldestKept, createdMs));
        Latency l = merged.getTotalCount() == 0
                ? null
                : new Latency(seconds(merged.getValueAtPercentile(50)), seconds(merged.getValueAtPercentile(95)),
                        seconds(merged.getValueAtPercentile(99)), seconds(merged.getMaxValue()), merged.getTotalCount());
        return new Reading(ok, failed, coveredMs / 1000.0, l);
    }

    private int slot(long start) {
        return (int) Math.floorMod(Math.floorDiv(start, sliceMs), (long) slices);
    }

    private void clear(int i, long start) {
        sliceStart[i] = start;
        success[i] = 0;
        errors[i] = 0;
        latency[i].reset();
    }

    private static double seconds(long micros) {
        return micros / 1_000_000.0;
    }

    /** Counts and latency over the window; {@code coveredSeconds} is shorter than the window while it fills. */
    record Reading(long success, long errors, double coveredSeconds, Latency latency) {

        long count() {
            return success + errors;
        }

        double ratePerSecond() {
            return coveredSeconds <= 0 ? 0 : count() / coveredSeconds;
        }

        double errorRatio() {
            return count() == 0 ? 0 : (double) errors / count();
        }
    }
}
