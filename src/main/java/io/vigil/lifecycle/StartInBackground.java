package io.vigil.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

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
 * <p>
 * Start-up observers may also hand work that readiness waits for, but Quarkus need not ({@link #beforeReady}: the
 * database's schema), to a worker thread.
 */
@ApplicationScoped
public class StartInBackground {

    private static final Logger LOG = Logger.getLogger(StartInBackground.class);

    private final Event<Started> started;
    private final StartConfig config;
    private final Executor worker;
    /** Set once Quarkus stops: what fails after that fails because it is being taken apart, not because it broke. */
    private volatile boolean stopping;

    @Inject
    public StartInBackground(Event<Started> started, StartConfig config) {
        // Looked up when used: Quarkus sets the worker pool up during its start.
        this(started, config, work -> Infrastructure.getDefaultWorkerPool().execute(work));
    }

    StartInBackground(Event<Started> started, StartConfig config, Executor worker) {
        this.started = started;
        this.config = config;
        this.worker = worker;
    }

    /**
     * Runs start-up work that must be done before Vigil is ready but need not hold up Quarkus' own start: on a worker
     * thread, beside the rest of the start-up, when starting in the background (readiness says when it is done);
     * right here otherwise. If it fails, Vigil stops.
     */
    public void beforeReady(Runnable work) {
        if (!config.inBackground()) {
            work.run();
            return;
        }
        inBackground(work);
    }

    /**
     * Fires {@link Started} as Quarkus opens its port. It does not wait for the work {@link #beforeReady} runs: what
     * observes it and needs the database waits for the schema on its own ({@code VigilDatabase.connect}), and the rest
     * (restoring the charts' history first) need not wait at all.
     */
    void fire(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        Started at = new Started(Instant.now());
        if (!config.inBackground()) {
            started.fire(at);
            return;
        }
        inBackground(() -> {
            started.fire(at);
            LOG.debugf("Start-up finished in the background %d ms after the port opened",
                    Duration.between(at.at(), Instant.now()).toMillis());
        });
    }

    /** Runs start-up work on a worker; if it fails, Vigil stops (unless it is stopping already). */
    private void inBackground(Runnable work) {
        CompletableFuture.runAsync(work, worker).exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
            if (failureStops(cause)) {
                Quarkus.asyncExit(1);
            }
            return null;
        });
    }

    void stopping(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
    }

    /** Whether Vigil is stopping: work that fails now fails because its services are being taken apart. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Whether a failure of the background start stops Vigil: not when Vigil is stopping already (stopped right after
     * it was ready, the start-up work finds its services gone and fails; that is no reason to exit with an error).
     */
    boolean failureStops(Throwable e) {
        if (stopping) {
            LOG.infof("Vigil stopped before it had finished starting (%s)", LogSafe.escape(e.toString()));
            return false;
        }
        LOG.errorf("Vigil could not finish starting and stops: %s", LogSafe.escape(e.toString()));
        return true;
    }
}
