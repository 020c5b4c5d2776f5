package io.vigil.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.vigil.log.LogSafe;
import io.vigil.store.VigilDatabase;

/** Schedules, executions and the archive in Vigil's database. Blocking JDBC: call on worker threads. */
@ApplicationScoped
public class ScheduleStore {

    private static final String COLUMNS = "id, name, experiment_path, schedule_type, interval_hours, cron, start_at, max_retries,"
            + " retry_delay_ms, backoff, expected_duration_ms, active, archived, next_run, last_run, retry_attempt, recovery_note,"
            + " recovery_actor, recovery_at, version, created_at, updated_at";
    private static final String EXECUTION_COLUMNS = "id, schedule_id, status, attempt, retry_count, start_time, end_time,"
            + " exit_code, error, command, output_tail, run_guid, created_at";

    private static final Logger LOG = Logger.getLogger(ScheduleStore.class);

    private final VigilDatabase database;
    /** Unreadable rows already logged: once each, not at every tick. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public ScheduleStore(VigilDatabase database) {
        this.database = database;
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

    private record Rows(List<Schedule> schedules, List<UnreadableSchedule> unreadable) {
    }

    /** Every schedule that can be read, by name. */
    public List<Schedule> all() {
        return query("SELECT " + COLUMNS + " FROM schedule ORDER BY name", p -> {
        }).schedules();
    }

    /** The stored schedules that cannot be read. */
    public List<UnreadableSchedule> unreadable() {
        return query("SELECT " + COLUMNS + " FROM schedule ORDER BY name", p -> {
        }).unreadable();
    }

    public Optional<Schedule> get(String id) {
        return query("SELECT " + COLUMNS + " FROM schedule WHERE id = ?", p -> p.setString(1, id)).schedules().stream().findFirst();
    }

    public Optional<UnreadableSchedule> getUnreadable(String id) {
        return query("SELECT " + COLUMNS + " FROM schedule WHERE id = ?", p -> p.setString(1, id)).unreadable().stream().findFirst();
    }

    /** Schedules due at {@code now} that may run; one that cannot be read is passed over. */
    public List<Schedule> due(Instant now) {
        return query("SELECT " + COLUMNS + " FROM schedule WHERE active = 1 AND archived = 0 AND recovery_at IS NULL"
                + " AND next_run IS NOT NULL AND next_run <= ? ORDER BY next_run", p -> p.setTimestamp(1, Timestamp.from(now)))
                .schedules();
    }

