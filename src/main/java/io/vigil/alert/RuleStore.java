package io.vigil.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.store.VigilDatabase;

/**
 * Alert rules in Vigil's database, each stored as its JSON definition. A stored rule that cannot be read or is not
 * valid (written by an older version, or edited by hand) is listed as invalid with the reason, never thrown: one bad
 * row must not stop the others, the API or Vigil's start. Blocking: call on worker threads.
 */
@ApplicationScoped
public class RuleStore {

    /**
     * A rule as stored: where it came from (default, file, api) and its version. An invalid one has only its name in
     * {@code rule}, and {@code error} says why it is not evaluated.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StoredRule(AlertRule rule, String origin, int version, Instant updatedAt, boolean valid, String error) {
    }

    private static final String COLUMNS = "name, definition, origin, version, updated_at";

    private final VigilDatabase database;
    private final ObjectMapper json;

    public RuleStore(VigilDatabase database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    public List<StoredRule> all() {
        try (Connection c = database.connect();
                PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM alert_rule ORDER BY name");
                ResultSet rows = p.executeQuery()) {
            List<StoredRule> out = new ArrayList<>();
            while (rows.next()) {
                out.add(read(rows));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read alert rules: " + e.getMessage(), e);
        }
    }

    public Optional<StoredRule> get(String name) {
        try (Connection c = database.connect();
                PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM alert_rule WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet rows = p.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read alert rule " + name + ": " + e.getMessage(), e);
        }
    }

    /** Inserts or replaces; returns the stored rule with its new version. */
    public StoredRule save(AlertRule rule, String origin) {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = database.connect()) {
            int updated;
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE alert_rule SET definition = ?, origin = ?, enabled = ?, version = version + 1, updated_at = ? WHERE name = ?")) {
                p.setString(1, write(rule));
                p.setString(2, origin);
                p.setInt(3, rule.isEnabled() ? 1 : 0);
                p.setTimestamp(4, now);
                p.setString(5, rule.name());
                updated = p.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO alert_rule (name, definition, origin, enabled, version,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)")) {
                    p.setString(1, rule.name());
                    p.setString(2, write(rule));
                    p.setString(3, origin);
                    p.setInt(4, rule.isEnabled() ? 1 : 0);
                    p.setTimestamp(5, now);
                    p.setTimestamp(6, now);
                    p.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store alert rule " + rule.name() + ": " + e.getMessage(), e);
        }
        return get(rule.name()).orElseThrow();
    }

    public boolean delete(String name) {
        try (Connection c = database.connect(); PreparedStatement p = c.prepareStatement("DELETE FROM alert_rule WHERE name = ?")) {
            p.setString(1, name);
            return p.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete alert rule " + name + ": " + e.getMessage(), e);
        }
    }

    private StoredRule read(ResultSet rows) throws SQLException {
        String origin = rows.getString("origin");
        int version = rows.getInt("version");
        Instant updatedAt = rows.getTimestamp("updated_at").toInstant();
        try {
            AlertRule rule = json.readValue(rows.getString("definition"), AlertRule.class).validate();
            return new StoredRule(rule, origin, version, updatedAt, true, null);
        } catch (JsonProcessingException e) {
            return invalid(rows.getString("name"), origin, version, updatedAt, e.getOriginalMessage());
        } catch (InvalidRuleException e) {
            return invalid(rows.getString("name"), origin, version, updatedAt, e.getMessage());
        }
    }

    private static StoredRule invalid(String name, String origin, int version, Instant updatedAt, String error) {
        AlertRule onlyName = new AlertRule(name, null, null, null, null, null, null, null, null, null, null, null, null, null);
        return new StoredRule(onlyName, origin, version, updatedAt, false, error);
    }

    private String write(AlertRule rule) {
        try {
            return json.writeValueAsString(rule);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
