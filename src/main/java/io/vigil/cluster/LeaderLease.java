package io.vigil.cluster;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vigil.log.LogSafe;

/**
 * Which replica runs the scheduler and sends notifications. With {@code vigil.scheduler.lease.enabled} the replicas
 * share a Redis lease ({@code SET key id NX PX ttl}), renewed by its holder every third of the ttl only while it
 * still holds it; when the holder dies the key expires and another replica takes it within the ttl. A holder that
 * cannot renew stops acting as leader when its lease would have expired, so two never act at once. Without the
 * lease a single instance runs everything.
 */
@ApplicationScoped
public class LeaderLease {

    private static final Logger LOG = Logger.getLogger(LeaderLease.class);
    /** Extends the lease only for its holder: a replica never renews a lease another one took over. */
    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

    private final boolean enabled;
    private final String key;
    private final Duration ttl;
    private final String id;
    private final InjectableInstance<ReactiveRedisDataSource> redis;
    private volatile Instant heldUntil = Instant.MIN;

    @Inject
    public LeaderLease(LeaseConfig config, InjectableInstance<ReactiveRedisDataSource> redis) {
        this(config.enabled(), config.key(), config.ttl(),
                ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8), redis);
    }

    LeaderLease(boolean enabled, String key, Duration ttl, String id, InjectableInstance<ReactiveRedisDataSource> redis) {
        this.enabled = enabled;
        this.key = key;
        this.ttl = ttl;
        this.id = id;
        this.redis = redis;
    }

    /** Whether this replica may run schedules and send notifications now. */
    public boolean held() {
        return !enabled || Instant.now().isBefore(heldUntil);
    }

    public String holder() {
        return !enabled ? "this instance (no lease configured)" : held() ? id + " (this instance)" : "another instance";
    }

    public String id() {
        return id;
    }

    @Scheduled(every = "${vigil.scheduler.lease.renew-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> renewOnSchedule() {
        return enabled ? renew().replaceWithVoid() : Uni.createFrom().voidItem();
    }

    /** Takes the lease if it is free, or extends it if this replica holds it. Emits whether it is held. */
    public Uni<Boolean> renew() {
        if (!redis.getHandle().getBean().isActive()) {
            return Uni.createFrom().item(false);
        }
        Instant asked = Instant.now();
        boolean wasHeld = held();
        String ms = String.valueOf(ttl.toMillis());
        Uni<Boolean> attempt = wasHeld
                ? redis.get().execute("EVAL", RENEW, "1", key, id, ms).map(r -> r != null && r.toLong() == 1)
                : redis.get().execute("SET", key, id, "NX", "PX", ms).map(r -> r != null && "OK".equals(r.toString()));
        return attempt
                .onFailure().recoverWithItem(f -> {
                    // Redis unreachable: keep what we had; it runs out by itself at heldUntil.
                    LOG.debugf("Lease %s not renewed: %s", key, LogSafe.escape(f.getMessage()));
                    return null;
                })
                .invoke(ok -> {
                    if (Boolean.TRUE.equals(ok)) {
                        // Counted from when we asked, so the local view never outlives the key in Redis.
                        heldUntil = asked.plus(ttl);
                        if (!wasHeld) {
                            LOG.infof("This instance (%s) holds the scheduler lease %s", id, key);
                        }
                    } else if (Boolean.FALSE.equals(ok) && wasHeld) {
                        heldUntil = Instant.MIN;
                        LOG.warnf("This instance (%s) lost the scheduler lease %s to another instance", id, key);
                    }
                })
                .map(ok -> held());
    }
}
