package io.vigil.hub.persist;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.hub.HistoryConfig;
import io.vigil.hub.HistoryStore;
import io.vigil.lifecycle.Started;
import io.vigil.log.Failures;
import io.vigil.log.LogSafe;

/**
 * Keeps the history across restarts: reads the last snapshot into the {@link HistoryStore} at start, before the hub
 * subscribes to the sources, and writes one every {@code vigil.history.persist.interval} (on a worker thread, never
 * the event loop) and at shutdown. A snapshot that cannot be read is skipped with a warning: Vigil starts with empty
 * charts rather than not at all. Where snapshots cannot be written at all (no writable data directory), persistence
 * turns itself off with one warning.
 */
@ApplicationScoped
public class HistoryPersistence {

    private static final Logger LOG = Logger.getLogger(HistoryPersistence.class);

    private final HistoryStore store;
    private final Clock clock;
    /** {@code null} when persistence is off. */
    private volatile SnapshotTarget target;
    private boolean failing;
    /**
     * Whether the snapshot was read: Vigil is ready before it restores the history (in the background), and a stop in
     * between must not write the still empty store over the last run's charts.
     */
    private boolean loaded;

    @Inject
    HistoryPersistence(PersistConfig config, HistoryConfig history, HistoryStore store,
            InjectableInstance<ReactiveRedisDataSource> redis) {
        this(switch (config.target()) {
            case FILE -> new FileTarget(config.file());
            case REDIS -> new RedisTarget(redis::get, config.redis().key(), history.rollupRetention(),
                    config.redis().timeout());
            case NONE -> null;
        }, store, Clock.systemUTC());
    }

    HistoryPersistence(SnapshotTarget target, HistoryStore store, Clock clock) {
        this.target = target;
        this.store = store;
        this.clock = clock;
    }

    /** Persistence of {@code store} to a snapshot file, outside of CDI (tools, the benchmark). */
    public static HistoryPersistence inFile(Path file, HistoryStore store, Clock clock) {
        return new HistoryPersistence(new FileTarget(file), store, clock);
    }

    /** Before the hub (priority 1500) subscribes to the sources, so restored series come before new samples. */
    void onStart(@Observes @Priority(1000) Started event) {
        load();
    }

    @Scheduled(every = "${vigil.history.persist.interval}", delayed = "${vigil.history.persist.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        saveOnceLoaded();
    }

    void onStop(@Observes ShutdownEvent event) {
        saveOnceLoaded();
    }

    private synchronized void saveOnceLoaded() {
        if (loaded) {
            save();
        } else if (target != null) {
            LOG.info("History: not restored yet, so the snapshot of the last run is kept as it is");
        }
    }

    /**
     * Reads the snapshot into the store, then makes sure snapshots can be written.
     *
     * @return the number of series restored
     */
    public synchronized int load() {
        loaded = true;
        SnapshotTarget current = target;
        if (current == null) {
            return 0;
        }
        Instant now = clock.instant();
        int[] restored = { 0 };
        try {
            SnapshotFormat.Contents contents = current.read(series -> {
                if (store.restore(series, now)) {
                    restored[0]++;
                }
            });
            if (contents != null) {
                LOG.infof("History: %d of %d series restored from %s, written at %s", restored[0], contents.series(),
                        current.describe(), Instant.ofEpochMilli(contents.writtenAtMs()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("History: the snapshot in %s is skipped, charts start empty%s: %s", current.describe(),
                    restored[0] == 0 ? "" : " but for " + restored[0] + " series read before the fault",
                    LogSafe.escape(Failures.describe(e)));
        }
        try {
            current.checkWritable();
        } catch (IOException | RuntimeException e) {
            target = null;
            LOG.warnf("History persistence is off: snapshots cannot be written to %s (%s). Charts will start empty"
                    + " after a restart; set vigil.data-dir or vigil.history.persist.file to a writable place",
                    current.describe(), LogSafe.escape(Failures.describe(e)));
        }
        return restored[0];
    }

    /**
     * Writes a snapshot of the whole history. A failure is warned about once until a write succeeds again.
     *
     * @return whether a snapshot was written
     */
    public synchronized boolean save() {
        SnapshotTarget current = target;
        if (current == null) {
            return false;
        }
        long started = System.nanoTime();
        try {
            long bytes = current.write(clock.millis(), store::forEachSeries);
            if (failing) {
                LOG.infof("History: snapshots are written to %s again", current.describe());
            }
            failing = false;
            LOG.debugf("History: snapshot of %d bytes written to %s in %d ms", (Object) bytes, current.describe(),
                    (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                LOG.warnf("History: the snapshot could not be written to %s, will try again: %s", current.describe(),
                        LogSafe.escape(Failures.describe(e)));
            }
            failing = true;
            return false;
        }
    }

    /** Whether snapshots are read and written. */
    public boolean enabled() {
        return target != null;
    }
}
