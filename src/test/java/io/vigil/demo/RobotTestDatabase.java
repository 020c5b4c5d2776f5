package io.vigil.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** An embedded HxRun database of a test's own, as the demo's robot sees it, and the demo configuration that names it. */
final class RobotTestDatabase {

    static final String TABLE = "dbo.HxRun";

    final String url = "jdbc:h2:mem:robot-" + UUID.randomUUID() + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;"
            + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    /** Null: the robot never fails a load check. */
    volatile Duration loadCheckFailureEvery;
    final DemoConfig config = new DemoConfig() {

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public Duration tick() {
            return Duration.ofSeconds(3);
        }

        @Override
        public Optional<Duration> loadCheckFailureEvery() {
            return Optional.ofNullable(loadCheckFailureEvery);
        }

        @Override
        public String hxrunUrl() {
            return url;
        }

        @Override
        public Optional<String> hxrunUsername() {
            return Optional.of("sa");
        }

        @Override
        public Optional<String> hxrunPassword() {
            return Optional.empty();
        }

        @Override
        public String hxrunTable() {
            return TABLE;
        }

        @Override
        public Storage storage() {
            return new Storage() {

                @Override
                public String bucket() {
                    return "vigil-demo-plates";
                }

                @Override
                public Duration tick() {
                    return Duration.ofSeconds(20);
                }
            };
        }
    };

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }

    void execute(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            p.executeUpdate();
        }
    }

    /** Runs Running or Paused now: the robot's busy runs. */
    int busyRuns() throws SQLException {
        return count("RunState IN (1, 2)");
    }

    int count(String where) throws SQLException {
        try (Connection c = connect();
                ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + TABLE + " WHERE " + where)) {
            r.next();
            return r.getInt(1);
        }
    }

    /** The method names of every run, oldest first. */
    List<String> methods() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect();
                ResultSet r = c.createStatement().executeQuery("SELECT MethodName FROM " + TABLE + " ORDER BY StartTime")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
