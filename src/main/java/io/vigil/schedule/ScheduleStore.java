package io.vigil.schedule;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.vigil.log.LogSafe;
import io.vigil.store.Jdbc;

/**
 * Schedules in Vigil's database; deleting one moves its executions to the archive ({@link ExecutionStore}). Blocking
 * JDBC: call on worker threads.
 */
@ApplicationScoped
public class ScheduleStore {

    private static final String COLUMNS = "id, name, experiment_path, schedule_type, interval_hours, cron, start_at, max_retries,"
            + " retry_delay_ms, backoff, expected_duration_ms, active, archived, next_run, last_run, retry_attempt, recovery_note,"
            + " recovery_actor, recovery_at, version, created_at, updated_at";
    /** What a user's edit writes, in the order {@link #bindDefinition} binds it. */
    private static final List<String> DEFINITION = List.of("name", "experiment_path", "schedule_type", "interval_hours", "cron",
            "start_at", "max_retries", "retry_delay_ms", "backoff", "expected_duration_ms", "active", "archived", "next_run",
            "retry_attempt", "recovery_note", "recovery_actor", "recovery_at");

    private static final Logger LOG = Logger.getLogger(ScheduleStore.class);

    private final Jdbc jdbc;
    private final ExecutionStore executions;
    /** Unreadable rows already logged: once each, not at every tick. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public ScheduleStore(Jdbc jdbc, ExecutionStore executions) {
        this.jdbc = jdbc;
        this.executions = executions;
    }

    /**
     * A stored schedule this version cannot read (a type or retry policy it does not know, from another version or a
     * hand edit): it never runs; the API lists it with the reason so someone can delete it.
     */
    public record UnreadableSchedule(String id, String name, String experimentPath, String error) {

        @JsonProperty("valid")
        public boolean valid() {
            return false;
        }
    }

    /** A stored row: one of the two is set. */
    public record Row(Schedule schedule, UnreadableSchedule unreadable) {
    }

    /** Every stored row, by name: the schedules and those that cannot be read, in one read. */
    public List<Row> listing() {
        return rows("SELECT " + COLUMNS + " FROM schedule ORDER BY name", Jdbc.NO_PARAMETERS);
    }

    /** The stored row of this id, readable or not. */
    public Optional<Row> row(String id) {
        return rows("SELECT " + COLUMNS + " FROM schedule WHERE id = ?", p -> p.setString(1, id)).stream().findFirst();
    }

    /** Every schedule that can be read, by name. */
    public List<Schedule> all() {
        return schedules(rows("SELECT " + COLUMNS + " FROM schedule ORDER BY name", Jdbc.NO_PARAMETERS));
    }

    public Optional<Schedule> get(String id) {
        return schedules(rows("SELECT " + COLUMNS + " FROM schedule WHERE id = ?", p -> p.setString(1, id))).stream().findFirst();
    }

    /** Schedules due at {@code now} that may run; one that cannot be read is passed over. */
    public List<Schedule> due(Instant now) {
        return schedules(rows("SELECT " + COLUMNS + " FROM schedule WHERE active = 1 AND archived = 0 AND recovery_at IS NULL"
                + " AND next_run IS NOT NULL AND next_run <= ? ORDER BY next_run", p -> p.setTimestamp(1, Timestamp.from(now))));
    }

    public void insert(Schedule s) {
        String columns = "id, " + String.join(", ", DEFINITION) + ", last_run, version, created_at, updated_at";
        String marks = String.join(", ", Collections.nCopies(DEFINITION.size() + 5, "?"));
        write("INSERT INTO schedule (" + columns + ") VALUES (" + marks + ")", p -> {
            p.setString(1, s.id());
            int i = bindDefinition(p, 2, s);
            Jdbc.setTimestamp(p, i++, s.lastRun());
            p.setInt(i++, s.version());
            p.setTimestamp(i++, Timestamp.from(s.createdAt()));
            p.setTimestamp(i, Timestamp.from(s.updatedAt()));
        });
    }

