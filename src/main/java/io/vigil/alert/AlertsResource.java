package io.vigil.alert;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.vigil.auth.Roles;
import io.vigil.validation.OneLine;
import io.vigil.validation.RequestValidator;
import io.vigil.validation.Text;
import io.vigil.web.ProblemException;

/** The alerts now, their history, and acknowledging them. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    /** Who acknowledges and why. */
    public record AckRequest(@OneLine(max = 200) String by, @Text(max = 2000) String note) {
    }

    private final AlertEngine engine;
    private final AlertStore store;
    private final RequestValidator requests;

    public AlertsResource(AlertEngine engine, AlertStore store, RequestValidator requests) {
        this.engine = engine;
        this.store = store;
        this.requests = requests;
    }

    /** Pending and firing alerts (and, with {@code include_resolved=true}, those resolved lately), firing first. */
    @GET
    public List<Alert> active(@QueryParam("include_resolved") @DefaultValue("false") boolean includeResolved) {
        return engine.current().stream()
                .filter(a -> includeResolved || a.state() == AlertState.PENDING || a.state() == AlertState.FIRING)
                .sorted(Comparator.comparing(Alert::state).reversed().thenComparing(Alert::severity, Comparator.reverseOrder())
                        .thenComparing(Alert::rule))
                .toList();
    }

    @GET
    @Path("{id}")
    public Alert one(@PathParam("id") String id) {
        return engine.get(id).orElseThrow(() -> ProblemException.notFound("No current alert " + id));
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("{id}/ack")
    @Consumes(MediaType.APPLICATION_JSON)
    public Alert acknowledge(@PathParam("id") String id, AckRequest request) {
        requests.check(request);
        if (request == null || request.by() == null || request.by().isBlank()) {
            throw ProblemException.invalid("by", "say who acknowledges: {\"by\":\"alice\",\"note\":\"on it\"}");
        }
        try {
            return engine.acknowledge(id, request.by().trim(), request.note());
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No current alert " + id);
        } catch (IllegalStateException e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }

    @GET
    @Path("history")
    public List<Map<String, Object>> history(@QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("rule") String rule) {
        if (limit < 1 || limit > 10_000) {
            throw ProblemException.invalid("limit", "limit must be within 1..10000, got " + limit);
        }
        return store.history(limit, rule);
    }
}
