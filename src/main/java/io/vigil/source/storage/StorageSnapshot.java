package io.vigil.source.storage;

import java.time.Instant;
import java.util.List;

/**
 * The storage source's state, as REST and the WebSocket show it. Object counts and sizes are as of
 * {@code counted_at}: the server's own figures, or a listing made at most every {@code vigil.storage.inventory.interval}.
 *
 * @param endpoint the server's URL (scheme, host and port: never credentials)
 * @param latencyMs round trip of this check's first request
 * @param capacity null where neither the server nor the configuration gives a capacity
 * @param notes what the figures do not say: capped counts, buckets left out, usage figures not available
 */
public record StorageSnapshot(boolean configured, String endpoint, Double latencyMs, List<Bucket> buckets,
        Capacity capacity, List<String> notes, Instant ts) {

    /**
     * @param objects null until the bucket is first counted
     * @param capped whether the count stopped at {@code vigil.storage.inventory.max-objects}: objects and bytes are lower
     *        bounds
     * @param countedBy {@code server} (the server's usage figures) or {@code listing}
     * @param growthBytesPerHour change of bytes between the last two counts an inventory interval apart
     */
    public record Bucket(String name, boolean exists, Long objects, Long bytes, boolean capped, Instant countedAt,
            String countedBy, Double growthBytesPerHour) {
    }

    /** @param reportedBy {@code server}, or {@code configured} ({@code vigil.storage.capacity}, used = the buckets' bytes) */
    public record Capacity(long totalBytes, long usedBytes, long freeBytes, double usedPercent, String reportedBy) {
    }
}
