package io.vigil.source.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.vigil.hub.Sample;

class RedisInfoTest {

    static final String INFO = """
            # Server\r
            redis_version:7.0.15\r
            uptime_in_seconds:3600\r
            \r
            # Clients\r
            connected_clients:12\r
            blocked_clients:0\r
            \r
            # Memory\r
            used_memory:1048576\r
            used_memory_human:1.00M\r
            maxmemory:0\r
            \r
            # Stats\r
            instantaneous_ops_per_sec:42\r
            keyspace_hits:90\r
            keyspace_misses:10\r
            evicted_keys:0\r
            \r
            # Replication\r
            role:master\r
            connected_slaves:1\r
            """;

    @Test
    void theFiguresALabWatchesAreReadByName() {
        RedisInfo info = RedisInfo.parse(INFO);
        assertThat(info.version()).isEqualTo("7.0.15");
        assertThat(info.role()).isEqualTo("master");
        assertThat(info.uptimeSeconds()).isEqualTo(3600);
        assertThat(info.figures()).containsEntry("used_memory_bytes", 1048576.0).containsEntry("connected_clients", 12.0)
                .containsEntry("ops_per_second", 42.0).containsEntry("keyspace_hit_ratio", 0.9)
                .containsEntry("connected_replicas", 1.0);
        assertThat(info.samples(Instant.EPOCH)).extracting(Sample::series)
                .contains("redis.up", "redis.used_memory_bytes", "redis.keyspace_hit_ratio", "redis.role");
    }

    @Test
    void aServerThatHidesFieldsHasNoSeriesForThemAndNoHitRatioBeforeAnyRead() {
        RedisInfo info = RedisInfo.parse("role:slave\nkeyspace_hits:0\nkeyspace_misses:0\nused_memory:abc\n");
        assertThat(info.role()).isEqualTo("slave");
        assertThat(info.figures()).doesNotContainKeys("used_memory_bytes", "keyspace_hit_ratio");
    }
}
