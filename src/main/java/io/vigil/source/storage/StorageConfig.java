package io.vigil.source.storage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

/** The storage source: a MinIO (or any S3-compatible) server and the buckets Vigil watches on it. */
@ConfigMapping(prefix = "vigil.storage")
public interface StorageConfig {

    /** Whether the storage server is watched at all. */
    boolean enabled();

    /** An optional source being down does not make Vigil unready; MinIO being away is not Vigil's fault. */
    boolean optional();

    /**
     * The server: a URL ({@code http://minio:9000}) or {@code host:port}, which {@link #secure()} turns into https or
     * http. Without one the source reports NOT_CONFIGURED.
     */
    Optional<String> endpoint();

    /** Whether a {@code host:port} endpoint is reached over TLS; a URL says so itself. */
    boolean secure();

    /** Access key of read-only credentials. */
    Optional<String> accessKey();

    /** Secret key of read-only credentials; never logged nor shown. */
    Optional<String> secretKey();

    /** The server's region, where it needs one; by default the client asks the server. */
    Optional<String> region();

    /** The buckets to watch; none given: every bucket the credentials can list, up to {@link #maxBuckets()}. */
    Optional<List<String>> buckets();

    /** Most buckets watched when they are not named. */
    int maxBuckets();

    /** Time between two checks of the server and its buckets (one cheap request per watched bucket). */
    Duration interval();

    /** Longest wait for one request (connect, send, read) before the server is taken as unreachable. */
    Duration timeout();

    /**
     * Size of the storage behind the server, where the server does not report it (plain S3 does not): used and free
     * capacity are then reckoned against it.
     */
    Optional<MemorySize> capacity();

    /** Counting the objects of the buckets. */
    Inventory inventory();

    interface Inventory {

        /** A bucket is counted again (by listing it, where the server gives no usage figures) this long after its last count. */
        Duration interval();

        /**
         * Most objects one count lists: a larger bucket's figures are lower bounds, and the status says so. It is also
         * the budget of one check: buckets due for a count wait for the next check once it is spent.
         */
        int maxObjects();

        /**
         * Whether the server's own usage figures are read where it has them (MinIO's cluster metrics, which need the
         * credentials' permission to read them): no listing at all then.
         */
        boolean serverUsage();
    }
}
