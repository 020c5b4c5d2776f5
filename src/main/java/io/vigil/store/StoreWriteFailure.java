package io.vigil.store;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a failure that comes from the database refusing writes (a read-only file, a read-only mount, a database set
 * READ_ONLY) from any other, wherever in the cause chain the SQL exception lies: the stores wrap theirs.
 */
public final class StoreWriteFailure {

    /** H2's DATABASE_IS_READ_ONLY: a file it may not write, or ACCESS_MODE_DATA=r. */
    static final int H2_READ_ONLY = 90097;
    /** SQL Server: "Failed to update database … because the database is read-only". */
    static final int SQL_SERVER_READ_ONLY = 3906;
    /** SQL standard: read-only SQL-transaction. */
    static final String READ_ONLY_TRANSACTION = "25006";

    private StoreWriteFailure() {
    }

    /** @return why the database cannot be written, for people, when that is what the failure says */
    public static Optional<String> reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (readOnly(e)) {
                        return Optional.of("the database is read only");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean readOnly(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return e.getErrorCode() == H2_READ_ONLY || e.getErrorCode() == SQL_SERVER_READ_ONLY
                || READ_ONLY_TRANSACTION.equals(e.getSQLState()) || message.contains("read only")
                || message.contains("read-only");
    }

    /** The failure in a line, without the SQL statement drivers append: for a failure that is not {@link #reason}. */
    static String describe(Throwable failure) {
        Throwable shown = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) {
                shown = t;
                break;
            }
        }
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        message = message.lines().findFirst().orElse("");
        int statement = message.indexOf("; SQL statement");
        return (statement >= 0 ? message.substring(0, statement) : message).strip();
    }
}
