package io.vigil.api;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.vigil.auth.Roles;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.SourceStatus;
import io.vigil.hub.SourceUpdate;
import io.vigil.hub.view.ActionsView;
import io.vigil.hub.view.SavedAction;
import io.vigil.web.ProblemException;

/** The latest saved actions (pause, block, deactivate, resume, unblock) as the pipelines source last read them. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/actions")
@Produces(MediaType.APPLICATION_JSON)
public class ActionsResource {

    private static final String SOURCE = ActionsView.SOURCE;

    private final MetricsHub hub;

    public ActionsResource(MetricsHub hub) {
        this.hub = hub;
    }

    /**
     * Newest first, at most {@code limit}, optionally of one client. {@code status} is the source's, so a dashboard
     * can tell a list that is not moving because the broker is down.
     */
    public record Actions(List<SavedAction> actions, SourceStatus status, Instant ts) {
    }

    @GET
    public Actions list(@QueryParam("limit") Integer limit, @QueryParam("client_id") String clientId) {
        if (limit != null && limit < 1) {
            throw ProblemException.badRequest("limit must be at least 1, got " + limit);
        }
        if (!hub.hasSource(SOURCE)) {
            throw ProblemException.notFound("The pipelines source is not configured");
        }
        SourceStatus status = hub.health(SOURCE).map(h -> h.status()).orElse(null);
        if (status == SourceStatus.DISABLED) {
            throw ProblemException.notFound("The pipelines source is disabled (vigil.pipelines.enabled=false)");
        }
        SourceUpdate update = hub.latest(SOURCE).orElseThrow(() -> new ProblemException(503, "Service Unavailable",
                "No saved actions read yet: " + hub.health(SOURCE)
                        .map(h -> h.lastError() == null ? "the source is " + h.status() : h.lastError()).orElse("unknown")));
        List<SavedAction> recent = update.snapshot() instanceof ActionsView r ? r.recentActions() : List.of();
        List<SavedAction> actions = recent.stream()
                .filter(a -> clientId == null || clientId.equals(a.clientId()))
                .limit(limit == null ? Long.MAX_VALUE : limit)
                .toList();
        return new Actions(actions, status, update.ts());
    }
}
