package io.vigil.hub;

import java.util.ArrayList;
import java.util.List;

/**
 * The history of one series: a ring of raw points at collection resolution and a ring of roll-up buckets. Both are
 * allocated in full when the series is first seen, so memory is fixed by configuration, not by traffic. A point that
 * lands in the same resolution slot as the previous one replaces it, which bounds bursty sources too.
 */
final class SeriesHistory {

    /** Bytes per raw point and per roll-up bucket, for the memory estimate in the status. */
    static final int RAW_POINT_BYTES = 16;
    static final int BUCKET_BYTES = 36;

    private final long resolutionMs;
    private final long[] times;
    private final double[] values;
    private int rawHead;
    private int rawSize;

    private final long bucketMs;
    private final long[] bucketStarts;
    private final double[] bucketMin;
    private final double[] bucketMax;
    private final double[] bucketSum;
    private final int[] bucketCount;
    private int bucketHead;
    private int bucketSize;

    SeriesHistory(int rawCapacity, long resolutionMs, int bucketCapacity, long bucketMs) {
        this.resolutionMs = resolutionMs;
        this.times = new long[rawCapacity];
        this.values = new double[rawCapacity];
        this.bucketMs = bucketMs;
        this.bucketStarts = new long[bucketCapacity];
        this.bucketMin = new double[bucketCapacity];
        this.bucketMax = new double[bucketCapacity];
        this.bucketSum = new double[bucketCapacity];
        this.bucketCount = new int[bucketCapacity];
    }

    synchronized void add(long epochMs, double value) {
        if (rawSize > 0) {
            int last = index(rawHead, rawSize - 1, times.length);
            if (epochMs < times[last]) {
                return; // out of order: history only moves forward
            }
            if (epochMs / resolutionMs == times[last] / resolutionMs) {
                times[last] = epochMs;
                values[last] = value;
                addToBucket(epochMs, value);
                return;
            }
        }
        if (rawSize == times.length) {
            rawHead = (rawHead + 1) % times.length;
            rawSize--;
        }
        int slot = index(rawHead, rawSize, times.length);
        times[slot] = epochMs;
        values[slot] = value;
        rawSize++;
        addToBucket(epochMs, value);
    }

    private void addToBucket(long epochMs, double value) {
        long start = epochMs - Math.floorMod(epochMs, bucketMs);
        if (bucketSize > 0) {
            int last = index(bucketHead, bucketSize - 1, bucketStarts.length);
            if (bucketStarts[last] == start) {
                bucketMin[last] = Math.min(bucketMin[last], value);
                bucketMax[last] = Math.max(bucketMax[last], value);
                bucketSum[last] += value;
                bucketCount[last]++;
                return;
            }
        }
        if (bucketSize == bucketStarts.length) {
            bucketHead = (bucketHead + 1) % bucketStarts.length;
            bucketSize--;
        }
        int slot = index(bucketHead, bucketSize, bucketStarts.length);
        bucketStarts[slot] = start;
        bucketMin[slot] = value;
        bucketMax[slot] = value;
        bucketSum[slot] = value;
        bucketCount[slot] = 1;
        bucketSize++;
    }

    /** Raw points with {@code from <= ts <= to}, oldest first. */
    synchronized List<HistoryPoint> raw(long from, long to) {
        List<HistoryPoint> out = new ArrayList<>();
        for (int i = 0; i < rawSize; i++) {
            int slot = index(rawHead, i, times.length);
            if (times[slot] >= from && times[slot] <= to) {
                out.add(new HistoryPoint(times[slot], values[slot], values[slot], values[slot], 1));
            }
        }
        return out;
    }

    /** Roll-up buckets starting within {@code [from, to]}, oldest first; value is the bucket's mean. */
    synchronized List<HistoryPoint> rollup(long from, long to) {
        List<HistoryPoint> out = new ArrayList<>();
        for (int i = 0; i < bucketSize; i++) {
            int slot = index(bucketHead, i, bucketStarts.length);
            if (bucketStarts[slot] + bucketMs > from && bucketStarts[slot] <= to) {
                out.add(new HistoryPoint(bucketStarts[slot], bucketSum[slot] / bucketCount[slot], bucketMin[slot],
                        bucketMax[slot], bucketCount[slot]));
            }
        }
        return out;
    }

    synchronized long oldestRaw() {
        return rawSize == 0 ? Long.MAX_VALUE : times[rawHead];
    }

    long bytes() {
        return (long) times.length * RAW_POINT_BYTES + (long) bucketStarts.length * BUCKET_BYTES;
    }

    private static int index(int head, int offset, int capacity) {
        return (head + offset) % capacity;
    }
}
