package io.vigil.cluster;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** The lease that picks the one replica running the scheduler and sending notifications (keys kept from 1.x). */
@ConfigMapping(prefix = "vigil.scheduler.lease")
public interface LeaseConfig {

    /** Only the replica holding this Redis lease runs schedules and notifies (when Redis is configured and this is true). */
    boolean enabled();

    /** The Redis key of the lease, shared by the replicas. */
    String key();

    /** How long the lease lasts without renewal: the longest a dead holder blocks the others. */
    Duration ttl();

    /** How often the holder renews the lease (a third of the ttl or less). */
    Duration renewEvery();
}
