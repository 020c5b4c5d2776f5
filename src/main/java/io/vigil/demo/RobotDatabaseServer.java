package io.vigil.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import org.h2.tools.Server;

/**
 * The H2 TCP server through which the demo's robot process writes the embedded HxRun database, and the login it uses.
 * Everything that opens it is new at each start and handed over in a file only Vigil's user can read
 * ({@link RobotLogin}):
 * <ul>
 * <li>The server serves that one database, under a random name ({@code -key}): any other name, the database's own
 * among them and Vigil's own database on disk, is refused as a wrong login. Without that, the port opened Vigil's own
 * database (tokens, settings) to anyone who knew H2's default {@code sa} login.</li>
 * <li>The robot logs in as a user of its own with a random password, allowed only to read and write the HxRun
 * table and the robot's own ({@link SimulatedRobot}): it is no admin, so it cannot define Java functions ({@code CREATE ALIAS}), read files or run scripts.</li>
 * <li>Without {@code -tcpAllowOthers} H2 drops connections from other machines; the remote shutdown needs a random
 * password.</li>
 * </ul>
 * H2 listens on every interface unless the JVM starts with {@code -Dh2.bindAddress=127.0.0.1} (read once, when H2
 * loads), as the {@code vigil} launcher does.
 */
@ApplicationScoped
public class RobotDatabaseServer {

    static final String ROBOT_USER = "HXRUN_ROBOT";
    private static final String EMBEDDED = "jdbc:h2:mem:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DemoConfig config;
    private Server server;
    private Path loginFile;

    public RobotDatabaseServer(DemoConfig config) {
        this.config = config;
    }

    /**
     * Opens the embedded database to the robot, whose tables must exist by now.
     *
     * @return the file with the robot's login
     */
    synchronized Path open() throws SQLException, IOException {
        String embedded = config.hxrunUrl();
        if (!embedded.startsWith(EMBEDDED)) {
            throw new IllegalStateException("the robot reaches only the embedded HxRun database, not " + embedded);
        }
        String rest = embedded.substring(EMBEDDED.length());
        int settings = rest.indexOf(';') < 0 ? rest.length() : rest.indexOf(';');
        String key = secret();
        String password = secret();
        try (Connection c = DriverManager.getConnection(embedded, config.hxrunUsername().orElse(""),
                config.hxrunPassword().orElse("")); Statement s = c.createStatement()) {
            // The in-memory database outlives a restart in the same JVM (tests, dev mode): the user may be there already.
            s.execute("CREATE USER IF NOT EXISTS " + ROBOT_USER + " PASSWORD '" + password + "'");
            s.execute("ALTER USER " + ROBOT_USER + " SET PASSWORD '" + password + "'");
            s.execute("GRANT SELECT, INSERT, UPDATE ON " + config.hxrunTable() + " TO " + ROBOT_USER);
            // Its lock row is taken with SELECT ... FOR UPDATE.
            s.execute("GRANT SELECT, UPDATE ON " + new SimulatedRobot(config.hxrunTable()).robotTable() + " TO " + ROBOT_USER);
        }
        server = Server.createTcpServer("-tcpPort", "0", "-key", key, "mem:" + rest.substring(0, settings),
                "-tcpPassword", secret()).start();
        // No settings in this URL: the database has them already, and changing them needs an admin.
        String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/" + key;
        loginFile = new RobotLogin(url, ROBOT_USER, password, config.hxrunTable()).writeToNewFile();
        return loginFile;
    }

    synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (loginFile != null) {
            try {
                Files.deleteIfExists(loginFile);
            } catch (IOException ignored) {
                // Its login is worthless once the server is gone.
            }
            loginFile = null;
        }
    }

    /** The port, 0 when closed. */
    synchronized int port() {
        return server == null ? 0 : server.getPort();
    }

    /** Whether H2 would take connections from other machines (it must not). */
    synchronized boolean allowsOthers() {
        return server != null && server.getService().getAllowOthers();
    }

    synchronized Path loginFile() {
        return loginFile;
    }

    /** 128 random bits in hex: safe inside an H2 name, a URL and an SQL string literal. */
    private static String secret() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
