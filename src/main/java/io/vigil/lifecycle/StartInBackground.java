package io.vigil.lifecycle;

import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vigil.log.LogSafe;

/**
 * Fires {@link Started} after every other start-up observer: on a worker thread while Quarkus opens its port, or
 * right away with {@code vigil.start.in-background=false}. Work that fails there stops Vigil, as a failing start-up
 * observer does: half a Vigil (no alerts, no sources) must not run on looking healthy.
 */
@ApplicationScoped
public class StartInBackground {

    private static final Logger LOG = Logger.getLogger(StartInBackground.class);

    private final Event<Started> started;
    private final StartConfig config;

    public StartInBackground(Event<Started> started, StartConfig config) {
        this.started = started;
        this.config = config;
    }

    void fire(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        Started at = new Started(Instant.now());
        if (!config.inBackground()) {
            started.fire(at);
            return;
        }
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                started.fire(at);
                LOG.debugf("Start-up finished in the background %d ms after the port opened",
                        java.time.Duration.between(at.at(), Instant.now()).toMillis());
            } catch (RuntimeException e) {
                LOG.errorf("Vigil could not finish starting and stops: %s", LogSafe.escape(e.toString()));
                Quarkus.asyncExit(1);
            }
        });
    }
}
