package io.vigil.notify.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.vigil.alert.AlertEngine;
import io.vigil.alert.AlertState;
import io.vigil.cluster.LeaderLease;
import io.vigil.lifecycle.Started;
import io.vigil.log.LogSafe;

/**
 * Hands every alert change of the engine to the dispatcher. At start it also replays the alerts the engine restored,
 * so a firing or resolution that was not sent before a restart still goes out — and, the notification log being the
 * dedupe source, nothing already sent goes out twice.
 */
@ApplicationScoped
public class AlertNotifications {

    private static final Logger LOG = Logger.getLogger(AlertNotifications.class);

    private final AlertEngine engine;
    private final NotificationDispatcher dispatcher;
    private final LeaderLease lease;
    private volatile boolean leading;

    public AlertNotifications(AlertEngine engine, NotificationDispatcher dispatcher, LeaderLease lease) {
        this.engine = engine;
        this.dispatcher = dispatcher;
        this.lease = lease;
    }

    void start(@Observes Started event) {
        engine.changes().subscribe().with(alert -> {
            if (lease.held()) {
                dispatcher.accept(alert);
            }
        }, f -> LOG.error("Alert notifications stopped", LogSafe.escape(f)));
        takeOverIfLeading();
    }

    /**
     * Every replica evaluates the same stream; only the lease holder notifies. A replica that becomes the holder
     * replays the current alerts, so what its predecessor had not sent yet goes out, and the shared notification log
     * keeps what it had sent from going out twice.
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void takeOverIfLeading() {
        boolean now = lease.held();
        if (now && !leading) {
            engine.current().stream()
                    .filter(a -> a.state() == AlertState.FIRING || a.state() == AlertState.RESOLVED)
                    .forEach(dispatcher::accept);
        }
        leading = now;
    }
}
