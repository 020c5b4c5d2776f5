package io.vigil.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.log.LogSafe;
import io.vigil.store.VigilDatabase;

/** Alerts that are live (so a restart resumes them), their history, and acknowledgements. Blocking JDBC. */
@ApplicationScoped
public class AlertStore {

    private static final Logger LOG = Logger.getLogger(AlertStore.class);

    private final VigilDatabase database;
    private final ObjectMapper json;

    public AlertStore(VigilDatabase database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    /**
     * Records a change: the live state (removed once inactive; a notice is never live) and a history row for every
     * state reached, saying why Vigil ended it when it did.
     */
    public void changed(Alert alert, boolean stateChanged) {
        try (Connection c = database.connect()) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM active_alert WHERE id = ?")) {
                p.setString(1, alert.id());
                p.executeUpdate();
            }
            if (alert.state() != AlertState.INACTIVE && !alert.notice()) {
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO active_alert (id, rule_name, state, body, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                    p.setString(1, alert.id());
                    p.setString(2, alert.rule());
                    p.setString(3, alert.state().name());
                    p.setString(4, write(alert));
                    p.setTimestamp(5, Timestamp.from(Instant.now()));
                    p.executeUpdate();
                }
            }
            if (stateChanged) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO alert_history (id, alert_id, rule_name, severity, state,"
                        + " labels, alert_value, summary, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    p.setString(1, UUID.randomUUID().toString());
                    p.setString(2, alert.id());
                    p.setString(3, alert.rule());
                    p.setString(4, alert.severity().label());
                    p.setString(5, alert.state().name());
                    p.setString(6, write(alert.labels()));
                    if (Double.isNaN(alert.value()) || Double.isInfinite(alert.value())) {
                        p.setNull(7, Types.DOUBLE);
                    } else {
                        p.setDouble(7, alert.value());
                    }
                    String summary = alert.annotations().get("summary");
                    if (alert.reason() != null) {
                        summary = (summary == null ? "" : summary + " ") + "(" + alert.reason() + ")";
                    }
                    p.setString(8, truncate(summary, 2000));
                    p.setTimestamp(9, Timestamp.from(alert.updatedAt() == null ? Instant.now() : alert.updatedAt()));
                    p.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store alert " + alert.id() + ": " + e.getMessage(), e);
        }
    }

    public List<Alert> live() {
        try (Connection c = database.connect(); PreparedStatement p = c.prepareStatement("SELECT body FROM active_alert");
                ResultSet rows = p.executeQuery()) {
            List<Alert> out = new ArrayList<>();
            while (rows.next()) {
                try {
                    out.add(json.readValue(rows.getString(1), Alert.class));
                } catch (JsonProcessingException e) {
                    // Written by another version: that alert starts over, the others and the start go on.
                    LOG.warnf("A stored live alert cannot be read and is dropped: %s", LogSafe.escape(e.getOriginalMessage()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read live alerts: " + e.getMessage(), e);
        }
    }

    public List<Map<String, Object>> history(int limit, String rule) {
        String sql = "SELECT TOP " + Math.max(1, Math.min(limit, 10_000)) + " alert_id, rule_name, severity, state, labels,"
                + " alert_value, summary, at FROM alert_history" + (rule == null ? "" : " WHERE rule_name = ?") + " ORDER BY at DESC";
        try (Connection c = database.connect(); PreparedStatement p = c.prepareStatement(sql)) {
            if (rule != null) {
                p.setString(1, rule);
            }
            try (ResultSet rows = p.executeQuery()) {
                List<Map<String, Object>> out = new ArrayList<>();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("alert_id", rows.getString("alert_id"));
                    row.put("rule", rows.getString("rule_name"));
                    row.put("severity", rows.getString("severity"));
                    row.put("state", rows.getString("state"));
                    row.put("labels", json.readValue(rows.getString("labels"), new TypeReference<Map<String, String>>() {
                    }));
                    double value = rows.getDouble("alert_value");
                    row.put("value", rows.wasNull() ? null : value);
                    row.put("summary", rows.getString("summary"));
                    row.put("at", rows.getTimestamp("at").toInstant());
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read alert history: " + e.getMessage(), e);
        }
    }

    public void acknowledge(Alert alert, Acknowledgement ack) {
        try (Connection c = database.connect()) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM alert_ack WHERE alert_id = ? AND episode = ?")) {
                p.setString(1, alert.id());
                p.setString(2, alert.episodeKey());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO alert_ack (alert_id, episode, acked_by, acked_at, note) VALUES (?, ?, ?, ?, ?)")) {
                p.setString(1, alert.id());
                p.setString(2, alert.episodeKey());
                p.setString(3, ack.by());
                p.setTimestamp(4, Timestamp.from(ack.at()));
                p.setString(5, ack.note());
                p.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the acknowledgement of " + alert.id() + ": " + e.getMessage(), e);
        }
    }

    /** Acknowledgements by episode key. */
    public Map<String, Acknowledgement> acknowledgements() {
        try (Connection c = database.connect();
                PreparedStatement p = c.prepareStatement("SELECT episode, acked_by, acked_at, note FROM alert_ack");
                ResultSet rows = p.executeQuery()) {
            Map<String, Acknowledgement> out = new HashMap<>();
            while (rows.next()) {
                out.put(rows.getString(1), new Acknowledgement(rows.getString(2), rows.getTimestamp(3).toInstant(), rows.getString(4)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read acknowledgements: " + e.getMessage(), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
