package io.vigil.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;

/** {@code /healthz} and {@code /readyz}, the probe paths many clusters are set up with, answering as /q/health does. */
@PermitAll
@Path("/")
public class ProbeAliases {

    private final SmallRyeHealthReporter reporter;

    public ProbeAliases(SmallRyeHealthReporter reporter) {
        this.reporter = reporter;
    }

    @GET
    @Path("healthz")
    public Uni<Response> live() {
        return reporter.getLivenessAsync().map(ProbeAliases::respond);
    }

    @GET
    @Path("readyz")
    public Uni<Response> ready() {
        return reporter.getReadinessAsync().map(ProbeAliases::respond);
    }

    private static Response respond(SmallRyeHealth health) {
        return Response.status(health.isDown() ? 503 : 200)
                .type(MediaType.APPLICATION_JSON)
                .entity(health.getPayload().toString())
                .build();
    }
}
