package io.vigil.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.h2.tools.Server;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HxRun database for the tests: H2 in SQL Server mode behind its own TCP server, so a test can take the
 * database away (stop the server) and bring it back, as a lab's SQL Server would come and go. Vigil connects to it
 * over TCP like to any server; {@link HxRobot} writes the rows as VENUS would.
 */
public class HxRunDatabase implements QuarkusTestResourceLifecycleManager {

    static final String URL = "vigil.test.hxrun.url";
    static final String OPTIONS = ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";

    static volatile HxRunDatabase current;

    private Server server;
    private int port;

    @Override
    public Map<String, String> start() {
        port = freePort();
        startServer();
        String url = "jdbc:h2:tcp://localhost:" + port + "/mem:HamiltonVectorDB" + OPTIONS;
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS dbo");
            s.execute("CREATE TABLE IF NOT EXISTS HamiltonVectorDB.dbo.HxRun (RunGUID VARCHAR(64) PRIMARY KEY,"
                    + " MethodName VARCHAR(255), StartTime DATETIME2, EndTime DATETIME2, RunState VARCHAR(32))");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the HxRun test database", e);
        }
        current = this;
        System.setProperty(URL, url);
        return Map.of("quarkus.datasource.hxrun.jdbc.url", url);
    }

    synchronized void startServer() {
        try {
            server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the H2 TCP server on port " + port, e);
        }
    }

    synchronized void stopServer() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void stop() {
        stopServer();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
