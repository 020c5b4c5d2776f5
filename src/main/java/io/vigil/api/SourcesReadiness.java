package io.vigil.api;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.vigil.hub.MetricsHub;
import io.vigil.hub.SourceHealth;

/** Ready when no required source is down or still starting; every source is named with its status. */
@Readiness
@ApplicationScoped
public class SourcesReadiness implements HealthCheck {

    private final MetricsHub hub;

    public SourcesReadiness(MetricsHub hub) {
        this.hub = hub;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("vigil-sources").up();
        for (SourceHealth h : hub.health()) {
            String value = h.status().name() + (h.optional() ? " (optional)" : "")
                    + (h.lastError() != null && h.status().name().equals("DOWN") ? ": " + h.lastError() : "");
            response.withData(h.source(), value);
            if (h.blocksReadiness()) {
                response.down();
            }
        }
        return response.build();
    }
}
