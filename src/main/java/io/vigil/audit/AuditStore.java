package io.vigil.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.vigil.store.Jdbc;
import io.vigil.store.Truncate;

/** Audit records in Vigil's database, their times in UTC. Blocking JDBC: call it on worker threads. */
@ApplicationScoped
public class AuditStore {

    private static final String COLUMNS = "id, at, actor, auth, action, target, outcome, remote, detail";

    private final Jdbc jdbc;

    public AuditStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(AuditEvent e) {
        jdbc.update("store the audit record", "INSERT INTO audit_event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setString(1, e.id());
                    s.setObject(2, utc(e.at()));
                    s.setString(3, Truncate.keepingHead(e.actor(), 200));
                    s.setString(4, e.auth());
                    s.setString(5, Truncate.keepingHead(e.action(), 16));
                    s.setString(6, Truncate.keepingHead(e.target(), 400));
                    s.setInt(7, e.outcome());
                    s.setString(8, Truncate.keepingHead(e.remote(), 100));
                    s.setString(9, Truncate.keepingHead(e.detail(), 1000));
                });
    }

    /**
     * The newest records first.
     *
     * @param since only records at or after this time; null: any
     * @param actor only this actor's records; null: anyone's
     */
    public List<AuditEvent> newest(int limit, Instant since, String actor) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_event WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (since != null) {
            sql.append(" AND at >= ?");
            params.add(utc(since));
        }
        if (actor != null) {
            sql.append(" AND actor = ?");
            params.add(actor);
        }
        sql.append(" ORDER BY at DESC, id OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY");
        params.add(limit);
        return jdbc.query("read the audit records", sql.toString(), s -> {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
        }, AuditStore::read);
    }

    /** @return how many records older than {@code cutoff} were deleted */
    public int deleteBefore(Instant cutoff) {
        return jdbc.update("delete old audit records", "DELETE FROM audit_event WHERE at < ?", s -> s.setObject(1, utc(cutoff)));
    }

    private static AuditEvent read(ResultSet rs) throws SQLException {
        return new AuditEvent(rs.getString("id"), rs.getObject("at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                rs.getString("actor"), rs.getString("auth"), rs.getString("action"), rs.getString("target"),
                rs.getInt("outcome"), rs.getString("remote"), rs.getString("detail"));
    }

    private static LocalDateTime utc(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
