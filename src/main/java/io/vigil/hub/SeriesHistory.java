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
        if (addRaw(epochMs, value)) {
            long start = epochMs - Math.floorMod(epochMs, bucketMs);
            addToBucket(start, value, value, value, 1);
        }
    }

    /** Keeps a raw point; false when it is older than the newest one (history only moves forward). */
    private boolean addRaw(long epochMs, double value) {
        if (rawSize > 0) {
            int last = index(rawHead, rawSize - 1, times.length);
            if (epochMs < times[last]) {
                return false;
            }
            if (epochMs / resolutionMs == times[last] / resolutionMs) {
                times[last] = epochMs;
                values[last] = value;
                return true;
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
        return true;
    }

    /** Merges a bucket's aggregate into the bucket starting at {@code start}; older buckets than the newest are ignored. */
    private void addToBucket(long start, double min, double max, double sum, int count) {
        if (bucketSize > 0) {
            int last = index(bucketHead, bucketSize - 1, bucketStarts.length);
            if (bucketStarts[last] == start) {
                bucketMin[last] = Math.min(bucketMin[last], min);
                bucketMax[last] = Math.max(bucketMax[last], max);
                bucketSum[last] += sum;
                bucketCount[last] += count;
                return;
            }
            if (start < bucketStarts[last]) {
                return;
            }
        }
        if (bucketSize == bucketStarts.length) {
            bucketHead = (bucketHead + 1) % bucketStarts.length;
            bucketSize--;
        }
        int slot = index(bucketHead, bucketSize, bucketStarts.length);
        bucketStarts[slot] = start;
        bucketMin[slot] = min;
        bucketMax[slot] = max;
        bucketSum[slot] = sum;
        bucketCount[slot] = count;
        bucketSize++;
    }

    /** A copy of both rings, oldest first, taken at once: the series may go on being written meanwhile. */
    synchronized SeriesSnapshot copy(SeriesKey key, String source, long lastUpdateMs) {
        long[] rawTimes = new long[rawSize];
        double[] rawValues = new double[rawSize];
        for (int i = 0; i < rawSize; i++) {
            int slot = index(rawHead, i, times.length);
            rawTimes[i] = times[slot];
            rawValues[i] = values[slot];
        }
        long[] starts = new long[bucketSize];
        double[] min = new double[bucketSize];
        double[] max = new double[bucketSize];
        double[] sum = new double[bucketSize];
        int[] count = new int[bucketSize];
        for (int i = 0; i < bucketSize; i++) {
            int slot = index(bucketHead, i, bucketStarts.length);
            starts[i] = bucketStarts[slot];
            min[i] = bucketMin[slot];
            max[i] = bucketMax[slot];
            sum[i] = bucketSum[slot];
            count[i] = bucketCount[slot];
        }
        return new SeriesSnapshot(key, source, lastUpdateMs, rawTimes, rawValues, starts, min, max, sum, count);
    }

    /**
     * Takes in a snapshot's points at this history's resolution and bucket width: raw points before {@code rawFrom}
     * and buckets ending at or before {@code bucketFrom} are dropped, as they would have left the rings by now.
     */
    synchronized void restore(SeriesSnapshot snapshot, long rawFrom, long bucketFrom) {
        for (int i = 0; i < snapshot.rawTimes().length; i++) {
            if (snapshot.rawTimes()[i] >= rawFrom) {
                addRaw(snapshot.rawTimes()[i], snapshot.rawValues()[i]);
            }
        }
        for (int i = 0; i < snapshot.bucketStarts().length; i++) {
            long start = snapshot.bucketStarts()[i] - Math.floorMod(snapshot.bucketStarts()[i], bucketMs);
            if (start + bucketMs > bucketFrom && snapshot.bucketCount()[i] > 0) {
                addToBucket(start, snapshot.bucketMin()[i], snapshot.bucketMax()[i], snapshot.bucketSum()[i],
                        snapshot.bucketCount()[i]);
            }
        }
    }

    synchronized boolean isEmpty() {
        return rawSize == 0 && bucketSize == 0;
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
