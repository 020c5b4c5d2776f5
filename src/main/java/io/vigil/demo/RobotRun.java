package io.vigil.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * The demo's stand-in for {@code HxRun.exe <method> -t}: a separate process that runs a "method" the way VENUS does
 * — it writes a Running row to HxRun, works for a while, then ends the row Complete (or Aborted for a method whose
 * name says abort) and exits with HxRun's code. It needs only the JDK and the H2 driver, and reaches the embedded
 * HxRun database through the TCP port {@link RobotDatabaseServer} opens in demo mode, with the login it reads from the
 * file it is given (never from its command line).
 *
 * <p>Usage: {@code RobotRun <login-file> <method> <seconds>}
 */
public final class RobotRun {

    private RobotRun() {
    }

    public static void main(String[] args) throws IOException, SQLException, InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: RobotRun <login-file> <method> <seconds>");
            System.exit(2);
        }
        RobotLogin login = RobotLogin.read(Path.of(args[0]));
        String table = login.table();
        String method = args[1];
        long seconds = Long.parseLong(args[2]);
        String guid = UUID.randomUUID().toString().toUpperCase();
        boolean abort = method.toLowerCase().contains("abort");
        try (Connection c = DriverManager.getConnection(login.url(), login.user(), login.password())) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table
                    + " (RunGUID, MethodName, StartTime, EndTime, RunState) VALUES (?, ?, ?, NULL, 1)")) {
                p.setString(1, guid);
                p.setString(2, method);
                p.setTimestamp(3, Timestamp.valueOf(LocalDateTime.now()));
                p.executeUpdate();
            }
            System.out.println("HxRun " + method + " started as " + guid);
            Thread.sleep(seconds * 1000);
            try (PreparedStatement p = c.prepareStatement("UPDATE " + table + " SET RunState = ?, EndTime = ? WHERE RunGUID = ?")) {
                p.setInt(1, abort ? LabSimulator.ABORTED : LabSimulator.COMPLETE);
                p.setTimestamp(2, Timestamp.valueOf(LocalDateTime.now()));
                p.setString(3, guid);
                p.executeUpdate();
            }
        }
        System.out.println("HxRun " + method + (abort ? " aborted" : " complete"));
        System.exit(abort ? 64 : 0);
    }
}
