package io.vigil.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one way Vigil's stores talk to {@link VigilDatabase}: a statement, its parameters and how a row reads, on a
 * pooled connection that is always closed. An {@link SQLException} becomes an {@link IllegalStateException} saying
 * what was being done ("cannot read alert rules: …") with the SQL failure as its cause, so
 * {@link StoreWriteFailure} still finds a refused write. Blocking JDBC: call on worker threads.
 */
@ApplicationScoped
public class Jdbc {

    /** Sets a statement's parameters. */
    @FunctionalInterface
    public interface Binder {

        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads the current row. */
    @FunctionalInterface
    public interface RowMapper<T> {

        T map(ResultSet row) throws SQLException;
    }

    /** Statements that must succeed or fail together. */
    @FunctionalInterface
    public interface Work<T> {

        T run(Transaction tx) throws SQLException;
    }

    /** For a statement without parameters. */
    public static final Binder NO_PARAMETERS = statement -> {
    };

    private final VigilDatabase database;

    public Jdbc(VigilDatabase database) {
        this.database = database;
    }

    /**
     * Every row, in order.
     *
     * @param what what is being done, for the failure: "read alert rules" reads "cannot read alert rules: …"
     */
    public <T> List<T> query(String what, String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = database.connect()) {
            return new Transaction(c).query(sql, binder, mapper);
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** The first row, if any. */
    public <T> Optional<T> queryOne(String what, String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = database.connect()) {
            return new Transaction(c).queryOne(sql, binder, mapper);
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** @return how many rows changed */
    public int update(String what, String sql, Binder binder) {
        try (Connection c = database.connect()) {
            return new Transaction(c).update(sql, binder);
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /**
     * Runs {@code work} on one connection and commits; any failure rolls all of it back. (The pool resets the
     * connection's auto-commit when it is returned.)
     */
    public <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(new Transaction(c));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }

    /** The statements of one {@link #inTransaction}, on its connection. */
    public static final class Transaction {

        private final Connection connection;

        private Transaction(Connection connection) {
            this.connection = connection;
        }

        public <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                binder.bind(p);
                try (ResultSet rows = p.executeQuery()) {
                    List<T> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(mapper.map(rows));
                    }
                    return out;
                }
            }
        }

        public <T> Optional<T> queryOne(String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                binder.bind(p);
                try (ResultSet rows = p.executeQuery()) {
                    return rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty();
                }
            }
        }

        public int update(String sql, Binder binder) throws SQLException {
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                binder.bind(p);
                return p.executeUpdate();
            }
        }
    }

    /** A {@link Timestamp} parameter (in the JVM's zone, as JDBC does), or SQL NULL. */
    public static void setTimestamp(PreparedStatement p, int index, Instant at) throws SQLException {
        if (at == null) {
            p.setNull(index, Types.TIMESTAMP);
        } else {
            p.setTimestamp(index, Timestamp.from(at));
        }
    }

    /** The column read as {@link #setTimestamp} wrote it; null for SQL NULL. */
    public static Instant timestamp(ResultSet row, String column) throws SQLException {
        Timestamp t = row.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    public static void setDouble(PreparedStatement p, int index, Double value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.DOUBLE);
        } else {
            p.setDouble(index, value);
        }
    }

    public static void setLong(PreparedStatement p, int index, Long value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.BIGINT);
        } else {
            p.setLong(index, value);
        }
    }

    public static void setInteger(PreparedStatement p, int index, Integer value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.INTEGER);
        } else {
            p.setInt(index, value);
        }
    }
}
