package io.vigil.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * The demo's stand-in for {@code HxRun.exe <method> -t}: a separate process that runs a "method" the way VENUS does
 * — it writes a Running row to HxRun, works for a while, then ends the row Complete (or Aborted for a method whose
 * name says abort) and exits with HxRun's code. The robot runs one method at a time ({@link SimulatedRobot}): while
 * it is busy the method is refused, as HxRun refuses a second method on an instrument in use, and now and then a
 * method fails its load check (the lab simulator arranges that, so the demo shows a retry). Either way no row is
 * written and the exit code is {@value #REFUSED}, which the scheduler records as a failed execution and retries per
 * the schedule's policy. It needs
 * only the JDK and the H2 driver, and reaches the embedded HxRun database through the TCP port
 * {@link RobotDatabaseServer} opens in demo mode, with the login it reads from the file it is given (never from its
 * command line).
 *
 * <p>Usage: {@code RobotRun <login-file> <method> <seconds>}
 */
public final class RobotRun {

    static final int COMPLETED = 0;
    static final int REFUSED = 1;
    static final int ABORTED = 64;

    private RobotRun() {
    }

    public static void main(String[] args) throws IOException, SQLException, InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: RobotRun <login-file> <method> <seconds>");
            System.exit(2);
        }
        RobotLogin login = RobotLogin.read(Path.of(args[0]));
        System.exit(run(login, args[1], Duration.ofSeconds(Long.parseLong(args[2])), System.out));
    }

    /** Runs one method on the robot and answers HxRun's exit code. */
    static int run(RobotLogin login, String method, Duration length, PrintStream out) throws SQLException, InterruptedException {
        SimulatedRobot robot = new SimulatedRobot(login.table());
        boolean abort = method.toLowerCase().contains("abort");
        try (Connection c = DriverManager.getConnection(login.url(), login.user(), login.password())) {
            String guid;
            try {
                guid = robot.start(c, method, LocalDateTime.now(), true);
            } catch (SimulatedRobot.Refused refused) {
                out.println("HxRun " + method + " not started: " + refused.getMessage());
                return REFUSED;
            }
            out.println("HxRun " + method + " started as " + guid);
            Thread.sleep(length.toMillis());
            robot.setState(c, guid, abort ? SimulatedRobot.ABORTED : SimulatedRobot.COMPLETE, LocalDateTime.now());
        }
        out.println("HxRun " + method + (abort ? " aborted" : " complete"));
        return abort ? ABORTED : COMPLETED;
    }
}
