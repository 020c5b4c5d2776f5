package io.vigil.hub;

/**
 * A copy of one series' history, oldest first: what persistence writes and reads back. The arrays are the copy's own;
 * nothing else holds them.
 *
 * @param lastUpdateMs when the series was last written (Vigil's clock), which decides its eviction
 */
public record SeriesSnapshot(SeriesKey key, String source, long lastUpdateMs, long[] rawTimes, double[] rawValues,
        long[] bucketStarts, double[] bucketMin, double[] bucketMax, double[] bucketSum, int[] bucketCount) {

    public SeriesSnapshot {
        if (rawTimes.length != rawValues.length) {
            throw new IllegalArgumentException("raw times and values differ in length");
        }
        int buckets = bucketStarts.length;
        if (bucketMin.length != buckets || bucketMax.length != buckets || bucketSum.length != buckets
                || bucketCount.length != buckets) {
            throw new IllegalArgumentException("roll-up columns differ in length");
        }
    }
}
