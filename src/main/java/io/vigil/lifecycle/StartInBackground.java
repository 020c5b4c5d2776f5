package io.vigil.lifecycle;

import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
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
    /** Set once Quarkus stops: what fails after that fails because it is being taken apart, not because it broke. */
    private volatile boolean stopping;

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
                if (failureStops(e)) {
                    Quarkus.asyncExit(1);
                }
            }
        });
    }

    void stopping(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Whether a failure of the background start stops Vigil: not when Vigil is stopping already (stopped right after
     * it was ready, the start-up work finds its services gone and fails; that is no reason to exit with an error).
     */
    boolean failureStops(RuntimeException e) {
        if (stopping) {
            LOG.infof("Vigil stopped before it had finished starting (%s)", LogSafe.escape(e.toString()));
            return false;
        }
        LOG.errorf("Vigil could not finish starting and stops: %s", LogSafe.escape(e.toString()));
        return true;
    }
}
