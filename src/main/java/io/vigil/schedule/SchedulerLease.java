package io.vigil.schedule;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether this replica runs the scheduler. Without a shared lease store (Redis) a single instance runs it; the Redis
 * lease arrives with the Redis client.
 */
@ApplicationScoped
public class SchedulerLease {

    public boolean held() {
        return true;
    }

    public String holder() {
        return "this instance (no lease configured)";
    }
}
