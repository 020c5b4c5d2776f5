package io.vigil.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.vigil.store.VigilDatabase;

/** Audit records in Vigil's database. Blocking JDBC: call it on worker threads. */
@ApplicationScoped
public class AuditStore {

    private static final String COLUMNS = "id, at, actor, auth, action, target, outcome, remote, detail";

    private final VigilDatabase database;

    public AuditStore(VigilDatabase database) {
        this.database = database;
    }

    public void insert(AuditEvent e) {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO audit_event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, e.id());
            s.setObject(2, utc(e.at()));
            s.setString(3, clip(e.actor(), 200));
            s.setString(4, e.auth());
            s.setString(5, clip(e.action(), 16));
            s.setString(6, clip(e.target(), 400));
            s.setInt(7, e.outcome());
            s.setString(8, clip(e.remote(), 100));
            s.setString(9, clip(e.detail(), 1000));
            s.executeUpdate();
        } catch (SQLException x) {
            throw new IllegalStateException("cannot store the audit record: " + x.getMessage(), x);
        }
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
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                List<AuditEvent> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new AuditEvent(rs.getString("id"), rs.getObject("at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                            rs.getString("actor"), rs.getString("auth"), rs.getString("action"), rs.getString("target"),
                            rs.getInt("outcome"), rs.getString("remote"), rs.getString("detail")));
                }
                return out;
            }
        } catch (SQLException x) {
            throw new IllegalStateException("cannot read the audit records: " + x.getMessage(), x);
        }
    }

    /** @return how many records older than {@code cutoff} were deleted */
    public int deleteBefore(Instant cutoff) {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("DELETE FROM audit_event WHERE at < ?")) {
            s.setObject(1, utc(cutoff));
            return s.executeUpdate();
        } catch (SQLException x) {
            throw new IllegalStateException("cannot delete old audit records: " + x.getMessage(), x);
        }
    }

    private static LocalDateTime utc(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
