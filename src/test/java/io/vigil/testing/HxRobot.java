package io.vigil.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.UUID;

/** Writes HxRun rows the way VENUS does, over the test database's TCP server; and takes that server away. */
public final class HxRobot {

    private HxRobot() {
    }

    public static String start(String method, String state) {
        String guid = UUID.randomUUID().toString().toUpperCase();
        insert(guid, method, LocalDateTime.now(), null, state);
        return guid;
    }

    public static void insert(String guid, String method, LocalDateTime start, LocalDateTime end, String state) {
        execute("INSERT INTO HamiltonVectorDB.dbo.HxRun (RunGUID, MethodName, StartTime, EndTime, RunState) VALUES (?, ?, ?, ?, ?)",
                guid, method, start, end, state);
    }

    public static void setState(String guid, String state, boolean ended) {
        execute("UPDATE HamiltonVectorDB.dbo.HxRun SET RunState = ?, EndTime = ? WHERE RunGUID = ?", state,
                ended ? LocalDateTime.now() : null, guid);
    }

    /** Ends every run the robot left busy, so one test's run does not keep the robot busy for the next. */
    public static void finishAll() {
        execute("UPDATE HamiltonVectorDB.dbo.HxRun SET RunState = '128', EndTime = ? WHERE RunState IN ('1', '2')",
                LocalDateTime.now());
    }

    public static void takeDatabaseAway() {
        control().stopServer();
    }

    public static void bringDatabaseBack() {
        control().startServer();
    }

    private static HxRunDatabase control() {
        HxRunDatabase db = HxRunDatabase.current;
        if (db == null) {
            throw new IllegalStateException("the HxRun test database was started in another class loader");
        }
        return db;
    }

    private static void execute(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(System.getProperty(HxRunDatabase.URL), "sa", "");
                PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a == null) {
                    p.setNull(i + 1, Types.VARCHAR);
                } else if (a instanceof LocalDateTime t) {
                    p.setTimestamp(i + 1, Timestamp.valueOf(t));
                } else {
                    p.setString(i + 1, a.toString());
                }
            }
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("HxRun write failed: " + e.getMessage(), e);
        }
    }
}
