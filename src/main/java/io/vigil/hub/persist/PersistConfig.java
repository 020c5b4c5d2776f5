package io.vigil.hub.persist;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the history is kept across restarts. */
@ConfigMapping(prefix = "vigil.history.persist")
public interface PersistConfig {

    /** {@code file} (in the data directory, the default), {@code redis} (shared by replicas) or {@code none}. */
    @WithDefault("file")
    Target target();

    /** How often a snapshot is written; one is also written at shutdown. */
    @WithDefault("1m")
    Duration interval();

    /** The snapshot file of the {@code file} target. */
    Path file();

    Redis redis();

    /** The {@code redis} target: one key holding the snapshot, on the Redis of {@code quarkus.redis.hosts}. */
    interface Redis {

        /** The key; it expires after {@code vigil.history.rollup.retention} without a write. */
        @WithDefault("vigil:history:snapshot")
        String key();

        /** Longest wait for Redis when reading at start or writing. */
        @WithDefault("10s")
        Duration timeout();
    }

    enum Target {
        FILE, REDIS, NONE
    }
}