    /**
     * Writes a user's change if the stored version is still {@code expectedVersion}; the version goes up by one.
     *
     * @return false when someone else changed it first
     */
    public boolean updateByUser(Schedule s, int expectedVersion) {
        String set = DEFINITION.stream().map(column -> column + " = ?").collect(Collectors.joining(", "));
        int n = write("UPDATE schedule SET " + set + ", version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                p -> {
                    int i = bindDefinition(p, 1, s);
                    p.setTimestamp(i++, Timestamp.from(Instant.now()));
                    p.setString(i++, s.id());
                    p.setInt(i, expectedVersion);
                });
        return n == 1;
    }

    /** The scheduler's own bookkeeping: never bumps the version a user edits against. */
    public void reschedule(String id, Instant nextRun, Instant lastRun, int retryAttempt) {
        write("UPDATE schedule SET next_run = ?, last_run = COALESCE(?, last_run), retry_attempt = ? WHERE id = ?", p -> {
            Jdbc.setTimestamp(p, 1, nextRun);
            Jdbc.setTimestamp(p, 2, lastRun);
            p.setInt(3, retryAttempt);
            p.setString(4, id);
        });
    }

    /**
     * Stops a schedule after an abort, until someone resolves it; also the scheduler's own act, no version bump. The
     * aborted run is its last run.
     */
    public void requireRecovery(String id, Recovery recovery, Instant nextRun, Instant lastRun) {
        write("UPDATE schedule SET recovery_note = ?, recovery_actor = ?, recovery_at = ?, next_run = ?, retry_attempt = 0,"
                + " last_run = COALESCE(?, last_run) WHERE id = ?", p -> {
                    p.setString(1, recovery.note());
                    p.setString(2, recovery.actor());
                    p.setTimestamp(3, Timestamp.from(recovery.at()));
                    Jdbc.setTimestamp(p, 4, nextRun);
                    Jdbc.setTimestamp(p, 5, lastRun);
                    p.setString(6, id);
                });
    }

    /** Deletes a schedule, moving its executions to the archive with the schedule's name and path. */
    public boolean delete(Schedule s) {
        return delete(s.id(), s.name(), s.experimentPath());
    }

    public boolean delete(UnreadableSchedule s) {
        return delete(s.id(), s.name(), s.experimentPath());
    }

    private boolean delete(String id, String name, String experimentPath) {
        return jdbc.inTransaction("delete schedule " + id, tx -> {
            executions.archive(tx, id, name, experimentPath);
            return tx.update("DELETE FROM schedule WHERE id = ?", p -> p.setString(1, id)) == 1;
        });
    }

    private List<Row> rows(String sql, Jdbc.Binder binder) {
        return jdbc.query("read schedules", sql, binder, this::row);
    }

    private int write(String sql, Jdbc.Binder binder) {
        return jdbc.update("write schedules", sql, binder);
    }

    private static List<Schedule> schedules(List<Row> rows) {
        return rows.stream().map(Row::schedule).filter(Objects::nonNull).toList();
    }

    private Row row(ResultSet r) throws SQLException {
        try {
            return new Row(read(r), null);
        } catch (IllegalArgumentException e) {
            // One bad row must not stop the listing, the others' runs or Vigil's start.
            UnreadableSchedule u = new UnreadableSchedule(r.getString("id"), r.getString("name"), r.getString("experiment_path"),
                    e.getMessage());
            if (warned.add(u.id())) {
                LOG.warnf("Schedule %s (%s) cannot be read and does not run: %s", u.id(), LogSafe.escape(u.name()),
                        LogSafe.escape(u.error()));
            }
            return new Row(null, u);
        }
    }

    private static Schedule read(ResultSet r) throws SQLException {
        double interval = r.getDouble("interval_hours");
        Double intervalHours = r.wasNull() ? null : interval;
        long expected = r.getLong("expected_duration_ms");
        Duration expectedDuration = r.wasNull() ? null : Duration.ofMillis(expected);
        Instant recoveryAt = Jdbc.timestamp(r, "recovery_at");
        Recovery recovery = recoveryAt == null
                ? null
                : new Recovery(r.getString("recovery_note"), r.getString("recovery_actor"), recoveryAt);
        ScheduleType type = ScheduleType.parse(r.getString("schedule_type"));
        // A period or cron the API would refuse (stored before the bounds, or by hand) has no next run to compute:
        // the row is unreadable, so it is listed with the reason and never launched.
        NextRun.checkDefinition(type, intervalHours, r.getString("cron"));
        return new Schedule(r.getString("id"), r.getString("name"), r.getString("experiment_path"),
                type, intervalHours, r.getString("cron"), Jdbc.timestamp(r, "start_at"),
                new RetryPolicy(r.getInt("max_retries"), Duration.ofMillis(r.getLong("retry_delay_ms")), r.getString("backoff"))
                        .validate(),
                expectedDuration, r.getInt("active") == 1, r.getInt("archived") == 1, Jdbc.timestamp(r, "next_run"),
                Jdbc.timestamp(r, "last_run"), r.getInt("retry_attempt"), recovery, r.getInt("version"),
                Jdbc.timestamp(r, "created_at"), Jdbc.timestamp(r, "updated_at"));
    }

    /**
     * Binds the {@link #DEFINITION} columns from {@code first} on, the one place a schedule's fields become parameters.
     *
     * @return the next parameter's index
     */
    private static int bindDefinition(PreparedStatement p, int first, Schedule s) throws SQLException {
        Recovery recovery = s.recoveryRequired();
        int i = first;
        p.setString(i++, s.name());
        p.setString(i++, s.experimentPath());
        p.setString(i++, s.scheduleType().label());
        Jdbc.setDouble(p, i++, s.intervalHours());
        p.setString(i++, s.cron());
        Jdbc.setTimestamp(p, i++, s.startAt());
        p.setInt(i++, s.retry().maxRetries());
        p.setLong(i++, s.retry().retryDelay().toMillis());
        p.setString(i++, s.retry().backoff());
        Jdbc.setLong(p, i++, s.expectedDuration() == null ? null : s.expectedDuration().toMillis());
        p.setInt(i++, s.active() ? 1 : 0);
        p.setInt(i++, s.archived() ? 1 : 0);
        Jdbc.setTimestamp(p, i++, s.nextRun());
        p.setInt(i++, s.retryAttempt());
        p.setString(i++, recovery == null ? null : recovery.note());
        p.setString(i++, recovery == null ? null : recovery.actor());
        Jdbc.setTimestamp(p, i++, recovery == null ? null : recovery.at());
        return i;
    }
}
