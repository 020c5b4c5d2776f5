package io.vigil.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The demo's one robot, shared by the lab simulator's own runs and the methods the scheduler launches
 * ({@link RobotRun}). Like a real instrument it runs one method at a time: a start takes the lock row of a small
 * table beside HxRun ({@code DemoRobot}), so two starts at once are serialised, and is refused while a run is Running
 * or Paused. That table also holds a fault the next launched method meets (a failed load check), which the lab
 * simulator sets now and then so the demo shows a failed execution and its retry.
 *
 * <p>Only JDK types here: {@link RobotRun} uses this class in its own JVM.
 */
final class SimulatedRobot {

    static final int RUNNING = 1;
    static final int PAUSED = 2;
    static final int ABORTED = 64;
    static final int COMPLETE = 128;

    /** A start the robot refused: it is busy, or a launched method failed its load check. Nothing was written to HxRun. */
    static final class Refused extends Exception {

        Refused(String why) {
            super(why);
        }
    }

    /** A run on the robot. */
    record Run(String guid, String method) {
    }

    private final String runs;
    private final String robot;

    /** @param hxrunTable the HxRun table; the robot's own table is created in the same schema */
    SimulatedRobot(String hxrunTable) {
        this.runs = hxrunTable;
        int dot = hxrunTable.lastIndexOf('.');
        this.robot = (dot < 0 ? "" : hxrunTable.substring(0, dot + 1)) + "DemoRobot";
    }

    /** The robot's own table: its lock row and the fault waiting for the next launched method. */
    String robotTable() {
        return robot;
    }

    /** Creates the robot's table with its one row, where HxRun's schema exists already. */
    void create(Statement s) throws SQLException {
        s.execute("CREATE TABLE IF NOT EXISTS " + robot + " (Robot INT PRIMARY KEY, Fault VARCHAR(255))");
        s.execute("INSERT INTO " + robot + " (Robot, Fault) SELECT 1, NULL WHERE NOT EXISTS (SELECT 1 FROM " + robot + ")");
    }

    /** The run the robot is busy with: Running or Paused. */
    Optional<Run> busyWith(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT TOP 1 RunGUID, MethodName FROM " + runs
                + " WHERE RunState IN ('" + RUNNING + "', '" + PAUSED + "') ORDER BY StartTime DESC");
                ResultSet r = p.executeQuery()) {
            return r.next() ? Optional.of(new Run(r.getString(1), r.getString(2))) : Optional.empty();
        }
    }

    /**
     * Starts a method: writes its Running row and answers its RunGUID.
     *
     * @param launched whether a scheduled execution launched it (only those meet a waiting fault; the lab's own runs
     *        are started by staff at the deck)
     * @throws Refused while the robot is busy, or when a launched method meets the waiting fault (which it clears)
     */
    String start(Connection c, String method, LocalDateTime at, boolean launched) throws SQLException, Refused {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            String fault;
            // The lock row: a second start waits here until the first has committed its Running row.
            try (PreparedStatement p = c.prepareStatement("SELECT Fault FROM " + robot + " WHERE Robot = 1 FOR UPDATE");
                    ResultSet r = p.executeQuery()) {
                fault = r.next() ? r.getString(1) : null;
            }
            Optional<Run> busy = busyWith(c);
            if (busy.isPresent()) {
                c.rollback();
                throw new Refused("the robot is busy: " + busy.get().method() + " (" + busy.get().guid() + ") is running");
            }
            if (launched && fault != null) {
                try (PreparedStatement p = c.prepareStatement("UPDATE " + robot + " SET Fault = NULL WHERE Robot = 1")) {
                    p.executeUpdate();
                }
                c.commit();
                throw new Refused(fault);
            }
            String guid = UUID.randomUUID().toString().toUpperCase();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + runs
                    + " (RunGUID, MethodName, StartTime, EndTime, RunState) VALUES (?, ?, ?, NULL, ?)")) {
                p.setString(1, guid);
                p.setString(2, method);
                p.setTimestamp(3, Timestamp.valueOf(at));
                p.setInt(4, RUNNING);
                p.executeUpdate();
            }
            c.commit();
            return guid;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Moves a run to a new state; {@code endedAt} is null while it goes on. */
    void setState(Connection c, String guid, int state, LocalDateTime endedAt) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + runs + " SET RunState = ?, EndTime = ? WHERE RunGUID = ?")) {
            p.setInt(1, state);
            if (endedAt == null) {
                p.setNull(2, java.sql.Types.TIMESTAMP);
            } else {
                p.setTimestamp(2, Timestamp.valueOf(endedAt));
            }
            p.setString(3, guid);
            p.executeUpdate();
        }
    }

    /** The next launched method meets this fault and is refused (once). */
    void setFault(Connection c, String fault) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + robot + " SET Fault = ? WHERE Robot = 1")) {
            p.setString(1, fault);
            p.executeUpdate();
        }
    }
}
