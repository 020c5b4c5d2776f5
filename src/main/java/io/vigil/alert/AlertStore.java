package io.vigil.alert;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.log.LogSafe;
import io.vigil.store.Jdbc;
import io.vigil.store.Truncate;

/** Alerts that are live (so a restart resumes them), their history, and acknowledgements. Blocking JDBC. */
@ApplicationScoped
public class AlertStore {

    private static final Logger LOG = Logger.getLogger(AlertStore.class);
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    private final Jdbc jdbc;
    private final ObjectMapper json;

    public AlertStore(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Records a change: the live state (removed once inactive; a notice is never live) and a history row for every
     * state reached, saying why Vigil ended it when it did.
     */
    public void changed(Alert alert, boolean stateChanged) {
        jdbc.inTransaction("store alert " + alert.id(), tx -> {
            tx.update("DELETE FROM active_alert WHERE id = ?", p -> p.setString(1, alert.id()));
            if (alert.state() != AlertState.INACTIVE && !alert.notice()) {
                tx.update("INSERT INTO active_alert (id, rule_name, state, body, updated_at) VALUES (?, ?, ?, ?, ?)", p -> {
                    p.setString(1, alert.id());
                    p.setString(2, alert.rule());
                    p.setString(3, alert.state().name());
                    p.setString(4, write(alert));
                    p.setTimestamp(5, Timestamp.from(Instant.now()));
                });
            }
            if (stateChanged) {
                tx.update("INSERT INTO alert_history (id, alert_id, rule_name, severity, state, labels, alert_value, summary, at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", p -> bindHistory(p, alert));
            }
            return null;
        });
    }

    private void bindHistory(PreparedStatement p, Alert alert) throws SQLException {
        p.setString(1, UUID.randomUUID().toString());
        p.setString(2, alert.id());
        p.setString(3, alert.rule());
        p.setString(4, alert.severity().label());
        p.setString(5, alert.state().name());
        p.setString(6, write(alert.labels()));
        boolean finite = !Double.isNaN(alert.value()) && !Double.isInfinite(alert.value());
        Jdbc.setDouble(p, 7, finite ? alert.value() : null);
        String summary = alert.annotations().get("summary");
        if (alert.reason() != null) {
            summary = (summary == null ? "" : summary + " ") + "(" + alert.reason() + ")";
        }
        p.setString(8, Truncate.keepingHead(summary, 2000));
        p.setTimestamp(9, Timestamp.from(alert.updatedAt() == null ? Instant.now() : alert.updatedAt()));
    }

    public List<Alert> live() {
        List<Optional<Alert>> rows = jdbc.query("read live alerts", "SELECT body FROM active_alert", Jdbc.NO_PARAMETERS, r -> {
            try {
                return Optional.of(json.readValue(r.getString(1), Alert.class));
            } catch (JsonProcessingException e) {
                // Written by another version: that alert starts over, the others and the start go on.
                LOG.warnf("A stored live alert cannot be read and is dropped: %s", LogSafe.escape(e.getOriginalMessage()));
                return Optional.empty();
            }
        });
        return rows.stream().flatMap(Optional::stream).toList();
    }

    public List<Map<String, Object>> history(int limit, String rule) {
        String sql = "SELECT TOP " + Math.max(1, Math.min(limit, 10_000)) + " alert_id, rule_name, severity, state, labels,"
                + " alert_value, summary, at FROM alert_history" + (rule == null ? "" : " WHERE rule_name = ?")
                + " ORDER BY at DESC";
        return jdbc.query("read alert history", sql, p -> {
            if (rule != null) {
                p.setString(1, rule);
            }
        }, this::historyRow);
    }

    private Map<String, Object> historyRow(ResultSet rows) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("alert_id", rows.getString("alert_id"));
        row.put("rule", rows.getString("rule_name"));
        row.put("severity", rows.getString("severity"));
        row.put("state", rows.getString("state"));
        try {
            row.put("labels", json.readValue(rows.getString("labels"), LABELS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read alert history: " + e.getMessage(), e);
        }
        double value = rows.getDouble("alert_value");
        row.put("value", rows.wasNull() ? null : value);
        row.put("summary", rows.getString("summary"));
        row.put("at", rows.getTimestamp("at").toInstant());
        return row;
    }

    public void acknowledge(Alert alert, Acknowledgement ack) {
        jdbc.inTransaction("store the acknowledgement of " + alert.id(), tx -> {
            tx.update("DELETE FROM alert_ack WHERE alert_id = ? AND episode = ?", p -> {
                p.setString(1, alert.id());
                p.setString(2, alert.episodeKey());
            });
            tx.update("INSERT INTO alert_ack (alert_id, episode, acked_by, acked_at, note) VALUES (?, ?, ?, ?, ?)", p -> {
                p.setString(1, alert.id());
                p.setString(2, alert.episodeKey());
                p.setString(3, ack.by());
                p.setTimestamp(4, Timestamp.from(ack.at()));
                p.setString(5, ack.note());
            });
            return null;
        });
    }

    /** Acknowledgements by episode key. */
    public Map<String, Acknowledgement> acknowledgements() {
        return jdbc.query("read acknowledgements", "SELECT episode, acked_by, acked_at, note FROM alert_ack", Jdbc.NO_PARAMETERS,
                rows -> Map.entry(rows.getString(1), new Acknowledgement(rows.getString(2), rows.getTimestamp(3).toInstant(),
                        rows.getString(4))))
                .stream().collect(HashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), HashMap::putAll);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
