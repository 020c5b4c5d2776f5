package io.vigil.store;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready while Vigil's database can be written, as the last {@link StoreProbe} found. */
@Readiness
@ApplicationScoped
public class StoreReadiness implements HealthCheck {

    public static final String NAME = "vigil-store";

    private final StoreProbe probe;

    public StoreReadiness(StoreProbe probe) {
        this.probe = probe;
    }

    @Override
    public HealthCheckResponse call() {
        StoreProbe.Outcome last = probe.last();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        if (last == null) {
            return response.down().withData("reason", "not checked yet").build();
        }
        response.status(last.writable()).withData("writable", last.writable()).withData("checked_at", last.at().toString());
        if (!last.writable()) {
            response.withData("reason", "Vigil's database cannot be written: " + last.reason());
        }
        return response.build();
    }
}
