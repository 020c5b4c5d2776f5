package io.vigil.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.vigil.auth.Roles;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.SourceUpdate;
import io.vigil.hub.view.ExperimentsSnapshot;
import io.vigil.hub.view.HxRun;
import io.vigil.web.ProblemException;

/** Lab runs as the experiments source last read them. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/experiments")
@Produces(MediaType.APPLICATION_JSON)
public class ExperimentsResource {

    private final MetricsHub hub;

    public ExperimentsResource(MetricsHub hub) {
        this.hub = hub;
    }

    @GET
    public ExperimentsSnapshot list() {
        return snapshot();
    }

    @GET
    @Path("{runGuid}")
    public HxRun one(@PathParam("runGuid") String runGuid) {
        ExperimentsSnapshot snapshot = snapshot();
        return snapshot.recentRuns().stream()
                .filter(r -> r.runGuid().equalsIgnoreCase(runGuid))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("No run " + runGuid + " among the latest "
                        + snapshot.recentRuns().size() + " runs"));
    }

    private ExperimentsSnapshot snapshot() {
        if (!hub.hasSource(ExperimentsSnapshot.SOURCE)) {
            throw ProblemException.notFound("The experiments source is not configured");
        }
        return hub.latest(ExperimentsSnapshot.SOURCE)
                .map(SourceUpdate::snapshot)
                .map(ExperimentsSnapshot.class::cast)
                .orElseThrow(() -> new ProblemException(503, "Service Unavailable",
                        "No HxRun poll has succeeded yet: " + hub.health(ExperimentsSnapshot.SOURCE)
                                .map(h -> h.lastError() == null ? h.status().name() : h.lastError()).orElse("unknown")));
    }

}
