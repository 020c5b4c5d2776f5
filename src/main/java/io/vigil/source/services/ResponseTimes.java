package io.vigil.source.services;

import java.time.Duration;
import java.time.Instant;

import org.HdrHistogram.Histogram;

/**
 * One target's checks over a sliding window: a ring of {@code buckets} slices, each with its success and failure
 * counts and a histogram of response times (of every check that got an answer, failed or not). Memory is fixed by
 * the number of buckets. Time is passed in; callers serialise access (the target's owner does).
 */
final class ResponseTimes {

    /** Kept in microseconds, two significant digits (1 %), up to ten minutes. */
    private static final long HIGHEST_MICROS = Duration.ofMinutes(10).toNanos() / 1000;
    private static final int DIGITS = 2;

    /** Percentiles in seconds, over {@code samples} timed checks; {@code errorRatio} over all checks in the window. */
    record Reading(double p50, double p95, double p99, long samples, long checks, double errorRatio) {
    }

    private final long sliceMs;
    private final int slices;
    private final long[] sliceStart;
    private final long[] successes;
    private final long[] failures;
    private final Histogram[] times;
    private final Histogram merged = new Histogram(HIGHEST_MICROS, DIGITS);

    ResponseTimes(Duration window, int buckets) {
        if (buckets < 1 || window.toMillis() < buckets) {
            throw new IllegalArgumentException("a window of " + window + " cannot hold " + buckets + " buckets");
        }
        this.slices = buckets;
        this.sliceMs = window.toMillis() / buckets;
        this.sliceStart = new long[buckets];
        this.successes = new long[buckets];
        this.failures = new long[buckets];
        this.times = new Histogram[buckets];
        for (int i = 0; i < buckets; i++) {
            sliceStart[i] = Long.MIN_VALUE;
            times[i] = new Histogram(HIGHEST_MICROS, DIGITS);
        }
    }

    /** @param responseTime null when the check got no answer to time (refused, timed out) */
    void record(boolean ok, Duration responseTime, Instant at) {
        int i = current(at.toEpochMilli());
        if (ok) {
            successes[i]++;
        } else {
            failures[i]++;
        }
        if (responseTime != null) {
            long micros = responseTime.compareTo(Duration.ofNanos(HIGHEST_MICROS * 1000)) >= 0
                    ? HIGHEST_MICROS
                    : Math.max(0, responseTime.toNanos() / 1000);
            times[i].recordValue(micros);
        }
    }

    /** The window as of {@code now}; null when no check fell into it. */
    Reading read(Instant now) {
        long nowMs = now.toEpochMilli();
        long currentStart = Math.floorDiv(nowMs, sliceMs) * sliceMs;
        long oldestKept = currentStart - (long) (slices - 1) * sliceMs;
        long ok = 0;
        long failed = 0;
        merged.reset();
        for (int i = 0; i < slices; i++) {
            if (sliceStart[i] >= oldestKept && sliceStart[i] <= currentStart) {
                ok += successes[i];
                failed += failures[i];
                merged.add(times[i]);
            }
        }
        if (ok + failed == 0) {
            return null;
        }
        return new Reading(seconds(merged.getValueAtPercentile(50)), seconds(merged.getValueAtPercentile(95)),
                seconds(merged.getValueAtPercentile(99)), merged.getTotalCount(), ok + failed, (double) failed / (ok + failed));
    }

    private int current(long nowMs) {
        long start = Math.floorDiv(nowMs, sliceMs) * sliceMs;
        int i = (int) Math.floorMod(Math.floorDiv(start, sliceMs), (long) slices);
        if (sliceStart[i] != start) {
            sliceStart[i] = start;
            successes[i] = 0;
            failures[i] = 0;
            times[i].reset();
        }
        return i;
    }

    private static double seconds(long micros) {
        return micros / 1_000_000.0;
    }
}
