package io.vigil.ws;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.alert.AlertEngine;
import io.vigil.alert.AlertState;
import io.vigil.hub.HubMessage;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.Sample;
import io.vigil.hub.SourceHealth;
import io.vigil.hub.SourceUpdate;
import io.vigil.hub.view.ExperimentsSnapshot;
import io.vigil.hub.view.HostView;

/** The JSON messages of /ws/metrics. */
@ApplicationScoped
public class WsMessages {

    private final ObjectMapper json;
    private final MetricsHub hub;
    private final AlertEngine alerts;

    public WsMessages(ObjectMapper json, MetricsHub hub, AlertEngine alerts) {
        this.json = json;
        this.hub = hub;
        this.alerts = alerts;
    }

    String encode(HubMessage message) {
        if (message instanceof HubMessage.Update u) {
            return write(update(u.update()));
        }
        if (message instanceof HubMessage.StatusChange s) {
            return write(statusChange(s));
        }
        return write(event((HubMessage.Event) message));
    }

    private Map<String, Object> update(SourceUpdate u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "update");
        m.put("source", u.source());
        m.put("status", u.status());
        m.put("ts", u.ts());
        m.put("data", u.snapshot());
        Map<String, Double> series = new LinkedHashMap<>();
        for (Sample s : u.samples()) {
            series.put(s.key().toString(), s.value());
        }
        m.put("series", series);
        return m;
    }

    private Map<String, Object> statusChange(HubMessage.StatusChange s) {
        SourceHealth h = s.health();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "status_change");
        m.put("source", h.source());
        m.put("status", h.status());
        m.put("previous", s.previous());
        m.put("error", h.lastError());
        m.put("detail", h.detail());
        m.put("ts", h.since());
        return m;
    }

    private Map<String, Object> event(HubMessage.Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        if ("ALERT".equals(e.event().type())) {
            m.put("type", "alert");
            m.put("data", e.event().attributes().get("alert"));
            m.put("ts", e.event().ts());
            return m;
        }
        m.put("type", "event");
        m.put("source", e.event().source());
        m.put("event", e.event().type());
        m.put("data", e.event().attributes());
        m.put("ts", e.event().ts());
        return m;
    }

    String snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "snapshot");
        m.put("ts", Instant.now());
        m.put("data", sources());
        m.put("status", hub.health());
        m.put("topics", MetricsSubscribers.topics(hub));
        // A client that joins late learns the alerts already active here; "alert" messages then bring the changes.
        m.put("alerts", alerts.current().stream()
                .filter(a -> a.state() == AlertState.PENDING || a.state() == AlertState.FIRING).toList());
        return write(m);
    }

    /** The reply to get_current_data, in the shape the older lab dashboards read, plus every source. */
    String currentData() {
        Map<String, Object> data = new LinkedHashMap<>();
        ExperimentsSnapshot experiments = hub.latest(ExperimentsSnapshot.SOURCE).map(SourceUpdate::snapshot)
                .filter(ExperimentsSnapshot.class::isInstance).map(ExperimentsSnapshot.class::cast).orElse(null);
        data.put("experiments", experiments == null ? List.of() : experiments.recentRuns());
        data.put("current_experiment", experiments == null ? null : experiments.currentRun());
        data.put("system_health", hub.latest(HostView.SOURCE).map(SourceUpdate::snapshot).orElse(null));
        data.put("sources", sources());
        data.put("status", hub.health());
        return write(Map.of("type", "current_data", "ts", Instant.now(), "data", data));
    }

    String subscribed(List<String> topics) {
        return write(Map.of("type", "subscribed", "topics", topics));
    }

    String pong() {
        return write(Map.of("type", "pong", "ts", Instant.now()));
    }

    String error(String code, String message) {
        return write(Map.of("type", "error", "error", code, "message", message));
    }

    private Map<String, Object> sources() {
        Map<String, Object> sources = new LinkedHashMap<>();
        for (String name : hub.sourceNames()) {
            SourceUpdate u = hub.latest(name).orElse(null);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("status", hub.health(name).map(SourceHealth::status).orElse(null));
            one.put("ts", u == null ? null : u.ts());
            one.put("data", u == null ? null : u.snapshot());
            sources.put(name, one);
        }
        return sources;
    }

    private String write(Object message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a WebSocket message", e);
        }
    }
}
