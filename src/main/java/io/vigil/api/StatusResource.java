package io.vigil.api;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.vigil.auth.Roles;
import io.vigil.hub.MetricsHub;
import io.vigil.ws.MetricsSubscribers;

/** Sources and their status, uptime, and how many dashboards are connected. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    private final MetricsHub hub;
    private final MetricsSubscribers subscribers;

    public StatusResource(MetricsHub hub, MetricsSubscribers subscribers) {
        this.hub = hub;
        this.subscribers = subscribers;
    }

    @GET
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("started_at", hub.startedAt());
        out.put("uptime_seconds", Duration.between(hub.startedAt(), Instant.now()).toSeconds());
        out.put("sources", hub.health());
        out.put("subscribers", subscribers.count());
        out.put("dropped_for_slow_subscribers", hub.droppedForSlowConsumers());
        out.put("conflated_for_slow_subscribers", hub.conflatedForSlowConsumers());
        out.put("history", hub.history().stats());
        return out;
    }
}
