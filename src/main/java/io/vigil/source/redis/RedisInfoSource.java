package io.vigil.source.redis;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vigil.hub.MetricSource;
import io.vigil.hub.SourceUpdate;

/**
 * Redis as infrastructure (seed 003): its {@code INFO} every {@code vigil.redis.interval} — memory, clients,
 * operations per second, keyspace hits and misses, replication role. The clients source reads what the production
 * app keeps in Redis; this one says how Redis itself is doing.
 */
@ApplicationScoped
public class RedisInfoSource implements MetricSource {

    static final String SOURCE = "redis";

    private final RedisInfoConfig config;
    private final InjectableInstance<ReactiveRedisDataSource> redis;

    public RedisInfoSource(RedisInfoConfig config, InjectableInstance<ReactiveRedisDataSource> redis) {
        this.config = config;
        this.redis = redis;
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public boolean optional() {
        return config.optional();
    }

    @Override
    public Multi<SourceUpdate> stream() {
        return Multi.createFrom().deferred(() -> {
            if (!redis.getHandle().getBean().isActive()) {
                return Multi.createFrom().failure(new IllegalStateException(
                        "Redis is not configured: set quarkus.redis.hosts (or MONITORING_REDIS_HOST)"));
            }
            ReactiveRedisDataSource ds = redis.get();
            return Multi.createFrom().ticks().every(config.interval()).onOverflow().drop()
                    .onItem().transformToUniAndConcatenate(tick -> read(ds));
        });
    }

    private Uni<SourceUpdate> read(ReactiveRedisDataSource ds) {
        return ds.execute("INFO")
                .ifNoItem().after(config.timeout()).failWith(() -> new IllegalStateException(
                        "Redis did not answer INFO within " + config.timeout().toSeconds() + " s"))
                .onFailure().transform(f -> f instanceof IllegalStateException
                        ? f
                        : new IllegalStateException("Redis INFO failed: " + f.getMessage(), f))
                .map(reply -> {
                    Instant now = Instant.now();
                    RedisInfo info = RedisInfo.parse(reply == null ? "" : reply.toString());
                    return SourceUpdate.up(SOURCE, now, info, info.samples(now), java.util.List.of());
                });
    }
}
