package io.vigil.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.store.Jdbc;

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

    private final Jdbc jdbc;
    private final ObjectMapper json;

    public RuleStore(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<StoredRule> all() {
        return jdbc.query("read alert rules", "SELECT " + COLUMNS + " FROM alert_rule ORDER BY name", Jdbc.NO_PARAMETERS,
                this::read);
    }

    public Optional<StoredRule> get(String name) {
        return jdbc.queryOne("read alert rule " + name, "SELECT " + COLUMNS + " FROM alert_rule WHERE name = ?",
                p -> p.setString(1, name), this::read);
    }

    /** Inserts or replaces; returns the stored rule with its new version. */
    public StoredRule save(AlertRule rule, String origin) {
        Timestamp now = Timestamp.from(Instant.now());
        String definition = write(rule);
        jdbc.inTransaction("store alert rule " + rule.name(), tx -> {
            int updated = tx.update("UPDATE alert_rule SET definition = ?, origin = ?, enabled = ?, version = version + 1,"
                    + " updated_at = ? WHERE name = ?", p -> {
                        p.setString(1, definition);
                        p.setString(2, origin);
                        p.setInt(3, rule.isEnabled() ? 1 : 0);
                        p.setTimestamp(4, now);
                        p.setString(5, rule.name());
                    });
            if (updated == 0) {
                tx.update("INSERT INTO alert_rule (name, definition, origin, enabled, version, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, 1, ?, ?)", p -> {
                            p.setString(1, rule.name());
                            p.setString(2, definition);
                            p.setString(3, origin);
                            p.setInt(4, rule.isEnabled() ? 1 : 0);
                            p.setTimestamp(5, now);
                            p.setTimestamp(6, now);
                        });
            }
            return null;
        });
        return get(rule.name()).orElseThrow();
    }

    public boolean delete(String name) {
        return jdbc.update("delete alert rule " + name, "DELETE FROM alert_rule WHERE name = ?", p -> p.setString(1, name)) > 0;
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
