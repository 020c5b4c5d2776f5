package io.vigil.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vigil.alert.AlertEngine;
import io.vigil.alert.AlertState;

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

    public AlertNotifications(AlertEngine engine, NotificationDispatcher dispatcher) {
        this.engine = engine;
        this.dispatcher = dispatcher;
    }

    void start(@Observes StartupEvent event) {
        engine.changes().subscribe().with(dispatcher::accept, f -> LOG.error("Alert notifications stopped", f));
        engine.current().stream()
                .filter(a -> a.state() == AlertState.FIRING || a.state() == AlertState.RESOLVED)
                .forEach(dispatcher::accept);
    }
}