    public void insert(Schedule s) {
        update("INSERT INTO schedule (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p -> bind(p, s));
    }

    /**
     * Writes a user's change if the stored version is still {@code expectedVersion}; the version goes up by one.
     *
     * @return false when someone else changed it first
     */
    public boolean updateByUser(Schedule s, int expectedVersion) {
        int n = update("UPDATE schedule SET name = ?, experiment_path = ?, schedule_type = ?, interval_hours = ?, cron = ?,"
                + " start_at = ?, max_retries = ?, retry_delay_ms = ?, backoff = ?, expected_duration_ms = ?, active = ?,"
                + " archived = ?, next_run = ?, retry_attempt = ?, recovery_note = ?, recovery_actor = ?, recovery_at = ?,"
                + " version = version + 1, updated_at = ? WHERE id = ? AND version = ?", p -> {
                    p.setString(1, s.name());
                    p.setString(2, s.experimentPath());
                    p.setString(3, s.scheduleType().label());
                    setDouble(p, 4, s.intervalHours());
                    p.setString(5, s.cron());
                    setTime(p, 6, s.startAt());
                    p.setInt(7, s.retry().maxRetries());
                    p.setLong(8, s.retry().retryDelay().toMillis());
                    p.setString(9, s.retry().backoff());
                    setLong(p, 10, s.expectedDuration() == null ? null : s.expectedDuration().toMillis());
                    p.setInt(11, s.active() ? 1 : 0);
                    p.setInt(12, s.archived() ? 1 : 0);
                    setTime(p, 13, s.nextRun());
                    p.setInt(14, s.retryAttempt());
                    p.setString(15, s.recoveryRequired() == null ? null : s.recoveryRequired().note());
                    p.setString(16, s.recoveryRequired() == null ? null : s.recoveryRequired().actor());
                    setTime(p, 17, s.recoveryRequired() == null ? null : s.recoveryRequired().at());
                    p.setTimestamp(18, Timestamp.from(Instant.now()));
                    p.setString(19, s.id());
                    p.setInt(20, expectedVersion);
                });
        return n == 1;
    }

    /** The scheduler's own bookkeeping: never bumps the version a user edits against. */
    public void reschedule(String id, Instant nextRun, Instant lastRun, int retryAttempt) {
        update("UPDATE schedule SET next_run = ?, last_run = COALESCE(?, last_run), retry_attempt = ? WHERE id = ?", p -> {
            setTime(p, 1, nextRun);
            setTime(p, 2, lastRun);
            p.setInt(3, retryAttempt);
            p.setString(4, id);
        });
    }

    /**
     * Stops a schedule after an abort, until someone resolves it; also the scheduler's own act, no version bump. The
     * aborted run is its last run.
     */
    public void requireRecovery(String id, Recovery recovery, Instant nextRun, Instant lastRun) {
        update("UPDATE schedule SET recovery_note = ?, recovery_actor = ?, recovery_at = ?, next_run = ?, retry_attempt = 0,"
                + " last_run = COALESCE(?, last_run) WHERE id = ?", p -> {
                    p.setString(1, recovery.note());
                    p.setString(2, recovery.actor());
                    p.setTimestamp(3, Timestamp.from(recovery.at()));
                    setTime(p, 4, nextRun);
                    setTime(p, 5, lastRun);
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
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO job_execution_archive (id, schedule_id, schedule_name,"
                        + " experiment_path, status, attempt, retry_count, start_time, end_time, exit_code, error, command,"
                        + " output_tail, run_guid, created_at, archived_at) SELECT id, schedule_id, ?, ?, status, attempt,"
                        + " retry_count, start_time, end_time, exit_code, error, command, output_tail, run_guid, created_at, ?"
                        + " FROM job_execution WHERE schedule_id = ?")) {
                    p.setString(1, name);
                    p.setString(2, experimentPath);
                    p.setTimestamp(3, Timestamp.from(Instant.now()));
                    p.setString(4, id);
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("DELETE FROM job_execution WHERE schedule_id = ?")) {
                    p.setString(1, id);
                    p.executeUpdate();
                }
                int n;
                try (PreparedStatement p = c.prepareStatement("DELETE FROM schedule WHERE id = ?")) {
                    p.setString(1, id);
                    n = p.executeUpdate();
                }
                c.commit();
                return n == 1;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete schedule " + id + ": " + e.getMessage(), e);
        }
    }

    public void saveExecution(JobExecution e) {
        update("DELETE FROM job_execution WHERE id = ?", p -> p.setString(1, e.id()));
        update("INSERT INTO job_execution (" + EXECUTION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p -> {
            p.setString(1, e.id());
            p.setString(2, e.scheduleId());
            p.setString(3, e.status().label());
            p.setInt(4, e.attempt());
            p.setInt(5, e.retryCount());
            setTime(p, 6, e.start());
            setTime(p, 7, e.end());
            if (e.exitCode() == null) {
                p.setNull(8, Types.INTEGER);
            } else {
                p.setInt(8, e.exitCode());
            }
            p.setString(9, truncate(e.error(), 2000));
            p.setString(10, truncate(e.command(), 2000));
            p.setString(11, truncate(e.outputTail(), 8000));
            p.setString(12, e.runGuid());
            p.setTimestamp(13, Timestamp.from(e.createdAt()));
        });
    }

    /** Executions not finished (pending, waiting for capacity, running), oldest first: what a restart must settle. */
    public List<JobExecution> unfinishedExecutions() {
        List<JobExecution> out = new ArrayList<>();
        try (Connection c = database.connect(); PreparedStatement p = c.prepareStatement("SELECT e.id, e.schedule_id,"
                + " s.name AS schedule_name, s.experiment_path, e.status, e.attempt, e.retry_count, e.start_time, e.end_time,"
                + " e.exit_code, e.error, e.command, e.output_tail, e.run_guid, e.created_at FROM job_execution e"
                + " LEFT JOIN schedule s ON s.id = e.schedule_id WHERE e.status IN ('pending', 'waiting_capacity', 'running')"
                + " ORDER BY e.created_at"); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(new JobExecution(r.getString("id"), r.getString("schedule_id"), r.getString("schedule_name"),
                        r.getString("experiment_path"), ExecutionStatus.valueOf(r.getString("status").toUpperCase()),
                        r.getInt("attempt"), r.getInt("retry_count"), time(r, "start_time"), time(r, "end_time"),
                        (Integer) r.getObject("exit_code"), r.getString("error"), r.getString("command"), r.getString("output_tail"),
                        r.getString("run_guid"), time(r, "created_at"), false));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read executions: " + e.getMessage(), e);
        }
    }

    /**
     * Executions newest first, live and archived merged; an execution in both (archived while being read) is shown
     * once, as archived.
     */
    public List<JobExecution> executions(String scheduleId, int limit) {
        Map<String, JobExecution> merged = new LinkedHashMap<>();
        String where = scheduleId == null ? "" : " WHERE e.schedule_id = ?";
        String live = "SELECT TOP " + limit + " e.id, e.schedule_id, s.name AS schedule_name, s.experiment_path, e.status, e.attempt,"
                + " e.retry_count, e.start_time, e.end_time, e.exit_code, e.error, e.command, e.output_tail, e.run_guid, e.created_at,"
                + " 0 AS archived FROM job_execution e LEFT JOIN schedule s ON s.id = e.schedule_id" + where
                + " ORDER BY e.created_at DESC";
        String archived = "SELECT TOP " + limit + " e.id, e.schedule_id, e.schedule_name, e.experiment_path, e.status, e.attempt,"
                + " e.retry_count, e.start_time, e.end_time, e.exit_code, e.error, e.command, e.output_tail, e.run_guid, e.created_at,"
                + " 1 AS archived FROM job_execution_archive e" + where + " ORDER BY e.created_at DESC";
        for (String sql : List.of(archived, live)) {
            try (Connection c = database.connect(); PreparedStatement p = c.prepareStatement(sql)) {
                if (scheduleId != null) {
                    p.setString(1, scheduleId);
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        JobExecution e = new JobExecution(r.getString("id"), r.getString("schedule_id"), r.getString("schedule_name"),
                                r.getString("experiment_path"), ExecutionStatus.valueOf(r.getString("status").toUpperCase()),
                                r.getInt("attempt"), r.getInt("retry_count"), time(r, "start_time"), time(r, "end_time"),
                                (Integer) r.getObject("exit_code"), r.getString("error"), r.getString("command"),
                                r.getString("output_tail"), r.getString("run_guid"), time(r, "created_at"), r.getInt("archived") == 1);
                        merged.putIfAbsent(e.id(), e);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read executions: " + e.getMessage(), e);
            }
        }
        return merged.values().stream()
                .sorted(java.util.Comparator.comparing(JobExecution::createdAt).reversed())
                .limit(limit).toList();
    }

    private interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    private Rows query(String sql, Binder binder) {
        try (Connection c = database.connect(); PreparedStatement p = c.prepareStatement(sql)) {
            binder.bind(p);
            try (ResultSet r = p.executeQuery()) {
                List<Schedule> out = new ArrayList<>();
                List<UnreadableSchedule> unreadable = new ArrayList<>();
                while (r.next()) {
                    try {
                        out.add(read(r));
                    } catch (IllegalArgumentException e) {
                        // One bad row must not stop the listing, the others' runs or Vigil's start.
                        UnreadableSchedule u = new UnreadableSchedule(r.getString("id"), r.getString("name"),
                                r.getString("experiment_path"), e.getMessage());
                        if (warned.add(u.id())) {
                            LOG.warnf("Schedule %s (%s) cannot be read and does not run: %s", u.id(), LogSafe.escape(u.name()),
                                    LogSafe.escape(u.error()));
                        }
                        unreadable.add(u);
                    }
                }
                return new Rows(out, unreadable);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read schedules: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection c = database.connect(); PreparedStatement p = c.prepareStatement(sql)) {
            binder.bind(p);
            return p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write schedules: " + e.getMessage(), e);
        }
    }

    private static Schedule read(ResultSet r) throws SQLException {
        double interval = r.getDouble("interval_hours");
        Double intervalHours = r.wasNull() ? null : interval;
        long expected = r.getLong("expected_duration_ms");
        Duration expectedDuration = r.wasNull() ? null : Duration.ofMillis(expected);
        Instant recoveryAt = time(r, "recovery_at");
        Recovery recovery = recoveryAt == null ? null
                : new Recovery(r.getString("recovery_note"), r.getString("recovery_actor"), recoveryAt);
        ScheduleType type = ScheduleType.parse(r.getString("schedule_type"));
        // A period or cron the API would refuse (stored before the bounds, or by hand) has no next run to compute:
        // the row is unreadable, so it is listed with the reason and never launched.
        NextRun.checkDefinition(type, intervalHours, r.getString("cron"));
        return new Schedule(r.getString("id"), r.getString("name"), r.getString("experiment_path"),
                type, intervalHours, r.getString("cron"), time(r, "start_at"),
                new RetryPolicy(r.getInt("max_retries"), Duration.ofMillis(r.getLong("retry_delay_ms")), r.getString("backoff"))
                        .validate(),
                expectedDuration, r.getInt("active") == 1, r.getInt("archived") == 1, time(r, "next_run"), time(r, "last_run"),
                r.getInt("retry_attempt"), recovery, r.getInt("version"), time(r, "created_at"), time(r, "updated_at"));
    }

    private static void bind(PreparedStatement p, Schedule s) throws SQLException {
        p.setString(1, s.id());
        p.setString(2, s.name());
        p.setString(3, s.experimentPath());
        p.setString(4, s.scheduleType().label());
        setDouble(p, 5, s.intervalHours());
        p.setString(6, s.cron());
        setTime(p, 7, s.startAt());
        p.setInt(8, s.retry().maxRetries());
        p.setLong(9, s.retry().retryDelay().toMillis());
        p.setString(10, s.retry().backoff());
        setLong(p, 11, s.expectedDuration() == null ? null : s.expectedDuration().toMillis());
        p.setInt(12, s.active() ? 1 : 0);
        p.setInt(13, s.archived() ? 1 : 0);
        setTime(p, 14, s.nextRun());
        setTime(p, 15, s.lastRun());
        p.setInt(16, s.retryAttempt());
        p.setString(17, s.recoveryRequired() == null ? null : s.recoveryRequired().note());
        p.setString(18, s.recoveryRequired() == null ? null : s.recoveryRequired().actor());
        setTime(p, 19, s.recoveryRequired() == null ? null : s.recoveryRequired().at());
        p.setInt(20, s.version());
        p.setTimestamp(21, Timestamp.from(s.createdAt()));
        p.setTimestamp(22, Timestamp.from(s.updatedAt()));
    }

    private static Instant time(ResultSet r, String column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static void setTime(PreparedStatement p, int i, Instant t) throws SQLException {
        if (t == null) {
            p.setNull(i, Types.TIMESTAMP);
        } else {
            p.setTimestamp(i, Timestamp.from(t));
        }
    }

    private static void setDouble(PreparedStatement p, int i, Double d) throws SQLException {
        if (d == null) {
            p.setNull(i, Types.DOUBLE);
        } else {
            p.setDouble(i, d);
        }
    }

    private static void setLong(PreparedStatement p, int i, Long l) throws SQLException {
        if (l == null) {
            p.setNull(i, Types.BIGINT);
        } else {
            p.setLong(i, l);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(s.length() - max);
    }
}
