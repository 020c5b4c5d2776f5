package io.vigil.source.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import io.vigil.hub.view.HxRun;

/** Reads the latest runs from HxRun, read-only. Blocking JDBC: callers run it on a worker thread. */
final class HxRunReader {

    private static final Pattern TABLE = Pattern.compile("[\\[\\]A-Za-z0-9_.]+");

    private final DataSource dataSource;
    private final String sql;
    private final ZoneId zone;
    private final RunStateMap states;

    HxRunReader(DataSource dataSource, String table, int limit, ZoneId zone, RunStateMap states) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("vigil.experiments.table='" + table + "' is not a table name");
        }
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("vigil.experiments.recent-runs must be within 1..10000, got " + limit);
        }
        this.dataSource = dataSource;
        // TOP takes no bind parameter on every server; the limit is a checked integer and the table a checked name.
        this.sql = "SELECT TOP " + limit + " RunGUID, MethodName, StartTime, EndTime, RunState FROM " + table
                + " ORDER BY StartTime DESC";
        this.zone = zone;
        this.states = states;
    }

    List<HxRun> latest() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
                List<HxRun> runs = new ArrayList<>();
                while (rows.next()) {
                    String raw = rows.getString("RunState");
                    runs.add(new HxRun(rows.getString("RunGUID"), rows.getString("MethodName"),
                            instant(rows.getTimestamp("StartTime")), instant(rows.getTimestamp("EndTime")), raw,
                            states.map(raw)));
                }
                return runs;
            }
        }
    }

    private Instant instant(Timestamp t) {
        return t == null ? null : t.toLocalDateTime().atZone(zone).toInstant();
    }
}
