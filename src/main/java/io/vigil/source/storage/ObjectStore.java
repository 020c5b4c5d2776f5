package io.vigil.source.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the storage source asks of an S3-compatible server. Every call is blocking and may throw when it is away. */
interface ObjectStore extends AutoCloseable {

    /** The buckets the credentials can see, by name. */
    List<String> bucketNames() throws Exception;

    boolean bucketExists(String bucket) throws Exception;

    /** Lists the bucket up to {@code maxObjects} objects and adds them up. */
    Count count(String bucket, int maxObjects) throws Exception;

    /** The server's own usage figures, where it has them and the credentials may read them. */
    Optional<ServerUsage> serverUsage() throws Exception;

    @Override
    void close();

    /** @param capped whether the listing stopped at its limit: the figures are then lower bounds */
    record Count(long objects, long bytes, boolean capped) {
    }

    /**
     * Figures a server keeps itself (MinIO updates them in the background every few minutes).
     *
     * @param buckets per bucket, its objects and bytes
     * @param capacityBytes usable capacity, null where not reported
     * @param freeBytes usable free capacity, null where not reported
     */
    record ServerUsage(Map<String, Count> buckets, Long capacityBytes, Long freeBytes) {
    }
}
