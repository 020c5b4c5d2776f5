package io.vigil.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.vigil.store.Jdbc;
import io.vigil.store.Truncate;

/**
 * Executions in Vigil's database: {@code job_execution} while their schedule exists, {@code job_execution_archive}
 * (with the schedule's name and path) once it is deleted. Blocking JDBC: call on worker threads.
 */
@ApplicationScoped
public class ExecutionStore {

    private static final String COLUMNS = "id, schedule_id, status, attempt, retry_count, start_time, end_time, exit_code,"
            + " error, command, output_tail, run_guid, created_at";
    /** An execution with its schedule's name and path, as {@link #read} reads it. */
    private static final String LIVE = "e.id, e.schedule_id, s.name AS schedule_name, s.experiment_path, e.status, e.attempt,"
            + " e.retry_count, e.start_time, e.end_time, e.exit_code, e.error, e.command, e.output_tail, e.run_guid, e.created_at";
    private static final String ARCHIVED = "e.id, e.schedule_id, e.schedule_name, e.experiment_path, e.status, e.attempt,"
            + " e.retry_count, e.start_time, e.end_time, e.exit_code, e.error, e.command, e.output_tail, e.run_guid, e.created_at";

    private final Jdbc jdbc;

    public ExecutionStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the execution as it is now, replacing what was stored under its id. */
    public void save(JobExecution e) {
        jdbc.inTransaction("write execution " + e.id(), tx -> {
            tx.update("DELETE FROM job_execution WHERE id = ?", p -> p.setString(1, e.id()));
            return tx.update("INSERT INTO job_execution (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p -> {
                p.setString(1, e.id());
                p.setString(2, e.scheduleId());
                p.setString(3, e.status().label());
                p.setInt(4, e.attempt());
                p.setInt(5, e.retryCount());
                Jdbc.setTimestamp(p, 6, e.start());
                Jdbc.setTimestamp(p, 7, e.end());
                Jdbc.setInteger(p, 8, e.exitCode());
                // What went wrong is said first; what a process printed last is where it stopped.
                p.setString(9, Truncate.keepingHead(e.error(), 2000));
                p.setString(10, Truncate.keepingHead(e.command(), 2000));
                p.setString(11, Truncate.keepingTail(e.outputTail(), 8000));
                p.setString(12, e.runGuid());
                p.setTimestamp(13, Timestamp.from(e.createdAt()));
            });
        });
    }

    /** Executions not finished (pending, waiting for capacity, running), oldest first: what a restart must settle. */
    public List<JobExecution> unfinished() {
        return jdbc.query("read executions",
                "SELECT " + LIVE + " FROM job_execution e LEFT JOIN schedule s ON s.id = e.schedule_id"
                        + " WHERE e.status IN ('pending', 'waiting_capacity', 'running') ORDER BY e.created_at",
                Jdbc.NO_PARAMETERS,
                r -> read(r, false));
    }

    /**
     * Executions newest first, live and archived merged; an execution in both (archived while being read) is shown
     * once, as archived.
     *
     * @param scheduleId only this schedule's; null: every schedule's
     */
    public List<JobExecution> newest(String scheduleId, int limit) {
        String where = scheduleId == null ? "" : " WHERE e.schedule_id = ?";
        Jdbc.Binder schedule = p -> {
            if (scheduleId != null) {
                p.setString(1, scheduleId);
            }
        };
        Map<String, JobExecution> merged = new LinkedHashMap<>();
        jdbc.query("read executions", "SELECT TOP " + limit + " " + ARCHIVED + " FROM job_execution_archive e" + where
                + " ORDER BY e.created_at DESC", schedule, r -> read(r, true))
                .forEach(e -> merged.putIfAbsent(e.id(), e));
        jdbc.query("read executions", "SELECT TOP " + limit + " " + LIVE + " FROM job_execution e LEFT JOIN schedule s"
                + " ON s.id = e.schedule_id" + where + " ORDER BY e.created_at DESC", schedule, r -> read(r, false))
                .forEach(e -> merged.putIfAbsent(e.id(), e));
        return merged.values().stream().sorted(Comparator.comparing(JobExecution::createdAt).reversed()).limit(limit).toList();
    }

    /**
     * Moves a schedule's executions to the archive, keeping its name and path, within the transaction that deletes
     * the schedule.
     */
    void archive(Jdbc.Transaction tx, String scheduleId, String scheduleName, String experimentPath) throws SQLException {
        tx.update("INSERT INTO job_execution_archive (id, schedule_id, schedule_name, experiment_path, status, attempt,"
                + " retry_count, start_time, end_time, exit_code, error, command, output_tail, run_guid, created_at, archived_at)"
                + " SELECT id, schedule_id, ?, ?, status, attempt, retry_count, start_time, end_time, exit_code, error, command,"
                + " output_tail, run_guid, created_at, ? FROM job_execution WHERE schedule_id = ?", p -> {
                    p.setString(1, scheduleName);
                    p.setString(2, experimentPath);
                    p.setTimestamp(3, Timestamp.from(Instant.now()));
                    p.setString(4, scheduleId);
                });
        tx.update("DELETE FROM job_execution WHERE schedule_id = ?", p -> p.setString(1, scheduleId));
    }

    private static JobExecution read(ResultSet r, boolean archived) throws SQLException {
        return new JobExecution(r.getString("id"), r.getString("schedule_id"), r.getString("schedule_name"),
                r.getString("experiment_path"), ExecutionStatus.valueOf(r.getString("status").toUpperCase()), r.getInt("attempt"),
                r.getInt("retry_count"), Jdbc.timestamp(r, "start_time"), Jdbc.timestamp(r, "end_time"),
                (Integer) r.getObject("exit_code"), r.getString("error"), r.getString("command"), r.getString("output_tail"),
                r.getString("run_guid"), Jdbc.timestamp(r, "created_at"), archived);
    }
}
