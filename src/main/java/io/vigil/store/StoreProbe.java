package io.vigil.store;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Learns whether Vigil's database can be written by writing to it: the one-row {@code store_heartbeat} table, at
 * start and every {@code vigil.store.probe-interval}. A database that opens but refuses writes (a read-only file or
 * mount) otherwise looks healthy until the first user's change fails. A write refused for that reason elsewhere is
 * reported here too, so readiness need not wait for the next probe. Blocking JDBC: runs on worker threads.
 */
@ApplicationScoped
public class StoreProbe {

    /** The last thing learnt: writable, or why not; {@code at} when. */
    public record Outcome(boolean writable, String reason, Instant at) {
    }

    private static final Logger LOG = Logger.getLogger(StoreProbe.class);
    private static final String ID = "vigil";

    private final VigilDatabase database;
    private final Jdbc jdbc;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<Outcome> last = new AtomicReference<>();

    public StoreProbe(VigilDatabase database, Jdbc jdbc) {
        this.database = database;
        this.jdbc = jdbc;
    }

    /** Right after the migration and the first admin token, so that readiness knows before the first request. */
    void atStart(@Observes @Priority(700) SchemaReady ready) {
        write();
    }

    @Scheduled(every = "${vigil.store.probe-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        if (database.ready()) {
            write();
        }
    }

    private void write() {
        Instant now = clock.instant();
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        try {
            int updated = jdbc.update("write the heartbeat", "UPDATE store_heartbeat SET beat_at = ? WHERE id = ?", p -> {
                p.setObject(1, at);
                p.setString(2, ID);
            });
            if (updated == 0) {
                jdbc.update("write the heartbeat", "INSERT INTO store_heartbeat (id, beat_at) VALUES (?, ?)", p -> {
                    p.setString(1, ID);
                    p.setObject(2, at);
                });
            }
            record(new Outcome(true, null, now));
        } catch (RuntimeException e) {
            record(new Outcome(false, StoreWriteFailure.reason(e).orElseGet(() -> StoreWriteFailure.describe(e)), now));
        }
    }

    /** A write elsewhere failed because the database cannot be written. */
    public void refused(String reason) {
        record(new Outcome(false, reason, clock.instant()));
    }

    /** Null until the first probe. */
    public Outcome last() {
        return last.get();
    }

    private void record(Outcome outcome) {
        Outcome before = last.getAndSet(outcome);
        boolean was = before == null || before.writable();
        if (was && !outcome.writable()) {
            LOG.errorf("Vigil's database cannot be written: %s. Reads still work; changes are refused until it can be"
                    + " written again", outcome.reason());
        } else if (!was && outcome.writable()) {
            LOG.infof("Vigil's database can be written again");
        }
    }
}
