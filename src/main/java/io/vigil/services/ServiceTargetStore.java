package io.vigil.services;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.hub.view.ServiceTarget;
import io.vigil.store.Jdbc;

/** Targets made over the API, in Vigil's database (table {@code service_target}). Blocking JDBC: worker threads. */
@ApplicationScoped
public class ServiceTargetStore {

    static final String ORIGIN = "api";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "name, url, method, headers, interval_ms, timeout_ms, expected_status, body_contains, "
            + "json_path, json_value, max_response_time_ms, insecure";

    private final Jdbc jdbc;

    public ServiceTargetStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<ServiceTarget> all() {
        return jdbc.query("read service targets", "SELECT " + COLUMNS + " FROM service_target ORDER BY name", Jdbc.NO_PARAMETERS,
                ServiceTargetStore::read);
    }

    public void insert(ServiceTarget target) {
        Instant now = Instant.now();
        jdbc.update("store the service target", "INSERT INTO service_target (" + COLUMNS + ", created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s -> {
                    int i = bind(s, target);
                    Jdbc.setTimestamp(s, i++, now);
                    Jdbc.setTimestamp(s, i, now);
                });
    }

    /** @return whether there was such a target */
    public boolean update(ServiceTarget target) {
        return jdbc.update("store the service target", "UPDATE service_target SET name = ?, url = ?, method = ?, headers = ?, "
                + "interval_ms = ?, timeout_ms = ?, expected_status = ?, body_contains = ?, json_path = ?, json_value = ?, "
                + "max_response_time_ms = ?, insecure = ?, updated_at = ? WHERE name = ?", s -> {
                    int i = bind(s, target);
                    Jdbc.setTimestamp(s, i++, Instant.now());
                    s.setString(i, target.name());
                }) > 0;
    }

    public boolean delete(String name) {
        return jdbc.update("delete the service target", "DELETE FROM service_target WHERE name = ?",
                s -> s.setString(1, name)) > 0;
    }

    private static int bind(PreparedStatement s, ServiceTarget t) throws SQLException {
        int i = 1;
        s.setString(i++, t.name());
        s.setString(i++, t.url().toString());
        s.setString(i++, t.method());
        s.setString(i++, t.headers().isEmpty() ? null : headers(t.headers()));
        s.setLong(i++, t.interval().toMillis());
        s.setLong(i++, t.timeout().toMillis());
        s.setString(i++, t.expectedStatus());
        s.setString(i++, t.bodyContains());
        s.setString(i++, t.jsonPath());
        s.setString(i++, t.jsonValue());
        Jdbc.setLong(s, i++, t.maxResponseTime() == null ? null : t.maxResponseTime().toMillis());
        s.setShort(i++, (short) (t.insecure() ? 1 : 0));
        return i;
    }

    private static ServiceTarget read(ResultSet row) throws SQLException {
        String headers = row.getString("headers");
        long max = row.getLong("max_response_time_ms");
        Duration maxResponseTime = row.wasNull() ? null : Duration.ofMillis(max);
        return ServiceTarget.of(row.getString("name"), row.getString("url"), row.getString("method"),
                headers == null ? Map.of() : headers(headers), Duration.ofMillis(row.getLong("interval_ms")),
                Duration.ofMillis(row.getLong("timeout_ms")), row.getString("expected_status"), row.getString("body_contains"),
                row.getString("json_path"), row.getString("json_value"), maxResponseTime, row.getShort("insecure") != 0, ORIGIN);
    }

    /** The headers as stored: a JSON object (at most what the column holds, checked by the resource). */
    static String headers(Map<String, String> headers) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(headers));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> headers(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored service target has unreadable headers", e);
        }
    }
}
