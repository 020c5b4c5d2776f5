package io.vigil.audit;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.vigil.store.VigilDatabase;

/** Deletes audit records older than {@code vigil.audit.retention}. */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class);

    private final AuditStore store;
    private final AuditConfig config;
    private final VigilDatabase database;

    public AuditRetention(AuditStore store, AuditConfig config, VigilDatabase database) {
        this.store = store;
        this.config = config;
        this.database = database;
    }

    @Scheduled(every = "${vigil.audit.prune-every}", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (database.ready()) {
            prune(Instant.now());
        }
    }

    /** @return how many records were deleted */
    int prune(Instant now) {
        int removed = store.deleteBefore(now.minus(config.retention()));
        if (removed > 0) {
            LOG.infof("Removed %d audit records older than %s", removed, config.retention());
        }
        return removed;
    }
}
