package io.vigil.notify.log;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vigil.log.LogSafe;
import io.vigil.store.Jdbc;
import io.vigil.store.Truncate;

/**
 * The notification log in Vigil's database: a row per attempt ({@code notification_log}) and a row per delivered
 * alert key ({@code notification_sent}), which is what the dedupe stage reads before every send. Blocking JDBC: call
 * it on worker threads.
 */
@ApplicationScoped
public class NotificationLog implements SentLedger {

    private static final Logger LOG = Logger.getLogger(NotificationLog.class);
    private static final int IN_CHUNK = 500;
    private static final String COLUMNS = "id, notification_id, dedupe_key, receiver, kind, group_key, alert_count,"
            + " outcome, attempt, error, detail, created_at";

    /** One attempt as the log keeps it. */
    public record Entry(String id, String notificationId, String dedupeKey, String receiver, String kind, String groupKey,
            int alertCount, String outcome, int attempt, String error, String detail, Instant at) {
    }

    private final Jdbc jdbc;

    public NotificationLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes one attempt; with {@code delivered}, also records the keys it delivered (in the same transaction), so
     * that they are never sent again. A key already on record (another instance got there first) is reported, not
     * fatal.
     */
    public void append(Entry entry, List<String> deliveredKeys, Instant deliveredAt) {
        int duplicates = jdbc.inTransaction("write the notification log", tx -> {
            tx.update("INSERT INTO notification_log (id, notification_id, dedupe_key, receiver, kind, group_key,"
                    + " alert_count, outcome, attempt, error, detail, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s -> bindEntry(s, entry));
            int already = 0;
            for (String key : deliveredKeys) {
                already += insertSent(tx, key, entry.notificationId(), deliveredAt) ? 0 : 1;
            }
            return already;
        });
        if (duplicates > 0) {
            LOG.warnf("Notification %s to %s: %d of its keys were already on record (sent twice)", entry.notificationId(),
                    LogSafe.escape(entry.receiver()), duplicates);
        }
    }

    private static void bindEntry(PreparedStatement s, Entry e) throws SQLException {
        s.setString(1, e.id());
        s.setString(2, e.notificationId());
        s.setString(3, Truncate.keepingHead(e.dedupeKey(), 400));
        s.setString(4, e.receiver());
        s.setString(5, Truncate.keepingHead(e.kind(), 64));
        s.setString(6, Truncate.keepingHead(e.groupKey(), 1000));
        s.setInt(7, e.alertCount());
        s.setString(8, e.outcome());
        s.setInt(9, e.attempt());
        s.setString(10, Truncate.keepingHead(e.error(), 2000));
        s.setString(11, Truncate.keepingHead(e.detail(), 1000));
        s.setObject(12, utc(e.at()));
    }

    /** @return false when the key is already on record */
    private static boolean insertSent(Jdbc.Transaction tx, String key, String notificationId, Instant at)
            throws SQLException {
        String[] parts = key.split("\\|", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a dedupe key: " + key);
        }
        try {
            tx.update("INSERT INTO notification_sent (dedupe_key, episode, receiver, kind, notification_id, sent_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", s -> {
                        s.setString(1, key);
                        s.setString(2, parts[0]);
                        s.setString(3, parts[1]);
                        s.setString(4, parts[2]);
                        s.setString(5, notificationId);
                        s.setObject(6, utc(at));
                    });
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Map<String, List<SentRecord>> sent(String receiver, Collection<String> episodes) {
        Map<String, List<SentRecord>> out = new HashMap<>();
        List<String> all = List.copyOf(episodes);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            List<SentRecord> rows = jdbc.query("read the notification log",
                    "SELECT episode, kind, sent_at FROM notification_sent WHERE receiver = ? AND episode IN (" + marks
                            + ")",
                    s -> {
                        s.setString(1, receiver);
                        for (int i = 0; i < chunk.size(); i++) {
                            s.setString(i + 2, chunk.get(i));
                        }
                    }, rs -> new SentRecord(rs.getString(1), rs.getString(2), instant(rs, 3)));
            for (SentRecord r : rows) {
                out.computeIfAbsent(r.episode(), k -> new ArrayList<>()).add(r);
            }
        }
        return out;
    }

    /** The newest entries first, of one receiver or of all. */
    public List<Entry> recent(int limit, String receiver) {
        String sql = "SELECT " + COLUMNS + " FROM notification_log" + (receiver == null ? "" : " WHERE receiver = ?")
                + " ORDER BY created_at DESC, attempt DESC OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY";
        return jdbc.query("read the notification log", sql, s -> {
            int i = 1;
            if (receiver != null) {
                s.setString(i++, receiver);
            }
            s.setInt(i, limit);
        }, NotificationLog::entry);
    }

    /** The latest failed or retrying attempt of each receiver (of one receiver when given), newest first. */
    public List<Entry> lastErrors(String receiver) {
        String sql = "SELECT l.id, l.notification_id, l.dedupe_key, l.receiver, l.kind, l.group_key, l.alert_count,"
                + " l.outcome, l.attempt, l.error, l.detail, l.created_at FROM notification_log l"
                + " JOIN (SELECT receiver, MAX(created_at) AS latest FROM notification_log"
                + " WHERE outcome IN ('failed', 'retrying')" + (receiver == null ? "" : " AND receiver = ?")
                + " GROUP BY receiver) m ON l.receiver = m.receiver AND l.created_at = m.latest"
                + " WHERE l.outcome IN ('failed', 'retrying') ORDER BY l.created_at DESC";
        List<Entry> rows = jdbc.query("read the notification log", sql, s -> {
            if (receiver != null) {
                s.setString(1, receiver);
            }
        }, NotificationLog::entry);
        Map<String, Entry> byReceiver = new LinkedHashMap<>();
        rows.forEach(e -> byReceiver.putIfAbsent(e.receiver(), e));
        return List.copyOf(byReceiver.values());
    }

    /** Deletes log entries and dedupe records older than {@code before}; returns how many rows went. */
    public int purge(Instant before) {
        return jdbc.inTransaction("purge the notification log",
                tx -> tx.update("DELETE FROM notification_log WHERE created_at < ?", s -> s.setObject(1, utc(before)))
                        + tx.update("DELETE FROM notification_sent WHERE sent_at < ?", s -> s.setObject(1, utc(before))));
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7), rs.getString(8), rs.getInt(9), rs.getString(10), rs.getString(11),
                instant(rs, 12));
    }

    static LocalDateTime utc(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
