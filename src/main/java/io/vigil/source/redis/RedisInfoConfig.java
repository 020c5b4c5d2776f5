package io.vigil.source.redis;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** Redis as infrastructure: the server's own figures ({@code INFO}), read from the Redis Vigil watches. */
@ConfigMapping(prefix = "vigil.redis")
public interface RedisInfoConfig {

    boolean enabled();

    /** Redis being away does not make Vigil unready. */
    boolean optional();

    /** How often {@code INFO} is read. */
    Duration interval();

    /** How long Redis may take to answer. */
    Duration timeout();
}
